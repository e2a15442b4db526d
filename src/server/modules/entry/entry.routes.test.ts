import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { GOOD_PASSWORD, TEST_ORIGIN, formBody, signIn, type SignedIn } from '../staff/staff.testing.ts';
import { THL_NATIONAL_SLUG } from '../surveys/index.ts';

const UNITS = [
  { id: 'e-root', parentId: null, type: 'division', nameFi: 'Sote' },
  { id: 'e-ward', parentId: 'e-root', type: 'unit', nameFi: 'Osasto 3', nameSv: 'Avdelning 3' },
  { id: 'e-clinic', parentId: 'e-root', type: 'unit', nameFi: 'Vastaanotto' },
  { id: 'e-elsewhere', parentId: null, type: 'division', nameFi: 'Kulttuuri' },
];

describe.each(testEngines())('staff entry of paper and oral feedback on %s', (engine) => {
  let t: TestKuulo;
  let surveyId: string;
  let handler: SignedIn;
  let otherHandler: SignedIn;

  const post = (session: SignedIn, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: session.cookie,
        origin: TEST_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: formBody({ _csrf: session.csrf, ...fields }),
    });
  const get = (session: SignedIn, url: string) => t.app.inject({ url, headers: { cookie: session.cookie } });

  async function startBatch(session: SignedIn, unit: string, channel = 'paper', language = 'fi') {
    const res = await post(session, '/staff/entry/batches', {
      survey: surveyId,
      unit,
      channel,
      language,
      label: 'Laatikko',
    });
    expect(res.statusCode).toBe(303);
    return String(res.headers.location).split('/').at(-1)!;
  }

  async function blankForm(session: SignedIn, batchId: string) {
    const page = await get(session, `/staff/entry/batches/${batchId}`);
    expect(page.statusCode).toBe(200);
    return /name="submission_id" value="([^"]+)"/.exec(page.body)![1]!;
  }

  beforeAll(async () => {
    t = await createTestKuulo(engine, { publicUrl: TEST_ORIGIN });
    const { organisation, surveys, staff } = t.kuulo;
    const report = await organisation.service.importUnits(
      { format: 'json', content: JSON.stringify(UNITS) },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
    surveyId = (await surveys.service.getCurrent(THL_NATIONAL_SLUG))!.surveyId;
    await surveys.service.publish({
      surveyId,
      unitId: 'e-root',
      includeSubtree: true,
      channels: ['paper', 'oral'],
      actorId: null,
    });
    await surveys.service.publish({
      surveyId,
      unitId: 'e-elsewhere',
      includeSubtree: true,
      channels: ['paper'],
      actorId: null,
    });
    for (const [email, unitId] of [
      ['ward@example.fi', 'e-ward'],
      ['clinic@example.fi', 'e-clinic'],
    ] as const)
      await staff.service.createUser({
        email,
        displayName: email,
        password: GOOD_PASSWORD,
        roles: [{ role: 'handler', unitId }],
      });
    await staff.service.createUser({
      email: 'analyst@example.fi',
      displayName: 'Analyst',
      password: GOOD_PASSWORD,
      roles: [{ role: 'analyst', unitId: null }],
    });
    handler = await signIn(t.app, 'ward@example.fi');
    otherHandler = await signIn(t.app, 'clinic@example.fi');
  });
  afterAll(() => t?.close());

  test('a handler enters a paper form by box numbers and it is stored as a paper response with its batch and enterer', async () => {
    const batchId = await startBatch(handler, 'e-ward');
    const submissionId = await blankForm(handler, batchId);
    const res = await post(handler, `/staff/entry/batches/${batchId}`, {
      submission_id: submissionId,
      a_recommendation: '9',
      a_smooth: '4',
      a_respect: '0',
      a_respondent_type: '2',
      a_age_group: '3',
      a_comment: 'Hyvä hoito, soittakaa 040 123 4567',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/staff/entry/batches/${batchId}?saved=1`);
    const db = t.kuulo.database.db;
    const row = await db
      .selectFrom('responses')
      .selectAll()
      .where('submission_id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'paper',
      unit_id: 'e-ward',
      language: 'fi',
      recommendation: 9,
      respondent_type: 'relative',
      age_group: '30_49',
    });
    expect(row.answers).toMatchObject({ smooth: 4, respect: 'cant_say' });
    const text = await db
      .selectFrom('response_texts')
      .selectAll()
      .where('response_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(text.text_redacted).not.toContain('123 4567');
    const record = await db
      .selectFrom('entry_records')
      .selectAll()
      .where('response_id', '=', row.id)
      .executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'ward@example.fi')
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({ batch_id: batchId, form_number: 1, entered_by: user.id });
    const page = await get(handler, res.headers.location as string);
    expect(page.body).toContain('Lomake 1 tallennettu');
    expect(page.body).toContain('1 lomaketta syötetty');
  });

  test('saving the same form twice stores it once and says so', async () => {
    const batchId = await startBatch(handler, 'e-ward');
    const submissionId = await blankForm(handler, batchId);
    const fields = { submission_id: submissionId, a_recommendation: '7' };
    expect((await post(handler, `/staff/entry/batches/${batchId}`, fields)).headers.location).toContain(
      'saved=1',
    );
    const again = await post(handler, `/staff/entry/batches/${batchId}`, fields);
    expect(again.headers.location).toContain('saved=1r');
    const { n } = await t.kuulo.database.db
      .selectFrom('responses')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('submission_id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
    expect((await get(handler, again.headers.location as string)).body).toContain('oli jo tallennettu');
  });

  test('a mistyped number is shown at its question with what was typed, and nothing is stored', async () => {
    const batchId = await startBatch(handler, 'e-ward', 'paper', 'sv');
    const submissionId = await blankForm(handler, batchId);
    const res = await post(handler, `/staff/entry/batches/${batchId}?lang=en`, {
      submission_id: submissionId,
      a_recommendation: '11',
      a_smooth: '3',
      a_respondent_type: '1 2',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Type a number 0–10 or leave it empty.');
    expect(res.body).toContain('value="11"');
    expect(res.body).toContain(`value="${submissionId}"`);
    expect(res.body).toMatch(
      /id="e-recommendation"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="e-recommendation"/s,
    );
    const stored = await t.kuulo.database.db
      .selectFrom('responses')
      .select('id')
      .where('submission_id', '=', submissionId)
      .execute();
    expect(stored).toEqual([]);
  });

  test('an empty form is refused with a clear message', async () => {
    const batchId = await startBatch(handler, 'e-ward');
    const submissionId = await blankForm(handler, batchId);
    const res = await post(handler, `/staff/entry/batches/${batchId}`, {
      submission_id: submissionId,
      a_recommendation: ' ',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Lomake on tyhjä');
  });

  test('oral feedback is stored with channel oral', async () => {
    const batchId = await startBatch(handler, 'e-ward', 'oral');
    const submissionId = await blankForm(handler, batchId);
    await post(handler, `/staff/entry/batches/${batchId}`, {
      submission_id: submissionId,
      a_comment: 'Kiitos hoitajille',
    });
    const row = await t.kuulo.database.db
      .selectFrom('responses')
      .select('channel')
      .where('submission_id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe('oral');
  });

  test("nobody enters feedback outside their subtree, sees another handler's batch, or enters as an analyst", async () => {
    const outside = await post(handler, '/staff/entry/batches', {
      survey: surveyId,
      unit: 'e-elsewhere',
      channel: 'paper',
      language: 'fi',
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.body).toContain('Sinulla ei ole oikeutta');
    const batchId = await startBatch(handler, 'e-ward');
    expect((await get(otherHandler, `/staff/entry/batches/${batchId}`)).statusCode).toBe(404);
    expect(
      (await post(otherHandler, `/staff/entry/batches/${batchId}`, { a_recommendation: '1' })).statusCode,
    ).toBe(404);
    const analyst = await signIn(t.app, 'analyst@example.fi');
    expect((await get(analyst, '/staff/entry')).statusCode).toBe(403);
  });

  test('a closed batch takes no more forms', async () => {
    const batchId = await startBatch(handler, 'e-ward');
    const submissionId = await blankForm(handler, batchId);
    expect((await post(handler, `/staff/entry/batches/${batchId}/close`, {})).statusCode).toBe(303);
    const res = await post(handler, `/staff/entry/batches/${batchId}`, {
      submission_id: submissionId,
      a_recommendation: '5',
    });
    expect(res.statusCode).toBe(409);
    expect((await get(handler, `/staff/entry/batches/${batchId}`)).body).toContain('Tämä nippu on suljettu');
  });

  test("the start page lists the unit's surveys, print links and the person's own batches", async () => {
    const page = await get(handler, '/staff/entry?unit=e-ward');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Osasto 3');
    expect(page.body).toContain(`/staff/entry/print?survey=${surveyId}&amp;unit=e-ward&amp;lang=sv`);
    expect(page.body).toContain('Laatikko');
  });

  test('the printable paper form has the unit filled in and numbers every box as the entry screen reads them', async () => {
    const page = await get(handler, `/staff/entry/print?survey=${surveyId}&unit=e-ward&lang=sv`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="sv"');
    expect(page.body).toContain('Avdelning 3');
    expect(page.body).toContain('Jag blev bemött med respekt.');
    const outside = await get(handler, `/staff/entry/print?survey=${surveyId}&unit=e-elsewhere&lang=fi`);
    expect(outside.statusCode).toBe(403);
  });
});
