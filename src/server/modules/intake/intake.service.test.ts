import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';
import { decrypt } from '../../adapters/crypto/data-key.ts';
import { DomainError, NotFoundError, RateLimitedError, ValidationError } from '../../errors.ts';
import type { IntakeService, SubmissionContext, SubmissionInput } from './index.ts';
import {
  DATA_KEY,
  buildIntake,
  nationalSubmission,
  seedWorld,
  type TestIntake,
  type World,
} from './intake.test-fixtures.ts';

const NOW = new Date('2025-07-02T09:00:00Z');
const context: SubmissionContext = { clientKey: '192.0.2.1' };

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe.each(testEngines())('intake on %s', (engine) => {
  let database: Database;
  let world: World;
  let built: TestIntake;
  let service: IntakeService;

  const count = async (
    table: 'responses' | 'response_texts' | 'response_text_originals' | 'response_contacts' | 'jobs',
  ) =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db))
        .rows[0]?.n,
    );

  // One database per engine (opening PGlite is slow); every test starts without responses or jobs.
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    world = await seedWorld(database.db);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await sql`truncate responses, response_texts, response_text_originals, response_contacts, jobs cascade`.execute(
      database.db,
    );
    built = buildIntake(database.db, world, { engine, intake: { now: () => NOW } });
    service = built.intake.service;
  });
  afterEach(() => service.close());

  const submit = (overrides: Record<string, unknown> = {}, ctx = context) =>
    service.submit(nationalSubmission(overrides) as SubmissionInput, ctx);

  test('a valid submission is stored with the columns reports break down by', async () => {
    const result = await submit({
      answers: {
        recommendation: 7,
        smooth: 5,
        timely: 'cant_say',
        respondent_type: 'relative',
        age_group: '30_49',
        comment: '',
      },
      submittedAt: '2025-06-30T22:30:00Z',
      channel: 'qr',
      language: 'sv',
    });
    expect(result.created).toBe(true);
    const row = await database.db
      .selectFrom('responses')
      .selectAll()
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      survey_id: world.national.surveyId,
      survey_version_id: world.national.versionId,
      unit_id: 'u-1',
      channel: 'qr',
      language: 'sv',
      recommendation: 7,
      respondent_type: 'relative',
      age_group: '30_49',
      answers: {
        recommendation: 7,
        smooth: 5,
        timely: 'cant_say',
        respondent_type: 'relative',
        age_group: '30_49',
      },
      // 01:30 in Helsinki (UTC+3 in summer) is already the next day.
      local_date: '2025-07-01',
    });
    expect(row.submitted_at.toISOString()).toBe('2025-06-30T22:30:00.000Z');
    expect(row.received_at.toISOString()).toBe(NOW.toISOString());
    expect(await count('response_texts')).toBe(0);
    expect(await count('jobs')).toBe(0);
  });

  test('without submittedAt the answer time is the receipt time', async () => {
    const { id } = await submit();
    const row = await database.db
      .selectFrom('responses')
      .select(['submitted_at', 'local_date'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.submitted_at.toISOString()).toBe(NOW.toISOString());
    expect(row.local_date).toBe('2025-07-02');
  });

  test('the survey can be named by id and answered in a plain-language variant', async () => {
    const { created } = await submit({ survey: world.national.surveyId, language: 'fi-plain' });
    expect(created).toBe(true);
  });

  test('the same submissionId again stores nothing new and returns the first id', async () => {
    const submissionId = randomUUID();
    const first = await submit({
      submissionId,
      answers: { recommendation: 10, comment: 'Hyvä, soita 040 123 4567' },
    });
    const again = await submit({ submissionId: submissionId.toUpperCase(), answers: { recommendation: 1 } });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await count('responses')).toBe(1);
    expect(await count('response_texts')).toBe(1);
    expect(await count('response_text_originals')).toBe(1);
    expect(await count('jobs')).toBe(1);
    const row = await database.db.selectFrom('responses').select('recommendation').executeTakeFirstOrThrow();
    expect(row.recommendation).toBe(10);
  });

  test('a repeat that arrives while the first is still being written gets the first id', async () => {
    const submissionId = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => submit({ submissionId })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await count('responses')).toBe(1);
  });

  test('a repeat seen by another instance (another service, same database) gets the first id', async () => {
    const other = buildIntake(database.db, world, { engine, intake: { now: () => NOW } }).intake.service;
    const submissionId = randomUUID();
    const [a, b] = await Promise.all([
      submit({ submissionId }),
      other.submit(nationalSubmission({ submissionId }) as SubmissionInput, context),
    ]);
    expect(a?.id).toBe(b?.id);
    expect([a?.created, b?.created].sort()).toEqual([false, true]);
    await other.close();
    expect(await count('responses')).toBe(1);
  });

  test('concurrent submissions are committed together in few transactions', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        submit({ answers: { recommendation: i % 11, comment: `Kommentti ${i}` } }),
      ),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(new Set(results.map((r) => r.id)).size).toBe(60);
    expect(await count('responses')).toBe(60);
    expect(await count('response_texts')).toBe(60);
    // One language-detection job per committed batch: far fewer batches than submissions.
    expect(await count('jobs')).toBeLessThanOrEqual(5);
  });

  test('one row that the database refuses does not fail the rest of its batch', async () => {
    // Known to the (fake) organisation but missing from the database: its insert breaks a foreign key.
    world.units.set('ghost', {
      ...(world.units.get('u-1') as NonNullable<ReturnType<World['units']['get']>>),
      id: 'ghost',
    });
    world.publications.add(`${world.national.surveyId}|ghost|web`);
    const outcomes = await Promise.allSettled([
      submit({ answers: { recommendation: 1, comment: 'a' } }),
      submit({ unit: 'ghost', answers: { recommendation: 2, comment: 'b' } }),
      submit({ answers: { recommendation: 3, comment: 'c' } }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count('responses')).toBe(2);
    expect(await count('response_texts')).toBe(2);
  });

  test('personal data in free text is redacted and the original kept only encrypted', async () => {
    const original = 'Olen 010190-123A, soita 040 123 4567 tai matti@example.fi';
    const { id } = await submit({ answers: { recommendation: 5, comment: `  ${original}  ` } });
    const text = await database.db
      .selectFrom('response_texts')
      .selectAll()
      .where('response_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(text.question_id).toBe('comment');
    expect(text.text_redacted).toBe('Olen [personal-id], soita [phone] tai [email]');
    expect(text.redactions).toEqual({ personal_id: 1, phone: 1, email: 1 });
    const sealed = await database.db
      .selectFrom('response_text_originals')
      .selectAll()
      .where('response_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(sealed.ciphertext).toString('utf8')).not.toContain('010190');
    expect(decrypt(DATA_KEY, sealed.ciphertext)).toBe(original);
    const row = await database.db
      .selectFrom('responses')
      .select('answers')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row.answers)).not.toContain('Olen');
  });

  test('text without personal data keeps no separate original', async () => {
    await submit({ answers: { comment: 'Kiitos hyvästä palvelusta' } });
    expect(await count('response_texts')).toBe(1);
    expect(await count('response_text_originals')).toBe(0);
  });

  test('contact details are stored encrypted apart from the answers', async () => {
    const { id } = await submit({
      contact: { name: ' Maija Meikäläinen ', email: 'maija@example.fi', phone: '' },
    });
    const sealed = await database.db
      .selectFrom('response_contacts')
      .selectAll()
      .where('response_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(decrypt(DATA_KEY, sealed.ciphertext))).toEqual({
      name: 'Maija Meikäläinen',
      email: 'maija@example.fi',
    });
    const all = JSON.stringify(await database.db.selectFrom('responses').selectAll().execute());
    expect(all).not.toContain('maija');
  });

  test('an empty contact part stores no contact', async () => {
    await submit({ contact: { name: '', email: '  ' } });
    expect(await count('response_contacts')).toBe(0);
  });

  test('a children’s survey response is stored as answered by a child', async () => {
    const { id } = await submit({ survey: 'thl-children', answers: { overall: 4, listened: 3 } });
    const row = await database.db
      .selectFrom('responses')
      .select(['respondent_type', 'recommendation'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ respondent_type: 'child', recommendation: null });
  });

  test('a late kiosk answer from before a unit closed is accepted', async () => {
    const late = buildIntake(database.db, world, {
      engine,
      intake: { now: () => new Date('2021-01-10T10:00:00Z') },
    });
    const result = await late.intake.service.submit(
      nationalSubmission({
        unit: 'u-closed',
        channel: 'kiosk',
        submittedAt: '2020-12-31T20:00:00+02:00',
      }) as SubmissionInput,
      context,
    );
    expect(result.created).toBe(true);
    await late.intake.service.close();
  });

  test.each([
    [{ submissionId: 'not-a-uuid' }, ValidationError, 'invalid_submission_id'],
    [{ channel: 'pigeon' }, ValidationError, 'unknown_channel'],
    [{ answers: [] }, ValidationError, 'invalid_answers_shape'],
    [{ language: 'de' }, ValidationError, 'unsupported_language'],
    [{ language: 'sv-plain' }, ValidationError, 'unsupported_language'],
    [{ submittedAt: 'yesterday' }, ValidationError, 'invalid_submitted_at'],
    [{ submittedAt: '2025-07-02T09:00:00' }, ValidationError, 'invalid_submitted_at'],
    [{ submittedAt: '2025-07-02T09:06:00Z' }, ValidationError, 'submitted_at_in_future'],
    [{ submittedAt: '2024-05-27T09:00:00Z' }, ValidationError, 'submitted_at_too_old'],
    [{ survey: 'no-such-survey' }, NotFoundError, 'survey_not_found'],
    [{ survey: 'Bad Slug\u0000' }, NotFoundError, 'survey_not_found'],
    [{ unit: 'nope' }, NotFoundError, 'unit_not_found'],
    [{ unit: 'u-1\u0000; drop table responses' }, NotFoundError, 'unit_not_found'],
    [{ unit: 'u-closed' }, NotFoundError, 'unit_closed'],
    [{ unit: 'u-unpublished' }, NotFoundError, 'survey_not_available'],
    [{ channel: 'paper' }, NotFoundError, 'survey_not_available'],
    [{ answers: { recommendation: 11 } }, ValidationError, 'invalid_answers'],
    [{ answers: {} }, ValidationError, 'invalid_answers'],
    [{ contact: { email: 'not an address' } }, ValidationError, 'invalid_contact'],
  ])('%j is rejected with %s %s and nothing is stored', async (overrides, kind, code) => {
    const error = await rejection(submit(overrides));
    expect(error).toBeInstanceOf(kind);
    expect(error.code).toBe(code);
    expect(error.messageKey).toBe(`intake.${code}`);
    expect(await count('responses')).toBe(0);
  });

  test('invalid answers are listed per question with messages in the request’s language', async () => {
    const error = await rejection(
      submit(
        {
          answers: {
            recommendation: 12,
            smooth: 'cant_say',
            respondent_type: 'alien',
            extra: 1,
            comment: 'x'.repeat(2001),
          },
        },
        { ...context, lang: 'sv' },
      ),
    );
    expect(error.details).toEqual([
      { question: 'extra', code: 'unknown_question', message: 'Enkäten har ingen sådan fråga.' },
      { question: 'recommendation', code: 'out_of_range', message: 'Svaret är inte något av alternativen.' },
      {
        question: 'respondent_type',
        code: 'invalid_option',
        message: 'Svaret är inte något av alternativen.',
      },
      { question: 'comment', code: 'too_long', message: 'Texten är för lång: högst 2000 tecken.' },
    ]);
  });

  test('invalid contact details are listed per field', async () => {
    const error = await rejection(
      submit({ contact: { email: 'x@', phone: 'call me' } }, { ...context, lang: 'en' }),
    );
    expect(error.details).toEqual([
      { question: 'contact.email', code: 'invalid_email', message: expect.stringContaining('e-mail') },
      { question: 'contact.phone', code: 'invalid_phone', message: expect.stringContaining('phone') },
    ]);
  });

  test('a client over the rate limit is told to wait, and others are not affected', async () => {
    const limited = buildIntake(database.db, world, { engine, config: { intakeRatePerMinute: 2 } }).intake
      .service;
    await limited.submit(nationalSubmission() as SubmissionInput, context);
    await limited.submit(nationalSubmission() as SubmissionInput, context);
    const error = await rejection(limited.submit(nationalSubmission() as SubmissionInput, context));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.code).toBe('rate_limited');
    expect((error as RateLimitedError).retryAfterSeconds).toBe(30);
    await limited.submit(nationalSubmission() as SubmissionInput, { clientKey: '198.51.100.7' });
    await limited.close();
    expect(await count('responses')).toBe(3);
  });

  test('the language of free text is detected later by a job', async () => {
    const texts = {
      fi: 'Hoitaja oli todella ystävällinen ja odotusaika lyhyt',
      sv: 'Personalen var vänlig men jag fick vänta länge',
      en: 'The nurse was very kind and I did not wait long',
    };
    const ids: Record<string, string> = {};
    for (const [language, comment] of Object.entries(texts))
      ids[language] = (await submit({ answers: { comment } })).id;
    const onlyMarkers = (await submit({ answers: { comment: '040 123 4567' } })).id;
    expect(await built.jobs.runDue()).toBeGreaterThanOrEqual(1);
    const rows = await database.db
      .selectFrom('response_texts')
      .select(['response_id', 'detected_language'])
      .execute();
    const detected = Object.fromEntries(rows.map((r) => [r.response_id, r.detected_language]));
    expect(detected[ids.fi as string]).toBe('fi');
    expect(detected[ids.sv as string]).toBe('sv');
    expect(detected[ids.en as string]).toBe('en');
    expect(detected[onlyMarkers]).toBeNull();
    const job = await database.db.selectFrom('jobs').select(['payload', 'done_at']).executeTakeFirstOrThrow();
    expect(JSON.stringify(job.payload)).not.toMatch(/nurse|Hoitaja/);
  });

  test('close() waits for pending writes', async () => {
    const pending = submit();
    await service.close();
    await expect(pending).resolves.toMatchObject({ created: true });
    expect(await count('responses')).toBe(1);
  });
});
