// Insights at scale: load synthetic responses over a ~3,000-unit tree, then time the division-level dashboard
// query set (12 months by month, children table with sparklines, statement bars) from the aggregates against the
// same figures computed by a plain SQL scan of raw responses IN THE SAME RUN; the event-loop stall while it runs;
// how fast the aggregator folds a backlog and keeps up with 10,000 new responses per second; and what the
// change-log trigger costs an intake-shaped insert compared with no trigger and with synchronous maintenance.
//   PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_ENGINE=postgres npm run bench:insights
//   PGlite:     BENCH_ENGINE=pglite npm run bench:insights
// Knobs: BENCH_RESPONSES (default 200000), BENCH_ITERATIONS (20), BENCH_LIVE_SECONDS (5).
// The issue asks 10 M responses on PostgreSQL and 1 M on PGlite; docs/performance.md says what was run.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import type { Engine } from '../src/server/db/database.ts';
import { openInsightsKit, type InsightsKit } from '../src/server/modules/insights/insights.testing.ts';
import { fmt, measureStall, percentile, printTable } from './lib.ts';

const ENGINE = (process.env.BENCH_ENGINE ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite')) as Engine;
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 200_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 5);
/** Leaf units (default 2,700 of ~3,000 nodes). Fewer leaves keep the issue's density (10 M over 3,000 units ≈ 250
 * responses per unit and month) at a size this machine can load: BENCH_RESPONSES=100000 BENCH_LEAVES=30. */
const LEAVES = Number(process.env.BENCH_LEAVES ?? 2700);
const CHUNK = 100_000;
const FIRST_DAY = '2025-10-01';
const DAYS = 395;
const PERIOD = { from: '2025-11-01', to: '2026-10-31' };

// ---------------------------------------------------------------------------------------------- the tree ----

interface Tree {
  divisions: string[];
  leaves: string[];
  count: number;
}

/** root → 5 divisions → service areas → services → 9 units; by default 6 × 10 × 9 (3,336 nodes, 2,700 leaves). */
async function buildTree(db: Kysely<DB>): Promise<Tree> {
  const units: {
    id: string;
    parent_id: string | null;
    type: 'division' | 'service_area' | 'service' | 'unit';
  }[] = [{ id: 'root', parent_id: null, type: 'division' }];
  const divisions: string[] = [];
  const leaves: string[] = [];
  const perDivision = Math.max(1, Math.round(LEAVES / 5));
  const areas = Math.min(6, Math.max(1, Math.round(perDivision / 90)));
  const services = Math.max(1, Math.round(perDivision / areas / 9));
  const perService = Math.max(1, Math.min(9, Math.round(perDivision / areas / services)));
  for (let d = 0; d < 5; d++) {
    const div = `d${d}`;
    divisions.push(div);
    units.push({ id: div, parent_id: 'root', type: 'division' });
    for (let a = 0; a < areas; a++) {
      const area = `${div}-a${a}`;
      units.push({ id: area, parent_id: div, type: 'service_area' });
      for (let s = 0; s < services; s++) {
        const service = `${area}-s${s}`;
        units.push({ id: service, parent_id: area, type: 'service' });
        for (let u = 0; u < perService; u++) {
          const unit = `${service}-u${u}`;
          units.push({ id: unit, parent_id: service, type: 'unit' });
          leaves.push(unit);
        }
      }
    }
  }
  const parents = new Map(units.map((u) => [u.id, u.parent_id]));
  const closure: { ancestor_id: string; descendant_id: string; depth: number }[] = [];
  for (const unit of units) {
    let current: string | null | undefined = unit.id;
    for (let depth = 0; current; depth++) {
      closure.push({ ancestor_id: current, descendant_id: unit.id, depth });
      current = parents.get(current);
    }
  }
  for (let i = 0; i < units.length; i += 1000) {
    await db
      .insertInto('org_units')
      .values(units.slice(i, i + 1000).map((u) => ({ ...u, name_fi: u.id })))
      .execute();
  }
  for (let i = 0; i < closure.length; i += 2000) {
    await db
      .insertInto('org_unit_closure')
      .values(closure.slice(i, i + 2000))
      .execute();
  }
  return { divisions, leaves, count: units.length };
}

// ---------------------------------------------------------------------------------------- the responses ----

const STATEMENTS = ['smooth', 'timely', 'respect', 'together', 'safe', 'understandable', 'useful'];

