// How long does a heavy report query on PGlite freeze the HTTP event loop?
// Baseline: PGlite opened on the main thread (what a naive embedding does). Kuulo: PGlite in its worker thread
// (src/server/db). Same data directory, same query, same run.
//   node --import tsx bench/event-loop.ts [rows=1000000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { fmt, measureStall, printTable } from './lib.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-bench-loop-'));
const pgliteDir = path.join(dir, 'pglite');

// A report in the shape insights will run: NPS per top-level subtree × month over a year of responses.
const REPORT = `
  select u.area, date_trunc('month', r.local_date) as month, count(*) as n,
         round(100.0 * (count(*) filter (where r.recommendation >= 9) - count(*) filter (where r.recommendation <= 6)) / count(*), 1) as nps
  from bench_responses r join bench_units u on u.id = r.unit_id
  group by 1, 2 order by 1, 2`;

const SETUP = `
  create table bench_units (id int primary key, area int not null);
  insert into bench_units select g, g % 3 from generate_series(1, 2000) g;
  create table bench_responses (id bigserial primary key, unit_id int not null, local_date date not null, recommendation int not null);
  insert into bench_responses (unit_id, local_date, recommendation)
    select 1 + (g::int8 * 7919) % 2000, date '2025-11-01' + (g % 365), (g::int8 * 31) % 11 from generate_series(1, ${rows}) g;
  analyze;`;

async function main() {
  console.log(
    `Event-loop stall during a heavy PGlite report: ${rows.toLocaleString('en')} responses, ${runs} runs each`,
  );
  const setupStart = performance.now();
  const mainThread = new PGlite(pgliteDir);
  await mainThread.exec(SETUP);
  console.log(`setup: ${fmt((performance.now() - setupStart) / 1000)} s`);

  const results: Record<string, string | number>[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const { maxStallMs } = await measureStall(() => mainThread.query(REPORT));
    results.push({
      engine: 'PGlite on main thread (baseline)',
      run: i + 1,
      query_ms: fmt(performance.now() - start, 0),
      max_stall_ms: fmt(maxStallMs),
    });
  }
  await mainThread.close();

  const database = await openDatabase({ dataDir: dir });
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const { maxStallMs } = await measureStall(() => sql.raw(REPORT).execute(database.db));
    results.push({
      engine: 'PGlite in worker (Kuulo)',
      run: i + 1,
      query_ms: fmt(performance.now() - start, 0),
      max_stall_ms: fmt(maxStallMs),
    });
  }
  await database.close();
  printTable(results);
  const worst = Math.max(
    ...results.filter((r) => String(r.engine).includes('worker')).map((r) => Number(r.max_stall_ms)),
  );
  console.log(`\nlongest stall with Kuulo's worker: ${fmt(worst)} ms (aim: < 50 ms)`);
  fs.rmSync(dir, { recursive: true, force: true });
  if (worst >= 50) process.exitCode = 1;
}

await main();
