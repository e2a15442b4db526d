// Intake throughput: durable responses per second through POST /api/v1/responses at 50 connections, against a
// no-op route with the same body schema in the same server, on PGlite (temporary data directory) and, when
// DATABASE_URL is set, on PostgreSQL (a throwaway database). Run: node --import tsx bench/intake.ts
//
// The server runs in a child process (this file with --serve) so the load generator does not share its event
// loop and its memory can be read on its own. Everything stops by itself: a global time limit kills the child.
// Options (environment): BENCH_SECONDS (10, per route and round), BENCH_ROUNDS (3: the routes alternate and the
// ratio is the median of the rounds'), BENCH_CONNECTIONS (50), BENCH_ENGINES=pglite,postgres,
// BENCH_ROUTES=no-op,intake, BENCH_PROFILE=DIR (server CPU profile), BENCH_LOAD=wrk|autocannon (wrk when installed).
// Besides the server's CPU per request it prints PostgreSQL's and the load generator's: on a small machine all three
// share the cores, so the ratio of the two routes depends on all three.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { createLogger } from '../src/server/logger.ts';
import { openConfiguredDatabase } from '../src/server/boot.ts';
import { composeKuulo } from '../src/server/composition.ts';
import { SubmissionBody } from '../src/server/modules/intake/index.ts';
import type { Engine } from '../src/server/db/database.ts';

const SELF = fileURLToPath(import.meta.url);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const WARMUP_S = 2;
const TIME_LIMIT_MS = 8 * 60_000;
const UNIT_ID = 'bench-unit';

// ---------------------------------------------------------------------------------------------- the load ----

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface CannonResult {
  requests: Histogram;
  latency: Histogram;
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU the load generator itself used (µs, user + system). */
  loadCpuMicros?: number;
}
type Cannon = (
  opts: Record<string, unknown>,
  done: (error: Error | null, result: CannonResult) => void,
) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const COMMENTS = [
  'Hoitaja oli todella ystävällinen, kiitos!',
  'Jouduin odottamaan puhelinjonossa liian kauan.',
  'Personalen var vänlig och kunnig.',
  'The doctor listened and explained everything clearly.',
  'Soittakaa minulle numeroon 040 123 4567, kiitos.',
];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/** A realistic national-set answer with a fresh submissionId; a third carry a comment. */
function body(): string {
  const answers: Record<string, unknown> = {
    recommendation: Math.floor(Math.random() * 11),
    smooth: 1 + Math.floor(Math.random() * 5),
    timely: pick([1, 2, 3, 4, 5, 'cant_say']),
    respect: 1 + Math.floor(Math.random() * 5),
    respondent_type: pick(['client', 'relative', 'assisted']),
  };
  if (Math.random() < 0.33) answers.comment = pick(COMMENTS);
  return JSON.stringify({
    submissionId: randomUUID(),
    survey: 'thl-national',
    unit: UNIT_ID,
    channel: 'web',
    language: pick(['fi', 'sv', 'en']),
    answers,
  });
}

function load(url: string, seconds: number): Promise<CannonResult> {
  if (LOADER === 'wrk') return loadWrk(url, seconds);
  // autocannon runs in this process: its CPU is this process's CPU while it runs.
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request: Record<string, unknown>) => ({ ...request, body: body() }),
          },
        ],
      },
      (error, result) => {
        const cpu = process.cpuUsage(cpuBefore);
        if (error) reject(error);
        else resolve({ ...result, loadCpuMicros: cpu.user + cpu.system });
      },
    );
  });
}

