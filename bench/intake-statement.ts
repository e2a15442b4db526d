// The intake statement alone, on PostgreSQL: its CPU per stored response with the responses table's references
// checked by foreign keys (the baseline, as before migration 20261122080000) and by the statement-level trigger
// that replaced them (ADR 0009), alternating in one throwaway database so both see the same machine.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:intake-statement
// Options (environment): BENCH_BATCH (24 rows per statement), BENCH_ROWS (6,000 per measurement), BENCH_ROUNDS (4).
// PostgreSQL's CPU is read from /proc for the one backend that runs the statements, so it does not count the
// benchmark's own work; wall time per row is printed as well.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import { openTestDatabase } from '../src/server/db/testing.ts';
import { prepareResponseRows } from '../src/server/modules/intake/intake.prepare.ts';
import { insertResponses } from '../src/server/modules/intake/intake.repository.ts';
import { DATA_KEY, seedWorld, type World } from '../src/server/modules/intake/intake.test-fixtures.ts';
import { printTable, fmt } from './lib.ts';

const BATCH = Number(process.env.BENCH_BATCH ?? 24);
const ROWS = Number(process.env.BENCH_ROWS ?? 6000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const WARM_ROWS = 600;
const JOB = { name: 'intake.detect-language', maxAttempts: 3 };
const COMMENTS = [
  'Hoitaja oli todella ystävällinen, kiitos!',
  'Soittakaa minulle numeroon 040 123 4567, kiitos.',
  'Personalen var vänlig och kunnig.',
];

/** user + system CPU of one process, in µs (Linux clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function rows(world: World, count: number) {
  return Array.from({ length: count }, (_, i) =>
    prepareResponseRows(
      {
        submissionId: randomUUID(),
        survey: world.national,
        unitId: i % 2 ? 'u-1' : 'u-2',
        channel: 'web',
        language: 'fi',
        answers: {
          recommendation: i % 11,
          smooth: 1 + (i % 5),
          respondent_type: 'client',
          ...(i % 3 === 0 ? { comment: COMMENTS[i % COMMENTS.length] } : {}),
        },
        submittedAt: new Date(),
      },
      DATA_KEY,
    ),
  );
}

async function measure(db: Kysely<DB>, world: World) {
  const prepared = rows(world, WARM_ROWS + ROWS);
  return db.connection().execute(async (connection) => {
    const pid =
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(connection)).rows[0]?.pid ?? 0;
    for (let i = 0; i < WARM_ROWS; i += BATCH)
      await insertResponses(connection, prepared.slice(i, i + BATCH), JOB);
    const cpuBefore = cpuMicros(pid);
    const started = performance.now();
    for (let i = WARM_ROWS; i < prepared.length; i += BATCH)
      await insertResponses(connection, prepared.slice(i, i + BATCH), JOB);
    return {
      cpuPerRow: (cpuMicros(pid) - cpuBefore) / ROWS,
      wallPerRow: (1000 * (performance.now() - started)) / ROWS,
    };
  });
}

const useForeignKeys = (db: Kysely<DB>) =>
  sql
    .raw(
      `alter table responses add constraint responses_unit_id_fkey foreign key (unit_id) references org_units(id);
       alter table responses add constraint responses_survey_id_fkey foreign key (survey_id) references surveys(id);
       alter table responses add constraint responses_survey_version_id_fkey
         foreign key (survey_version_id) references survey_versions(id);
       alter table responses disable trigger responses_check_references_insert;`,
    )
    .execute(db);

const useStatementChecks = (db: Kysely<DB>) =>
  sql
    .raw(
      `alter table responses drop constraint responses_unit_id_fkey;
       alter table responses drop constraint responses_survey_id_fkey;
       alter table responses drop constraint responses_survey_version_id_fkey;
       alter table responses enable trigger responses_check_references_insert;`,
    )
    .execute(db);

if (!process.env.DATABASE_URL) {
  console.error('bench:intake-statement needs DATABASE_URL (PostgreSQL)');
  process.exit(1);
}
const database = await openTestDatabase('postgres');
try {
  const world = await seedWorld(database.db);
  const results: Record<string, string | number>[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // The table grows as the rounds go on, so the order alternates (ABBA): neither variant always gets the smaller one.
    let baseline: Awaited<ReturnType<typeof measure>>;
    let checked: Awaited<ReturnType<typeof measure>>;
    if (round % 2 === 1) {
      await useForeignKeys(database.db);
      baseline = await measure(database.db, world);
      await useStatementChecks(database.db);
      checked = await measure(database.db, world);
    } else {
      checked = await measure(database.db, world);
      await useForeignKeys(database.db);
      baseline = await measure(database.db, world);
      await useStatementChecks(database.db);
    }
    results.push({
      round,
      'foreign keys: PG CPU µs/row': fmt(baseline.cpuPerRow),
      'statement check: PG CPU µs/row': fmt(checked.cpuPerRow),
      'foreign keys: wall µs/row': fmt(baseline.wallPerRow),
      'statement check: wall µs/row': fmt(checked.wallPerRow),
      change: `${fmt((100 * (checked.cpuPerRow - baseline.cpuPerRow)) / baseline.cpuPerRow, 0)} %`,
    });
    console.log(`round ${round}/${ROUNDS} done`);
  }
  console.log(`\nIntake statement alone, ${BATCH} rows per statement, ${ROWS} rows per measurement`);
  printTable(results);
} finally {
  await database.close();
}
