// SMS surveys: (1) visit events accepted and evaluated for eligibility per second, through SmsService.acceptEvents
// in batches of 1,000 (the same call the REST, CSV and FHIR endpoints make), on PGlite and, when DATABASE_URL is
// set, on PostgreSQL; (2) dispatch through a real Kannel (bearerbox + smsbox, fake SMSC): messages per second from
// Kuulo to the phones and the end-to-end delay from the dispatch round to the phone, with delivery reports coming
// back to Kuulo over HTTP. Run: npm run bench:sms
// Options (environment): BENCH_SMS_EVENTS (20000), BENCH_SMS_DISPATCH (2000; the issue asks 100000),
// BENCH_SMS_BATCH (1000), BENCH_ENGINES=pglite,postgres, BENCH_SMS_PARTS=events,dispatch.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from '../src/server/config.ts';
import { composeKuulo, type Kuulo } from '../src/server/composition.ts';
import { openTestDatabase, testEngines } from '../src/server/db/testing.ts';
import type { Database, Engine } from '../src/server/db/database.ts';
import { freePort, isKannelInstalled, startKannel } from '../src/server/testing/kannel.ts';
import { kannelIncomingUrl } from '../src/server/adapters/sms/kannel.ts';
import type { VisitEventInput } from '../src/server/modules/sms/index.ts';

const EVENTS = Number(process.env.BENCH_SMS_EVENTS ?? 20_000);
const DISPATCH = Number(process.env.BENCH_SMS_DISPATCH ?? 2_000);
const BATCH = Number(process.env.BENCH_SMS_BATCH ?? 1_000);
const PARTS = (process.env.BENCH_SMS_PARTS ?? 'events,dispatch').split(',');
const ENGINES = (process.env.BENCH_ENGINES?.split(',') as Engine[] | undefined) ?? testEngines();
const UNITS = 200;

async function compose(engine: Engine, overrides: Partial<Config>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-bench-sms-'));
  const config = loadConfig(
    {},
    {
      dataDir,
      seedDemo: false,
      logLevel: 'silent',
      runJobs: false,
      secret: 'bench-secret-'.padEnd(40, 'x'),
      ...overrides,
    },
  );
  const database: Database = await openTestDatabase(engine);
  const kuulo = composeKuulo(config, database, pino({ level: 'silent' }));
  await kuulo.surveys.service.ensureBuiltInSurveys();
  const units = [
    { id: 'root', parent_id: null, type: 'division', name_fi: 'Sote' },
    ...Array.from({ length: UNITS }, (_, i) => ({
      id: `u${i}`,
      parent_id: 'root',
      type: 'unit',
      name_fi: `Terveysasema ${i}`,
    })),
  ];
  await kuulo.organisation.service.importUnits(
    { format: 'json', content: JSON.stringify(units) },
    { dryRun: false, actorId: null, source: 'bench' },
  );
  const survey = await kuulo.surveys.service.getCurrent('thl-national');
  await kuulo.surveys.service.publish({
    surveyId: survey!.surveyId,
    unitId: 'root',
    includeSubtree: true,
    channels: ['sms'],
    actorId: null,
  });
  await kuulo.sms.service.saveSettings(null, { dailyLimit: 10_000_000 }, null);
  return {
    kuulo,
    database,
    async close() {
      await kuulo.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Realistic mix: most people once, some twice (follow-ups, 30-day rule), some minors, no consent, turvakielto. */
function makeEvents(count: number, phones: number, seed: string): VisitEventInput[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    eventId: `${seed}-${i}`,
    phone: `+3584${String(10_000_000 + ((i * 7919) % phones)).padStart(8, '0')}`,
    visitTime: new Date(now - 3_600_000 - (i % 5000) * 1000).toISOString(),
    visitType: 'appointment',
    unit: `u${i % UNITS}`,
    language: i % 10 === 0 ? 'sv' : 'fi',
    age: i % 17 === 0 ? 15 : 20 + (i % 60),
    consent: i % 23 !== 0,
    nonDisclosure: i % 97 === 0,
  }));
}