// wrk (C, one event loop per thread) drives the same load for a fraction of autocannon's CPU. On a 2-core machine
// that CPU is taken from the server and the database, and it is not the same for both routes: autocannon's cost
// per request is fixed, so it caps the fast no-op route harder than the intake route. Each request gets a fresh
// submissionId from the Lua script; the body mix is the same as body() above.
const WRK_SCRIPT = `
local comments = { ${COMMENTS.map((c) => JSON.stringify(JSON.stringify(c))).join(', ')} }
local timely = { '1', '2', '3', '4', '5', '"cant_say"' }
local types = { 'client', 'relative', 'assisted' }
local languages = { 'fi', 'sv', 'en' }
local counter = 0
function setup(thread) counter = counter + 1; thread:set('seed', counter) end
function init(args) math.randomseed(os.time() * 1000 + seed) end
local function hex(n)
  local out = {}
  for i = 1, n do out[i] = string.format('%x', math.random(0, 15)) end
  return table.concat(out)
end
function request()
  local id = hex(8) .. '-' .. hex(4) .. '-4' .. hex(3) .. '-' .. string.format('%x', math.random(8, 11)) .. hex(3) .. '-' .. hex(12)
  local answers = '"recommendation":' .. math.random(0, 10) .. ',"smooth":' .. math.random(1, 5) ..
    ',"timely":' .. timely[math.random(1, 6)] .. ',"respect":' .. math.random(1, 5) ..
    ',"respondent_type":"' .. types[math.random(1, 3)] .. '"'
  if math.random() < 0.33 then answers = answers .. ',"comment":' .. comments[math.random(1, #comments)] end
  local body = '{"submissionId":"' .. id .. '","survey":"thl-national","unit":"${UNIT_ID}","channel":"web",' ..
    '"language":"' .. languages[math.random(1, 3)] .. '","answers":{' .. answers .. '}}'
  return wrk.format('POST', nil, { ['content-type'] = 'application/json' }, body)
end
function done(summary, latency, requests)
  io.write(string.format('WRK_RESULT {"requests":%d,"duration":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50":%f,"p99":%f}\\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
`;

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

const LOADER = process.env.BENCH_LOAD ?? (hasWrk() ? 'wrk' : 'autocannon');

function loadWrk(url: string, seconds: number): Promise<CannonResult> {
  const script = path.join(os.tmpdir(), `kuulo-bench-${process.pid}.lua`);
  fs.writeFileSync(script, WRK_SCRIPT);
  return new Promise((resolve, reject) => {
    const args = [
      '-t',
      '1',
      '-c',
      String(CONNECTIONS),
      '-d',
      `${seconds}s`,
      '--timeout',
      '10s',
      '-s',
      script,
      url,
    ];
    // bash's `times` prints the CPU its children (wrk) used: the load generator's own cost.
    const child = spawn('bash', ['-c', 'wrk "$@"; status=$?; times; exit $status', 'wrk', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      fs.rmSync(script, { force: true });
      const line = output.split('\n').find((l) => l.startsWith('WRK_RESULT '));
      if (!line) return reject(new Error(`wrk printed no result:\n${output}`));
      const r = JSON.parse(line.slice('WRK_RESULT '.length)) as Record<string, number>;
      const n = (key: string) => r[key] ?? 0;
      const failed = n('status');
      const times = output
        .trim()
        .split('\n')
        .at(-1)
        ?.match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
      const seconds = times ? 60 * (+times[1]! + +times[3]!) + +times[2]! + +times[4]! : Number.NaN;
      resolve({
        requests: { average: 0, p50: 0, p99: 0 },
        latency: { average: 0, p50: n('p50'), p99: n('p99') },
        duration: n('duration') / 1e6,
        '2xx': n('requests') - failed,
        non2xx: failed,
        errors: n('connect') + n('read') + n('write'),
        timeouts: n('timeout'),
        loadCpuMicros: seconds * 1e6,
      });
    });
  });
}

// ------------------------------------------------------------------------------------------- the server ----

type Request = { type: 'rss' } | { type: 'count' } | { type: 'cpu' } | { type: 'stop' };
type Reply =
  | { type: 'ready'; url: string }
  | { type: 'rss'; rss: number }
  | { type: 'count'; count: number }
  | { type: 'cpu'; micros: number }
  | { type: 'failed'; message: string };

function send(message: Reply): void {
  process.send?.(message);
}

