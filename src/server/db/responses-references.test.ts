import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';
import { openTestDatabase, testEngines } from './testing.ts';
import { seedWorld, type World } from '../modules/intake/intake.test-fixtures.ts';

// Migration 20261122080000 (ADR 0009): responses check their unit and survey references once per statement, and
// referenced rows cannot go away. These tests pin the guarantees the dropped foreign keys gave.

interface Reference {
  unitId: string;
  surveyId: string;
  versionId: string;
}

function insertResponses(db: Kysely<DB>, references: Reference[]) {
  return db
    .insertInto('responses')
    .values(
      references.map((r) => ({
        submission_id: randomUUID(),
        survey_id: r.surveyId,
        survey_version_id: r.versionId,
        unit_id: r.unitId,
        channel: 'web',
        language: 'fi',
        answers: JSON.stringify({}),
        submitted_at: new Date('2026-03-01T10:00:00Z'),
        received_at: new Date('2026-03-01T10:00:00Z'),
        local_date: '2026-03-01',
      })),
    )
    .execute();
}

async function sqlState(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe.each(testEngines())('response references on %s', (engine) => {
  let database: Database;
  let world: World;
  let national: Reference;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    world = await seedWorld(database.db);
    national = { unitId: 'u-1', surveyId: world.national.surveyId, versionId: world.national.versionId };
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await sql`truncate responses cascade`.execute(database.db);
  });

  const count = async () =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from responses`.execute(database.db)).rows[0]?.n,
    );

  test('a batch whose references all exist is stored', async () => {
    await insertResponses(database.db, [national, { ...national, unitId: 'u-2' }, national]);
    expect(await count()).toBe(3);
  });

  test('one response to an unknown unit refuses the whole statement with 23503', async () => {
    const state = await sqlState(
      insertResponses(database.db, [national, { ...national, unitId: 'nowhere' }]),
    );
    expect(state).toBe('23503');
    expect(await count()).toBe(0);
  });

  test('an unknown survey version or survey is refused', async () => {
    expect(await sqlState(insertResponses(database.db, [{ ...national, versionId: randomUUID() }]))).toBe(
      '23503',
    );
    expect(await sqlState(insertResponses(database.db, [{ ...national, surveyId: randomUUID() }]))).toBe(
      '23503',
    );
    expect(await count()).toBe(0);
  });

  test('a survey version of another survey is refused', async () => {
    const mixed = { ...national, versionId: world.children.versionId };
    expect(await sqlState(insertResponses(database.db, [mixed]))).toBe('23503');
  });

  test('moving a stored response to an unknown unit is refused', async () => {
    await insertResponses(database.db, [national]);
    const state = await sqlState(database.db.updateTable('responses').set({ unit_id: 'nowhere' }).execute());
    expect(state).toBe('23503');
  });

  test('a unit, survey version or survey with responses cannot be deleted or re-keyed', async () => {
    await insertResponses(database.db, [national]);
    const db = database.db;
    expect(await sqlState(db.deleteFrom('org_units').where('id', '=', 'u-1').execute())).toBe('23503');
    expect(
      await sqlState(db.updateTable('org_units').set({ id: 'u-1b' }).where('id', '=', 'u-1').execute()),
    ).toBe('23503');
    expect(
      await sqlState(db.deleteFrom('survey_versions').where('id', '=', national.versionId).execute()),
    ).toBeDefined();
    expect(
      await sqlState(db.deleteFrom('surveys').where('id', '=', national.surveyId).execute()),
    ).toBeDefined();
    const units = await db.selectFrom('org_units').select('id').where('id', '=', 'u-1').execute();
    expect(units).toHaveLength(1);
  });

  test('a unit without responses can still be renamed, re-keyed and deleted', async () => {
    await insertResponses(database.db, [national]);
    const db = database.db;
    await db.updateTable('org_units').set({ name_fi: 'Uusi nimi' }).where('id', '=', 'u-1').execute();
    await db.updateTable('org_units').set({ id: 'u-x' }).where('id', '=', 'u-unpublished').execute();
    await db.deleteFrom('org_units').where('id', '=', 'u-x').execute();
    const names = await db.selectFrom('org_units').select('name_fi').where('id', '=', 'u-1').execute();
    expect(names).toEqual([{ name_fi: 'Uusi nimi' }]);
  });
});

// Two connections are needed to race a delete against an insert: PostgreSQL only (PGlite has one connection).
describe.runIf(process.env.DATABASE_URL)('response references under concurrency on postgres', () => {
  let database: Database;
  let world: World;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    world = await seedWorld(database.db);
  });
  afterAll(() => database.close());

  test('a delete of a unit waits for an uncommitted insert that refers to it and then fails', async () => {
    const url = (await sql<{ url: string }>`select current_database() as url`.execute(database.db)).rows[0]
      ?.url;
    const connection = (name: string) => {
      const parsed = new URL(process.env.DATABASE_URL ?? '');
      parsed.pathname = `/${name}`;
      return new pg.Client({ connectionString: parsed.toString() });
    };
    const inserter = connection(url ?? '');
    const deleter = connection(url ?? '');
    await inserter.connect();
    await deleter.connect();
    try {
      await inserter.query('begin');
      await inserter.query(
        `insert into responses (submission_id, survey_id, survey_version_id, unit_id, channel, language, answers,
           submitted_at, received_at, local_date)
         values ($1, $2, $3, 'u-2', 'web', 'fi', '{}', now(), now(), current_date)`,
        [randomUUID(), world.national.surveyId, world.national.versionId],
      );
      const deleting = deleter.query(`delete from org_units where id = 'u-2'`).then(
        () => 'deleted',
        (error: { code?: string }) => error.code,
      );
      // The delete must block on the insert's lock, not pass the guard before the insert commits.
      const early = await Promise.race([deleting, new Promise((r) => setTimeout(() => r('waiting'), 300))]);
      expect(early).toBe('waiting');
      await inserter.query('commit');
      expect(await deleting).toBe('23503');
    } finally {
      await inserter.end();
      await deleter.end();
    }
  });
});