/** n synthetic national-set responses in one INSERT … SELECT generate_series (the fastest way in SQL). */
function insertSql(kit: InsightsKit, n: number, leaves: string[]) {
  const statement = (id: string) =>
    sql`${id}::text, case when random() < 0.08 then to_jsonb('cant_say'::text) else to_jsonb(least(5, 1 + floor(random() * 5 + v.tilt)::int)) end`;
  return sql`
    insert into responses (submission_id, survey_id, survey_version_id, unit_id, channel, language, respondent_type,
      age_group, recommendation, answers, submitted_at, local_date)
    select gen_random_uuid(), ${kit.surveyIds.national}::uuid, (select current_version_id from surveys where id = ${kit.surveyIds.national}::uuid),
      v.unit_id, v.channel, v.language, v.respondent_type, v.age_group, v.rec,
      jsonb_build_object('recommendation', v.rec, ${sql.join(STATEMENTS.map(statement), sql`, `)}),
      (v.day + time '10:00')::timestamptz, v.day
    from generate_series(1, ${n}) g
    cross join lateral (
      select (${leaves}::text[])[1 + floor(random() * ${leaves.length} + g * 0)::int] as unit_id,
        (array['web','qr','kiosk','sms','paper'])[1 + floor(random() * 5)::int] as channel,
        (array['fi','fi','fi','sv','en'])[1 + floor(random() * 5)::int] as language,
        (array['client','client','relative','assisted'])[1 + floor(random() * 4)::int] as respondent_type,
        (array['13-17','18-29','30-49','50-64','65-74','75+'])[1 + floor(random() * 6)::int] as age_group,
        least(10, greatest(0, round(7.5 + random() * 4 - random() * 6)))::smallint as rec,
        ${FIRST_DAY}::date + floor(random() * ${DAYS})::int as day,
        random() as tilt
    ) v`;
}

async function load(kit: InsightsKit, tree: Tree, n: number): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < n; done += CHUNK) {
    await insertSql(kit, Math.min(CHUNK, n - done), tree.leaves).execute(kit.db);
    process.stderr.write(`\rloaded ${Math.min(done + CHUNK, n)}/${n}`);
  }
  process.stderr.write('\n');
  return n / ((performance.now() - started) / 1000);
}

// ----------------------------------------------------------------------------------- raw-scan baselines ----

function rawQueries(division: string) {
  const where = sql`r.flag is null and r.local_date between ${PERIOD.from}::date and ${PERIOD.to}::date`;
  const nps = sql`count(*) as n, count(r.recommendation) as answered,
    count(*) filter (where r.recommendation >= 9) as promoters, count(*) filter (where r.recommendation <= 6) as detractors`;
  return [
    sql`select date_trunc('month', r.local_date) as month, ${nps}
      from responses r join org_unit_closure c on c.descendant_id = r.unit_id and c.ancestor_id = ${division}
      where ${where} group by 1 order by 1`,
    sql`select ch.id, date_trunc('month', r.local_date) as month, ${nps}
      from responses r join org_unit_closure c on c.descendant_id = r.unit_id
      join org_units ch on ch.id = c.ancestor_id and ch.parent_id = ${division}
      where ${where} group by grouping sets ((1), (1, 2))`,
    sql`select e.key, e.value::text as value, count(*) as n
      from responses r join org_unit_closure c on c.descendant_id = r.unit_id and c.ancestor_id = ${division}
      cross join lateral jsonb_each(r.answers) e
      where ${where} and e.key = any(${STATEMENTS}::text[])
      group by 1, 2`,
  ];
}

async function timeSet(label: string, run: () => Promise<unknown>) {
  await run(); // warm caches and plans
  const samples: number[] = [];
  const { maxStallMs } = await measureStall(async () => {
    for (let i = 0; i < ITERATIONS; i++) {
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
  });
  const sorted = samples.sort((a, b) => a - b);
  return { label, p50: percentile(sorted, 50), p95: percentile(sorted, 95), stall: maxStallMs };
}

// ------------------------------------------------------------------------------- intake-shaped trigger cost ----

const SYNC_FUNCTION = `
  create or replace function insights_bench_sync() returns trigger language plpgsql as $$
  begin
    perform pg_advisory_xact_lock(7245030);
    insert into insights_delta
    select n.unit_id, n.local_date, n.survey_id, n.channel, n.language, coalesce(n.respondent_type, ''),
      coalesce(n.age_group, ''), v.question_id, v.value, 1
    from insights_new_rows n cross join lateral insights_answer_values(n.recommendation, n.answers) v
    where n.flag is null;
    perform insights_fold();
    return null;
  end $$`;
const SYNC_TRIGGER = `create trigger responses_insights_bench_sync after insert on responses
  referencing new table as insights_new_rows for each statement execute function insights_bench_sync()`;

async function batchedInsertRate(kit: InsightsKit, tree: Tree, rows: number, batch: number): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < rows; done += batch) await insertSql(kit, batch, tree.leaves).execute(kit.db);
  return rows / ((performance.now() - started) / 1000);
}

async function triggerCost(kit: InsightsKit, tree: Tree) {
  const rows = Math.min(20_000, Math.max(5_000, Math.floor(RESPONSES / 20)));
  const results: Record<string, string | number>[] = [];
  const variants: [string, string[], string[]][] = [
    [
      'no trigger',
      ['alter table responses disable trigger responses_insights_log'],
      ['alter table responses enable trigger responses_insights_log'],
    ],
    ['change log (Kuulo)', [], []],
    [
      'synchronous fold',
      ['alter table responses disable trigger responses_insights_log', SYNC_FUNCTION, SYNC_TRIGGER],
      [
        'drop trigger responses_insights_bench_sync on responses',
        'alter table responses enable trigger responses_insights_log',
      ],
    ],
  ];
  for (const round of [1, 2]) {
    for (const [label, before, after] of variants) {
      for (const statement of before) await sql.raw(statement).execute(kit.db);
      const rate = await batchedInsertRate(kit, tree, rows, 500);
      for (const statement of after) await sql.raw(statement).execute(kit.db);
      results.push({ round, variant: label, 'rows/s (500-row statements)': Math.round(rate) });
    }
  }
  return results;
}