async function benchEvents(engine: Engine) {
  const bench = await compose(engine, {});
  try {
    const events = makeEvents(EVENTS, Math.floor(EVENTS * 0.8), randomUUID());
    const started = performance.now();
    const cpu = process.cpuUsage();
    const pgCpu = postgresCpuMicros();
    let invited = 0;
    for (let i = 0; i < events.length; i += BATCH) {
      const result = await bench.kuulo.sms.service.acceptEvents(events.slice(i, i + BATCH), 'api');
      invited += result.invited;
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    // Kuulo's own CPU per event (the PGlite worker included, PostgreSQL's server processes not): a figure that
    // depends less on what else the machine is doing than events/s does.
    const cpuMicrosPerEvent = (used.user + used.system) / EVENTS;
    const pgMicrosPerEvent = engine === 'postgres' ? (postgresCpuMicros() - pgCpu) / EVENTS : Number.NaN;
    console.log(
      `events ${engine}: ${EVENTS} events in ${seconds.toFixed(2)} s = ${Math.round(EVENTS / seconds)} events/s accepted and evaluated (batch ${BATCH}); invited ${invited}; Kuulo process CPU ${cpuMicrosPerEvent.toFixed(0)} µs/event` +
        (Number.isNaN(pgMicrosPerEvent) ? '' : `; PostgreSQL CPU ≤ ${pgMicrosPerEvent.toFixed(0)} µs/event`),
    );
  } finally {
    await bench.close();
  }
}

/**
 * CPU used so far by every PostgreSQL process on this host (Linux /proc), in µs; NaN elsewhere. Other clients of
 * the same server count too, so on a shared machine this is an upper bound.
 */
function postgresCpuMicros(): number {
  try {
    let total = 0;
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10_000; // utime + stime in 1/100 s
    }
    return total;
  } catch {
    return Number.NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

async function benchDispatch(engine: Engine) {
  if (!isKannelInstalled())
    return console.log('dispatch: Kannel is not installed (scripts/ensure-system-packages.sh)');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = 'bench-callback-token-0000';
  const kannel = await startKannel({ incomingUrl: kannelIncomingUrl(base, token) });
  const bench = await compose(engine, {
    publicUrl: base,
    smsGateway: 'kannel',
    smsKannelUrl: kannel.sendsmsUrl,
    smsKannelPassword: kannel.password,
    smsCallbackBaseUrl: base,
    smsCallbackToken: token,
  });
  const app = await bench.kuulo.http();
  await app.listen({ port, host: '127.0.0.1' });
  try {
    const kuulo: Kuulo = bench.kuulo;
    const events = makeEvents(DISPATCH, DISPATCH, randomUUID()).map((e) => ({
      ...e,
      age: 40,
      consent: true,
      nonDisclosure: false,
    }));
    for (let i = 0; i < events.length; i += BATCH)
      await kuulo.sms.service.acceptEvents(events.slice(i, i + BATCH), 'api');
    const { rows } = await kuulo.database.db
      .selectFrom('sms_invitations')
      .select((eb) => [eb.fn.max('next_attempt_at').as('due'), eb.fn.countAll<number>().as('n')])
      .execute()
      .then((r) => ({ rows: r }));
    const due = new Date(rows[0]?.due as Date);
    const total = Number(rows[0]?.n ?? 0);
    // End-to-end delay per message: from the moment the dispatcher hands it to the gateway until the phone has it.
    const gateway = kuulo.sms.gateway!;
    const send = gateway.send.bind(gateway);
    const handedOver = new Map<string, number>();
    (gateway as { send: typeof send }).send = (sms) => {
      handedOver.set(sms.to, Date.now());
      return send(sms);
    };
    const delays: number[] = [];
    let delivered = 0;
    kannel.smsc.onDelivered((sms) => {
      delivered++;
      delays.push(sms.at.getTime() - (handedOver.get(sms.to) ?? sms.at.getTime()));
    });
    const started = Date.now();
    let sent = 0;
    while (sent < total) {
      const result = await kuulo.sms.dispatcher.runDue(due, 200);
      sent += result.sent;
      if (result.sent === 0 && result.retried === 0) break;
    }
    await kannel.smsc.waitForDelivered(sent, 120_000);
    const seconds = (Date.now() - started) / 1000;
    const reportsDeadline = Date.now() + 60_000;
    let reported = 0;
    while (Date.now() < reportsDeadline) {
      const row = await kuulo.database.db
        .selectFrom('sms_invitations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'delivered')
        .executeTakeFirst();
      reported = Number(row?.n ?? 0);
      if (reported >= sent) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const reportSeconds = (Date.now() - started) / 1000;
    delays.sort((a, b) => a - b);
    console.log(
      `dispatch ${engine}: ${sent}/${total} invitations through Kannel in ${seconds.toFixed(1)} s = ${Math.round(sent / seconds)} messages/s; ` +
        `end-to-end delay (handed to Kannel → phone) p50 ${percentile(delays, 0.5)} ms, p95 ${percentile(delays, 0.95)} ms, max ${percentile(delays, 1)} ms; ` +
        `${reported} delivery reports back in Kuulo after ${reportSeconds.toFixed(1)} s; phones got ${delivered}`,
    );
  } finally {
    await app.close();
    await bench.close();
    await kannel.stop();
  }
}

const limit = setTimeout(() => {
  console.error('bench:sms ran past 9 minutes; stopping');
  process.exit(2);
}, 9 * 60_000);
limit.unref();

if (PARTS.includes('events')) for (const engine of ENGINES) await benchEvents(engine);
if (PARTS.includes('dispatch')) await benchDispatch(ENGINES.includes('postgres') ? 'postgres' : 'pglite');