async function throwawayPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kuulo_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function serve(engine: Engine): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-bench-'));
  const postgres =
    engine === 'postgres' ? await throwawayPostgres(process.env.DATABASE_URL ?? '') : undefined;
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: postgres?.url,
      seedDemo: false,
      logLevel: 'warn',
      runJobs: false,
      // The bench is one client hammering one unit: the per-client limit would stop it after a second.
      intakeRatePerMinute: 1_000_000_000,
      secret: 'bench-secret-'.padEnd(40, 'x'),
    },
  );
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config, logger);
  const kuulo = composeKuulo(config, database, logger);
  await kuulo.surveys.service.ensureBuiltInSurveys();
  await kuulo.organisation.service.createUnit(
    {
      id: UNIT_ID,
      parentId: null,
      type: 'unit',
      names: { fi: 'Mittayksikkö', sv: 'Mätenhet', en: 'Bench unit' },
    },
    { actorId: null, source: 'cli' },
  );
  const survey = await kuulo.surveys.service.getCurrent('thl-national');
  if (!survey) throw new Error('thl-national is missing');
  await kuulo.surveys.service.publish({
    surveyId: survey.surveyId,
    unitId: UNIT_ID,
    includeSubtree: true,
    channels: ['web'],
    actorId: null,
  });
  const app = await kuulo.http();
  // Same parsing and validation as the real route, nothing else: the ceiling the write path is measured against.
  app.post('/bench/noop', { schema: { body: SubmissionBody } }, async (_request, reply) =>
    reply.status(201).send({ id: randomUUID() }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const stop = async () => {
    await app.close();
    await kuulo.stop();
    await database.close();
    await postgres?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('message', (message: Request) => {
    if (message.type === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss });
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', micros: usage.user + usage.system });
    }
    if (message.type === 'count')
      void sql<{ n: number }>`select count(*)::int as n from responses`
        .execute(database.db)
        .then((r) => send({ type: 'count', count: Number(r.rows[0]?.n ?? 0) }));
    if (message.type === 'stop') void stop().finally(() => process.exit(0));
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  send({ type: 'ready', url: `http://127.0.0.1:${port}` });
}

// --------------------------------------------------------------------------------------------- the bench ----

function ask<T extends Reply['type']>(child: ChildProcess, type: T, timeoutMs = 120_000) {
  return new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${type} from the server in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: Reply) => {
      if (message.type === 'failed') reject(new Error(`server failed: ${message.message}`));
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as Extract<Reply, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    if (type !== 'ready') child.send({ type });
  });
}

// PostgreSQL processes that work for the bench: its database's backends (their title names the database) and the
// shared WAL and checkpoint processes. Other databases' backends (other work on a shared machine) are left out.
function isBenchPostgres(pid: string): boolean {
  try {
    const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /kuulo_bench_|walwriter|checkpointer|background writer/.test(title);
  } catch {
    return false;
  }
}

/** CPU used so far by each of the bench's PostgreSQL processes (Linux /proc), in µs by pid; empty elsewhere. */
function postgresCpuByPid(): Map<string, number> {
  const tick = 1e6 / 100; // USER_HZ is 100 on Linux
  const byPid = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return byPid;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres') || !isBenchPostgres(pid)) continue;
    const fields = stat.slice(close + 2).split(' ');
    byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * tick); // utime, stime
  }
  return byPid;
}

/** PostgreSQL CPU (µs) spent between two samples; a process that started meanwhile counts from zero. */
function postgresCpuBetween(before: Map<string, number>, after: Map<string, number>): number {
  if (after.size === 0) return Number.NaN;
  let total = 0;
  for (const [pid, micros] of after) total += micros - (before.get(pid) ?? 0);
  return total;
}

interface Row {
  engine: Engine;
  route: string;
  round: number;
  reqPerS: number;
  p50: number;
  p99: number;
  rssMb: number;
  /** Server CPU (all its threads) per acknowledged request. */
  cpuMicros: number;
  /** Load generator CPU per acknowledged request: it shares the cores with the server and the database. */
  loadCpuMicros: number;
  /** PostgreSQL's CPU (all its processes) per acknowledged request; PGlite's is in the server's. */
  dbCpuMicros: number;
  errors: number;
}

