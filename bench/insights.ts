// Insights at scale: bulk-load synthetic responses over a ~3,000-unit tree and rebuild the aggregates from them,
// then time the division-level dashboard query set (12 months by month, children table with sparklines, statement
// bars) from the aggregates against the same figures computed by a plain SQL scan of raw responses IN THE SAME
// RUN; the event-loop stall while it runs; how fast the aggregator folds a backlog and keeps up with a producer
// offering 10,000 new responses per second; optionally what the change-log trigger costs an intake-shaped insert.
//   PostgreSQL (issue size): DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_ENGINE=postgres \
//     BENCH_RESPONSES=10000000 BENCH_TIME_LIMIT_MIN=90 npm run bench:insights
//   PGlite (issue size):     BENCH_ENGINE=pglite BENCH_RESPONSES=1000000 BENCH_TIME_LIMIT_MIN=90 npm run bench:insights
// Knobs: BENCH_RESPONSES (default 200000), BENCH_LEAVES (2700), BENCH_ITERATIONS (20), BENCH_RAW_ITERATIONS (5),
// BENCH_BACKLOG (100000), BENCH_LIVE_SECONDS (10), BENCH_TRIGGER_COST (0/1), BENCH_TIME_LIMIT_MIN (9),
// BENCH_DATABASE_URL (PostgreSQL only: a named database that is kept; if it already holds the tree and responses
// from an earlier run they are reused instead of loaded again — the rebuild and every timing still run),
// BENCH_LOAD_ONLY=1 (stop after loading, for BENCH_DATABASE_URL), BENCH_PRODUCERS (live insert connections, 3).
// The bulk load is the import path: the change-log trigger is off while loading and one rebuild counts everything
// (what `kuulo aggregates rebuild` does after an import). Responses are generated in date order, as they arrive.
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import type { Engine } from '../src/server/db/database.ts';
import { openInsightsKit, type InsightsKit } from '../src/server/modules/insights/insights.testing.ts';
import { fmt, measureStall, percentile, printTable } from './lib.ts';

const ENGINE = (process.env.BENCH_ENGINE ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite')) as Engine;
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 200_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
const RAW_ITERATIONS = Number(process.env.BENCH_RAW_ITERATIONS ?? 5);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 100_000);
const TRIGGER_COST = process.env.BENCH_TRIGGER_COST === '1';
const TIME_LIMIT_MIN = Number(process.env.BENCH_TIME_LIMIT_MIN ?? 9);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const LOAD_ONLY = process.env.BENCH_LOAD_ONLY === '1';
/** Connections inserting the live stream between them (PGlite has one connection: use 1 there). */
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? (ENGINE === 'pglite' ? 1 : 3));
/** Leaf units (default 2,700 of ~3,000 nodes; 10 M responses over them ≈ 285 per unit and month). */
const LEAVES = Number(process.env.BENCH_LEAVES ?? 2700);
const CHUNK = 100_000;
const FIRST_DAY = '2025-10-01';
const DAYS = 395;
const PERIOD = { from: '2025-11-01', to: '2026-10-31' };
/** "Today" for the live producer and the recent backlog: new responses are given on the current day. */
const TODAY = PERIOD.to;

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

/** The tree of an earlier run in a kept database. */
async function existingTree(db: Kysely<DB>): Promise<Tree | null> {
  const units = await db.selectFrom('org_units').select(['id', 'parent_id', 'type']).execute();
  if (units.length === 0) return null;
  const divisions = units.filter((u) => u.parent_id === 'root').map((u) => u.id);
  const leaves = units.filter((u) => u.type === 'unit').map((u) => u.id);
  return { divisions: divisions.sort(), leaves: leaves.sort(), count: units.length };
}

// ---------------------------------------------------------------------------------------- the responses ----

const STATEMENTS = ['smooth', 'timely', 'respect', 'together', 'safe', 'understandable', 'useful'];

/**
 * n synthetic national-set responses in one INSERT … SELECT generate_series (the fastest way in SQL). Dates:
 * `{ day }` puts them all on one day; `{ offset, total }` spreads row offset+g of total over the 13 months in date
 * order (a bulk load); `{ random: true }` scatters them over the 13 months.
 */
type Dates = { day: string } | { offset: number; total: number } | { random: true };

function dayExpression(dates: Dates) {
  if ('day' in dates) return sql`${dates.day}::date`;
  if ('random' in dates) return sql`${FIRST_DAY}::date + floor(random() * ${DAYS})::int`;
  return sql`${FIRST_DAY}::date + floor((${dates.offset}::bigint + g - 1) * ${DAYS}::float8 / ${dates.total})::int`;
}