// ------------------------------------------------------------------------------------------------- main ----

async function main() {
  console.log(`insights bench: ${ENGINE}, ${RESPONSES} responses, ${ITERATIONS} iterations`);
  const kit = await openInsightsKit(ENGINE);
  try {
    const tree = await buildTree(kit.db);
    const loadRate = await load(kit, tree, RESPONSES);
    console.log(
      `tree: ${tree.count} nodes; bulk load with the change-log trigger: ${Math.round(loadRate)} rows/s`,
    );

    let started = performance.now();
    const folded = await kit.insights.aggregates.catchUp({ maxResponses: Number.MAX_SAFE_INTEGER });
    const foldRate = folded / ((performance.now() - started) / 1000);
    console.log(`catch-up of the backlog: ${folded} responses at ${Math.round(foldRate)} responses/s`);

    const triggers = await triggerCost(kit, tree);
    console.log('\nTrigger cost on intake-shaped inserts (500 rows per statement):');
    printTable(triggers);

    started = performance.now();
    const rebuilt = await kit.insights.aggregates.rebuild();
    const rebuildSeconds = (performance.now() - started) / 1000;
    console.log(`\nrebuild: ${rebuilt.responses} responses in ${fmt(rebuildSeconds)} s`);
    const counts = await sql<{ day: number; month: number }>`
      select (select count(*) from insights_day)::int as day, (select count(*) from insights_month)::int as month`.execute(
      kit.db,
    );
    console.log(`rollup rows: day ${counts.rows[0]?.day}, month ${counts.rows[0]?.month}`);

    // Live: 10,000 responses per second arrive (500-row statements every 50 ms) while the aggregator folds.
    let maxPending = 0;
    let liveInserted = 0;
    const liveEnd = Date.now() + LIVE_SECONDS * 1000;
    const producer = (async () => {
      while (Date.now() < liveEnd) {
        const tick = Date.now();
        await insertSql(kit, 500, tree.leaves).execute(kit.db);
        liveInserted += 500;
        await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - tick))));
      }
    })();
    const consumer = (async () => {
      while (Date.now() < liveEnd) {
        await kit.insights.aggregates.catchUp();
        maxPending = Math.max(maxPending, await kit.insights.aggregates.pending());
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    await Promise.all([producer, consumer]);
    started = performance.now();
    await kit.insights.aggregates.catchUp();
    const drainMs = performance.now() - started;
    console.log(
      `live: ${liveInserted} responses in ${LIVE_SECONDS} s (${Math.round(liveInserted / LIVE_SECONDS)}/s offered); ` +
        `largest backlog seen ${maxPending}; final catch-up ${fmt(drainMs, 0)} ms`,
    );

    const division = tree.divisions[0]!;
    const scope = { unitId: division, ...PERIOD };
    const service = kit.insights.service;
    const raw = rawQueries(division);
    const rows = [
      await timeSet('aggregates: 12 months by month (trend)', () => service.trend(scope, 'month')),
      await timeSet('aggregates: children table + sparklines', () => service.children(scope)),
      await timeSet('aggregates: summary (statement bars, breakdowns)', () => service.summary(scope)),
      await timeSet('aggregates: whole dashboard set', async () => {
        await service.trend(scope, 'month');
        await service.children(scope);
        await service.summary(scope);
      }),
      await timeSet('raw scan: 12 months by month', () => raw[0]!.execute(kit.db)),
      await timeSet('raw scan: children + sparklines', () => raw[1]!.execute(kit.db)),
      await timeSet('raw scan: statement distributions', () => raw[2]!.execute(kit.db)),
      await timeSet('raw scan: whole dashboard set', async () => {
        for (const q of raw) await q.execute(kit.db);
      }),
    ];
    console.log(
      `\nDivision-level dashboard (${division}, ${PERIOD.from}…${PERIOD.to}), ${ITERATIONS} runs each:`,
    );
    printTable(
      rows.map((r) => ({
        query: r.label,
        'p50 ms': fmt(r.p50),
        'p95 ms': fmt(r.p95),
        'max stall ms': fmt(r.stall),
      })),
    );
    const agg = rows[3]!;
    const scan = rows[7]!;
    console.log(`raw / aggregates (p50): ${fmt(scan.p50 / agg.p50)}×`);
  } finally {
    await kit.close();
  }
}

const limit = setTimeout(() => {
  console.error('bench: time limit (9 min) reached');
  process.exit(2);
}, 9 * 60_000);
limit.unref();
await main();
