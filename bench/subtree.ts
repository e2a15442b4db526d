// How fast are the organisation tree's hot queries at 10,000 units? Builds a depth-5 tree (1 division, 4 service
// areas, 40 services, 1,000 units, 8,955 sites) through the real import, then times subtreeIds, ancestors and
// isWithin through the service (closure table) against a naive recursive CTE over parent_id, in the same run.
// PGlite always (with a data directory, as Kuulo runs by default); PostgreSQL too when DATABASE_URL is set.
//   node --import tsx bench/subtree.ts [iterations=2000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { openTestDatabase } from '../src/server/db/testing.ts';
import type { DB } from '../src/server/db/schema.ts';
import { createAuditLog } from '../src/server/modules/audit/index.ts';
import { createOrganisationService } from '../src/server/modules/organisation/index.ts';
import { fmt, printTable, summarise } from './lib.ts';

const iterations = Number(process.argv[2] ?? 2000);

interface Row {
  id: string;
  parent_id: string | null;
  type: string;
  name_fi: string;
}

function tree(): Row[] {
  const rows: Row[] = [{ id: 'd', parent_id: null, type: 'division', name_fi: 'Toimiala' }];
  for (let a = 0; a < 4; a++)
    rows.push({ id: `a${a}`, parent_id: 'd', type: 'service_area', name_fi: `Alue ${a}` });
  for (let s = 0; s < 40; s++)
    rows.push({ id: `s${s}`, parent_id: `a${s % 4}`, type: 'service', name_fi: `Palvelu ${s}` });
  for (let u = 0; u < 1000; u++)
    rows.push({ id: `u${u}`, parent_id: `s${u % 40}`, type: 'unit', name_fi: `Yksikkö ${u}` });
  for (let p = 0; rows.length < 10_000; p++) {
    rows.push({ id: `p${p}`, parent_id: `u${p % 1000}`, type: 'site', name_fi: `Toimipiste ${p}` });
  }
  return rows;
}

/** A fixed pseudo-random sequence, so every engine and method gets the same inputs. */
function picks(count: number, from: readonly string[], seed: number): string[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return from[state % from.length] as string;
  });
}

async function time(inputs: readonly string[], fn: (input: string) => Promise<unknown>) {
  for (const input of inputs.slice(0, Math.min(50, inputs.length))) await fn(input);
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await fn(input);
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

const naive = {
  subtree: (db: Kysely<DB>, id: string) =>
    sql`with recursive t (id) as (select id from org_units where id = ${id}
      union all select u.id from org_units u join t on u.parent_id = t.id) select id from t`.execute(db),
  ancestors: (db: Kysely<DB>, id: string) =>
    sql`with recursive up as (select u.*, 0 as level from org_units u where id = ${id}
      union all select u.*, up.level + 1 from org_units u join up on u.id = up.parent_id)
      select * from up order by level desc`.execute(db),
  isWithin: (db: Kysely<DB>, id: string, ancestorId: string) =>
    sql`with recursive up (id, parent_id) as (select id, parent_id from org_units where id = ${id}
      union all select u.id, u.parent_id from org_units u join up on u.id = up.parent_id)
      select exists (select 1 from up where id = ${ancestorId}) as within`.execute(db),
};

async function run(label: string, database: Database): Promise<Record<string, string | number>[]> {
  const service = createOrganisationService({ db: database.db, audit: createAuditLog(database.db) });
  const rows = tree();
  const content = JSON.stringify(rows);
  let start = performance.now();
  const dry = await service.importUnits(
    { format: 'json', content },
    { dryRun: true, actorId: null, source: 'bench' },
  );
  const dryMs = performance.now() - start;
  start = performance.now();
  const report = await service.importUnits(
    { format: 'json', content },
    { dryRun: false, actorId: null, source: 'bench' },
  );
  const applyMs = performance.now() - start;
  if (!report.applied || dry.errors.length > 0)
    throw new Error(`import failed: ${report.errors[0]?.message}`);
  await sql`analyze`.execute(database.db);
  console.log(
    `${label}: import of ${rows.length} units: dry run ${fmt(dryMs, 0)} ms, apply ${fmt(applyMs, 0)} ms`,
  );

  const { db } = database;
  const areas = rows.filter((r) => r.type === 'service_area').map((r) => r.id);
  const units = rows.filter((r) => r.type === 'unit').map((r) => r.id);
  const sites = rows.filter((r) => r.type === 'site').map((r) => r.id);
  const areaInputs = picks(Math.max(20, Math.floor(iterations / 10)), areas, 1);
  const unitInputs = picks(iterations, units, 2);
  const siteInputs = picks(iterations, sites, 3);
  const pairs = siteInputs.map((site, i) => `${site}|${areas[i % areas.length]}`);
  const split = (pair: string) => pair.split('|') as [string, string];

  const cases: [string, string, number, () => Promise<ReturnType<typeof summarise>>][] = [
    [
      'subtreeIds(area) ~2,500 ids',
      'closure',
      areaInputs.length,
      () => time(areaInputs, (id) => service.subtreeIds(id)),
    ],
    [
      'subtreeIds(area) ~2,500 ids',
      'recursive CTE',
      areaInputs.length,
      () => time(areaInputs, (id) => naive.subtree(db, id)),
    ],
    [
      'subtreeIds(unit) ~10 ids',
      'closure',
      unitInputs.length,
      () => time(unitInputs, (id) => service.subtreeIds(id)),
    ],
    [
      'subtreeIds(unit) ~10 ids',
      'recursive CTE',
      unitInputs.length,
      () => time(unitInputs, (id) => naive.subtree(db, id)),
    ],
    ['ancestors(site)', 'closure', siteInputs.length, () => time(siteInputs, (id) => service.ancestors(id))],
    [
      'ancestors(site)',
      'recursive CTE',
      siteInputs.length,
      () => time(siteInputs, (id) => naive.ancestors(db, id)),
    ],
    [
      'isWithin(site, area)',
      'closure',
      pairs.length,
      () => time(pairs, (p) => service.isWithin(...split(p))),
    ],
    [
      'isWithin(site, area)',
      'recursive CTE',
      pairs.length,
      () => time(pairs, (p) => naive.isWithin(db, ...split(p))),
    ],
  ];
  const results: Record<string, string | number>[] = [];
  for (const [query, method, n, measure] of cases) {
    const { p50, p99 } = await measure();
    results.push({ engine: label, query, method, n, p50_ms: fmt(p50, 3), p99_ms: fmt(p99, 3) });
  }
  start = performance.now();
  await service.moveUnit('s1', 'a2', { actorId: null, source: 'bench' });
  results.push({
    engine: label,
    query: 'moveUnit(service) ~250 below',
    method: 'closure rewrite',
    n: 1,
    p50_ms: fmt(performance.now() - start, 1),
    p99_ms: '',
  });
  return results;
}

async function main() {
  console.log(
    `Organisation subtree queries at 10,000 units, ${iterations} samples per query (node ${process.version})`,
  );
  const results: Record<string, string | number>[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-bench-subtree-'));
  const pglite = await openDatabase({ dataDir: dir });
  try {
    await migrate(pglite);
    results.push(...(await run('PGlite', pglite)));
  } finally {
    await pglite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.DATABASE_URL) {
    const postgres = await openTestDatabase('postgres');
    try {
      results.push(...(await run('PostgreSQL', postgres)));
    } finally {
      await postgres.close();
    }
  }
  printTable(results);
}

await main();