async function measureRoute(
  child: ChildProcess,
  engine: Engine,
  url: string,
  route: string,
  pathName: string,
  round: number,
): Promise<Row> {
  const before = (await ask(child, 'count')).count;
  const cpuBefore = (await ask(child, 'cpu')).micros;
  const dbCpuBefore = engine === 'postgres' ? postgresCpuByPid() : new Map<string, number>();
  console.log(
    `[${engine}] round ${round}/${ROUNDS}, ${route}: ${CONNECTIONS} connections for ${DURATION_S} s`,
  );
  const result = await load(`${url}${pathName}`, DURATION_S);
  const cpu = (await ask(child, 'cpu')).micros - cpuBefore;
  const dbCpu = engine === 'postgres' ? postgresCpuBetween(dbCpuBefore, postgresCpuByPid()) : Number.NaN;
  const { rss } = await ask(child, 'rss');
  const stored = (await ask(child, 'count')).count - before;
  // Requests still in flight when the clock stops are stored but not counted: only fewer is a problem.
  if (route === 'intake' && stored < result['2xx'])
    console.warn(`[${engine}] ${result['2xx']} acknowledged but ${stored} stored`);
  return {
    engine,
    route,
    round,
    reqPerS: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMb: rss / 1024 / 1024,
    cpuMicros: cpu / Math.max(1, result['2xx']),
    dbCpuMicros: dbCpu / Math.max(1, result['2xx']),
    loadCpuMicros: (result.loadCpuMicros ?? Number.NaN) / Math.max(1, result['2xx']),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function benchEngine(engine: Engine): Promise<Row[]> {
  const child = fork(SELF, ['--serve', engine], {
    // BENCH_PROFILE=DIR writes the server's CPU profile there (open it in Chrome DevTools).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { url } = await ask(child, 'ready', 180_000);
    console.log(`[${engine}] serving at ${url}; warming up`);
    await load(`${url}/bench/noop`, WARMUP_S);
    await load(`${url}/api/v1/responses`, WARMUP_S);
    const rows: Row[] = [];
    const routes = [
      ['no-op', '/bench/noop'],
      ['intake', '/api/v1/responses'],
    ] as const;
    // BENCH_ROUTES=intake measures one route only (e.g. for a CPU profile of the write path alone).
    const wantedRoutes = process.env.BENCH_ROUTES?.split(',');
    const measured = routes.filter(([r]) => !wantedRoutes || wantedRoutes.includes(r));
    // The routes alternate, round after round: a shared VM's speed drifts by tens of per cent over a minute, and
    // a ratio taken within one round is much steadier than one taken between two separate minutes.
    for (let round = 1; round <= ROUNDS; round++)
      for (const [route, pathName] of measured)
        rows.push(await measureRoute(child, engine, url, route, pathName, round));
    return rows;
  } finally {
    child.send({ type: 'stop' });
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      if (child.exitCode !== null) resolve();
    });
  }
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  setTimeout(() => {
    console.error(`bench: still running after ${TIME_LIMIT_MS / 1000} s, giving up`);
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  }, TIME_LIMIT_MS).unref();
  const available: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  // BENCH_ENGINES=postgres runs one engine only.
  const wanted = process.env.BENCH_ENGINES?.split(',');
  const engines = available.filter((e) => !wanted || wanted.includes(e));
  const rows: Row[] = [];
  for (const engine of engines) rows.push(...(await benchEngine(engine)));

  console.log(
    `\nIntake throughput, ${CONNECTIONS} connections, ${DURATION_S} s per route and round, ${ROUNDS} rounds (${os.cpus().length} CPUs, load: ${LOADER})`,
  );
  console.log(
    'engine    round route    durable req/s   p50 ms   p99 ms   server RSS MB   server CPU µs/req   db CPU µs/req   load CPU µs/req   errors',
  );
  for (const r of rows)
    console.log(
      `${r.engine.padEnd(9)} ${String(r.round).padStart(5)} ${r.route.padEnd(8)} ${r.reqPerS.toFixed(0).padStart(13)} ${r.p50.toFixed(1).padStart(8)} ` +
        `${r.p99.toFixed(1).padStart(8)} ${r.rssMb.toFixed(0).padStart(15)} ${r.cpuMicros.toFixed(0).padStart(19)} ${r.dbCpuMicros.toFixed(0).padStart(15)} ${r.loadCpuMicros.toFixed(0).padStart(17)} ` +
        `${String(r.errors).padStart(8)}`,
    );
  for (const engine of engines) {
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const noop = rows.find((r) => r.engine === engine && r.route === 'no-op' && r.round === round);
      const intake = rows.find((r) => r.engine === engine && r.route === 'intake' && r.round === round);
      if (noop && intake) ratios.push((100 * intake.reqPerS) / noop.reqPerS);
    }
    if (ratios.length === 0) continue;
    const each = ratios.map((r) => `${r.toFixed(0)} %`).join(', ');
    console.log(`${engine}: intake / no-op = ${median(ratios).toFixed(0)} % (median of rounds: ${each})`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3] === 'postgres' ? 'postgres' : 'pglite').catch((error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    console.error(error);
    process.exit(1);
  });
} else {
  await main();
}