function insertSql(kit: InsightsKit, n: number, leaves: string[], dates: Dates = { random: true }) {
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
        ${dayExpression(dates)} as day,
        random() as tilt
    ) v`;
}

/** Secondary indexes on responses, dropped while bulk loading and created again afterwards (as migrations have them). */
const SECONDARY_INDEXES = [
  'create index responses_unit_date_idx on responses (unit_id, local_date)',
  'create index responses_date_id_idx on responses (local_date, id)',
];

/**
 * The import path: change-log trigger off, secondary indexes dropped and rebuilt after, rows in date order; a
 * rebuild counts them afterwards.
 */
async function load(kit: InsightsKit, tree: Tree, n: number): Promise<number> {
  const started = performance.now();
  await sql`alter table responses disable trigger responses_insights_log`.execute(kit.db);
  await sql`drop index responses_unit_date_idx`.execute(kit.db);
  await sql`drop index responses_date_id_idx`.execute(kit.db);
  try {
    for (let done = 0; done < n; done += CHUNK) {
      const dates = { offset: done, total: n };
      await insertSql(kit, Math.min(CHUNK, n - done), tree.leaves, dates).execute(kit.db);
      process.stderr.write(`\rloaded ${Math.min(done + CHUNK, n)}/${n}`);
    }
  } finally {
    await sql`alter table responses enable trigger responses_insights_log`.execute(kit.db);
    for (const statement of SECONDARY_INDEXES) await sql.raw(statement).execute(kit.db);
  }
  process.stderr.write('\n');
  await sql`analyze`.execute(kit.db);
  return n / ((performance.now() - started) / 1000);
}

/** Inserts a backlog through the change-log trigger (as intake does) and times one catch-up of all of it. */
async function backlogRate(kit: InsightsKit, tree: Tree, n: number, dates: Dates) {
  for (let done = 0; done < n; done += 10_000) {
    await insertSql(kit, Math.min(10_000, n - done), tree.leaves, dates).execute(kit.db);
  }
  const started = performance.now();
  const folded = await kit.insights.aggregates.catchUp({ maxResponses: Number.MAX_SAFE_INTEGER });
  return { folded, rate: folded / ((performance.now() - started) / 1000) };
}

const load1 = () => fmt(os.loadavg()[0] ?? NaN, 2);

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

async function timeSet(label: string, run: () => Promise<unknown>, iterations = ITERATIONS) {
  await run(); // warm caches and plans
  const samples: number[] = [];
  const { maxStallMs } = await measureStall(async () => {
    for (let i = 0; i < iterations; i++) {
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
  console.log(
    `insights bench: ${ENGINE}, ${RESPONSES} responses, ${LEAVES} leaves, ${ITERATIONS} iterations; ` +
      `load average ${os
        .loadavg()
        .map((l) => fmt(l, 2))
        .join(' ')} on ${os.cpus().length} cores`,
  );
  const kit = await openInsightsKit(ENGINE, DATABASE_URL ? { databaseUrl: DATABASE_URL } : {});
  try {
    const reused = DATABASE_URL ? await existingTree(kit.db) : null;
    const tree = reused ?? (await buildTree(kit.db));
    if (reused) {
      const n = await sql<{ n: number }>`select count(*)::int as n from responses`.execute(kit.db);
      console.log(`reusing ${DATABASE_URL}: ${tree.count} nodes, ${n.rows[0]?.n} responses loaded earlier`);
    } else {
      const loadRate = await load(kit, tree, RESPONSES);
      console.log(
        `tree: ${tree.count} nodes; bulk load (trigger off, secondary indexes rebuilt after, date order): ` +
          `${Math.round(loadRate)} rows/s`,
      );
    }
    if (LOAD_ONLY) return;

    let started = performance.now();
    const rebuilt = await kit.insights.aggregates.rebuild((done, total) =>
      process.stderr.write(`\rrebuild: month ${done}/${total}`),
    );
    const rebuildSeconds = (performance.now() - started) / 1000;
    process.stderr.write('\n');
    console.log(
      `rebuild: ${rebuilt.responses} responses in ${fmt(rebuildSeconds)} s ` +
        `(${Math.round(rebuilt.responses / rebuildSeconds)} responses/s; load average ${load1()})`,
    );
    const counts = await sql<{ day: number; month: number; tree: number; dims: string }>`
      select (select count(*) from insights_day)::int as day, (select count(*) from insights_month)::int as month,
        (select count(*) from insights_tree_month)::int as tree,
        (select string_agg(dim || ':' || n, ' ' order by dim) from (
          select case when dim = '' then 'all' else dim end as dim, count(*) as n from insights_month group by 1) d) as dims`.execute(
      kit.db,
    );
    const c = counts.rows[0];
    console.log(
      `rollup rows: insights_day ${c?.day}, insights_month ${c?.month} (${c?.dims}), insights_tree_month ${c?.tree}`,
    );

    // Catch-up from a backlog: BACKLOG responses arrive through intake's trigger while no aggregator runs.
    const recent = await backlogRate(kit, tree, BACKLOG, { day: TODAY });
    console.log(
      `catch-up of a backlog of ${recent.folded} responses given today: ${Math.round(recent.rate)} responses/s ` +
        `(load average ${load1()})`,
    );
    const spread = await backlogRate(kit, tree, BACKLOG, { random: true });
    console.log(
      `catch-up of a backlog of ${spread.folded} responses scattered over 13 months: ${Math.round(spread.rate)} ` +
        `responses/s (load average ${load1()})`,
    );

    if (TRIGGER_COST) {
      const triggers = await triggerCost(kit, tree);
      console.log('\nTrigger cost on intake-shaped inserts (500 rows per statement):');
      printTable(triggers);
      await kit.insights.aggregates.catchUp({ maxResponses: Number.MAX_SAFE_INTEGER });
    }

    // Live: producers offer 10,000 responses per second between them (500-row statements on a fixed clock, on
    // PRODUCERS connections: one connection alone cannot insert that fast into a table of millions on this
    // machine) while the aggregator folds what is pending every 200 ms.
    let maxPending = 0;
    let liveInserted = 0;
    let liveFolded = 0;
    let foldMs = 0;
    const liveStarted = Date.now();
    const liveEnd = liveStarted + LIVE_SECONDS * 1000;
    const interval = 50 * PRODUCERS;
    const producer = Promise.all(
      Array.from({ length: PRODUCERS }, async (_, p) => {
        for (let tick = liveStarted + p * 50; Date.now() < liveEnd; tick += interval) {
          await new Promise((r) => setTimeout(r, Math.max(0, tick - Date.now())));
          await insertSql(kit, 500, tree.leaves, { day: TODAY }).execute(kit.db);
          liveInserted += 500;
        }
      }),
    );
    const consumer = (async () => {
      while (Date.now() < liveEnd) {
        maxPending = Math.max(maxPending, await kit.insights.aggregates.pending());
        const t0 = performance.now();
        liveFolded += await kit.insights.aggregates.catchUp({ maxResponses: Number.MAX_SAFE_INTEGER });
        foldMs += performance.now() - t0;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    await Promise.all([producer, consumer]);
    const liveSeconds = (Date.now() - liveStarted) / 1000;
    started = performance.now();
    liveFolded += await kit.insights.aggregates.catchUp({ maxResponses: Number.MAX_SAFE_INTEGER });
    const drainMs = performance.now() - started;
    foldMs += drainMs;
    console.log(
      `live: ${liveInserted} responses in ${fmt(liveSeconds)} s (${Math.round(liveInserted / liveSeconds)}/s offered, ` +
        `target 10,000/s); folded ${liveFolded} at ${Math.round(liveFolded / (foldMs / 1000))} responses/s while ` +
        `folding; largest backlog seen ${maxPending}; final catch-up ${fmt(drainMs, 0)} ms (load average ${load1()})`,
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
      await timeSet(
        'raw scan: whole dashboard set (months, children, statements)',
        async () => {
          for (const q of raw) await q.execute(kit.db);
        },
        RAW_ITERATIONS,
      ),
    ];
    console.log(
      `\nDivision-level dashboard (${division}, ${PERIOD.from}…${PERIOD.to}), ${ITERATIONS} runs each ` +
        `(raw scan ${RAW_ITERATIONS}); load average ${load1()}:`,
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
    const scan = rows[4]!;
    console.log(`raw / aggregates: ${fmt(scan.p50 / agg.p50)}× at p50, ${fmt(scan.p95 / agg.p95)}× at p95`);
    console.log(`longest event-loop stall: ${fmt(Math.max(...rows.map((r) => r.stall)))} ms`);
  } finally {
    await kit.close();
  }
}

const limit = setTimeout(() => {
  console.error(`bench: time limit (${TIME_LIMIT_MIN} min) reached`);
  process.exit(2);
}, TIME_LIMIT_MIN * 60_000);
limit.unref();
await main();
