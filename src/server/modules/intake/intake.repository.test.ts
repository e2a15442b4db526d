import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';
import { prepareResponseRows } from './intake.prepare.ts';
import { insertResponses, listTextsWithoutLanguage, setDetectedLanguages } from './intake.repository.ts';
import { DATA_KEY, seedWorld, type World } from './intake.test-fixtures.ts';

describe.each(testEngines())('intake repository on %s', (engine) => {
  let database: Database;
  let world: World;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    world = await seedWorld(database.db);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await sql`truncate responses, response_texts, response_text_originals, response_contacts, jobs cascade`.execute(
      database.db,
    );
  });

  const prepared = (
    submissionId: string,
    answers: Record<string, unknown>,
    contact: Record<string, string> | null = null,
  ) =>
    prepareResponseRows(
      {
        submissionId,
        survey: world.national,
        unitId: 'u-2',
        channel: 'paper',
        language: 'fi',
        answers,
        submittedAt: new Date('2025-03-01T12:00:00Z'),
        contact,
      },
      DATA_KEY,
    );

  test('a bulk load writes every row with its texts, originals and contacts and no job', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) =>
      prepared(
        randomUUID(),
        { recommendation: i % 11, comment: i % 2 ? `hetu 010190-123A nro ${i}` : `ok ${i}` },
        i % 100 === 0 ? { email: 'a@b.fi' } : null,
      ),
    );
    const outcomes = await insertResponses(database.db, rows);
    expect(outcomes.every((o) => o.created)).toBe(true);
    const counts = await sql<Record<string, number>>`select
      (select count(*)::int from responses) as responses, (select count(*)::int from response_texts) as texts,
      (select count(*)::int from response_text_originals) as originals,
      (select count(*)::int from response_contacts) as contacts, (select count(*)::int from jobs) as jobs`.execute(
      database.db,
    );
    expect(counts.rows[0]).toEqual({ responses: 1200, texts: 1200, originals: 600, contacts: 12, jobs: 0 });
  });

  test('a submission id twice in one batch is stored once; the second gets the first id', async () => {
    const submissionId = randomUUID();
    const outcomes = await insertResponses(
      database.db,
      [prepared(submissionId, { comment: 'a' }), prepared(submissionId, { comment: 'b' })],
      {
        name: 'intake.detect-language',
        maxAttempts: 3,
      },
    );
    expect(outcomes[0]?.created).toBe(true);
    expect(outcomes[1]).toEqual({ id: outcomes[0]?.id, created: false });
    const texts = await database.db.selectFrom('response_texts').select('text_redacted').execute();
    expect(texts).toEqual([{ text_redacted: 'a' }]);
    const jobs = await database.db.selectFrom('jobs').select(['name', 'payload', 'max_attempts']).execute();
    expect(jobs).toEqual([
      { name: 'intake.detect-language', payload: { responseIds: [outcomes[0]?.id] }, max_attempts: 3 },
    ]);
  });

  test('a batch without new free text writes no job', async () => {
    const first = prepared(randomUUID(), { comment: 'x' });
    await insertResponses(database.db, [first]);
    await insertResponses(database.db, [first, prepared(randomUUID(), { recommendation: 3 })], {
      name: 'intake.detect-language',
      maxAttempts: 3,
    });
    expect(await database.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  test('detected languages are set for the texts that have none', async () => {
    const [a, b] = await insertResponses(database.db, [
      prepared(randomUUID(), { comment: 'Kiitos' }),
      prepared(randomUUID(), { comment: 'Tack' }),
    ]);
    const pending = await listTextsWithoutLanguage(database.db, [a?.id ?? '', b?.id ?? '']);
    expect(pending.map((p) => p.text).sort()).toEqual(['Kiitos', 'Tack']);
    await setDetectedLanguages(database.db, [
      { responseId: a?.id ?? '', questionId: 'comment', language: 'fi' },
    ]);
    expect(
      (await listTextsWithoutLanguage(database.db, [a?.id ?? '', b?.id ?? ''])).map((p) => p.text),
    ).toEqual(['Tack']);
  });
});
