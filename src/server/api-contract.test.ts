// The public API contract of issue 2 as outside systems and later issues rely on it, on the whole composed app.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from './db/testing.ts';
import { createTestKuulo, type TestKuulo } from './testing/kuulo.ts';

const TREE = JSON.stringify([
  {
    id: 'div',
    parent_id: null,
    type: 'division',
    name_fi: 'Sote-toimiala',
    name_sv: 'Social- och hälsovårdssektorn',
    name_en: 'Social services and health care',
  },
  {
    id: 'area',
    parent_id: 'div',
    type: 'service_area',
    name_fi: 'Terveyspalvelut',
    name_sv: 'Hälsotjänster',
    name_en: 'Health services',
  },
  {
    id: 'unit-kallio',
    parent_id: 'area',
    type: 'unit',
    name_fi: 'Kallion terveysasema',
    name_sv: 'Berghälls hälsostation',
    name_en: 'Kallio health station',
    oid: '1.2.246.10.1234567.10.0',
  },
  {
    id: 'elsewhere',
    parent_id: 'div',
    type: 'unit',
    name_fi: 'Muu yksikkö',
    name_sv: 'Annan enhet',
    name_en: 'Other unit',
  },
]);

describe.each(testEngines())('public API on %s', (engine) => {
  let t: TestKuulo;
  beforeAll(async () => {
    t = await createTestKuulo(engine);
    const report = await t.kuulo.organisation.service.importUnits(
      { format: 'json', content: TREE },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
    const survey = await t.kuulo.surveys.service.getCurrent('thl-national');
    await t.kuulo.surveys.service.publish({
      surveyId: survey!.surveyId,
      unitId: 'area',
      includeSubtree: true,
      channels: ['web', 'qr', 'api'],
      actorId: null,
    });
  });
  afterAll(() => t.close());

  const submit = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/responses', payload: body, headers });

  const validBody = () => ({
    submissionId: randomUUID(),
    survey: 'thl-national',
    unit: 'unit-kallio',
    channel: 'api',
    language: 'fi',
    answers: {
      recommendation: 9,
      smooth: 5,
      timely: 'cant_say',
      respondent_type: 'client',
      comment: 'Hyvä palvelu',
    },
  });

  test('GET /healthz answers 200 while serving', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  test('the OpenAPI document covers units, surveys and responses', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/units', '/api/v1/responses', '/api/v1/surveys/{slug}']),
    );
  });

  test('GET /api/v1/units lists the tree with id, parent, names, OID and type', async () => {
    const units = (await t.app.inject({ url: '/api/v1/units' })).json();
    const kallio = units.find((u: { id: string }) => u.id === 'unit-kallio');
    expect(kallio).toMatchObject({
      id: 'unit-kallio',
      parentId: 'area',
      type: 'unit',
      oid: '1.2.246.10.1234567.10.0',
      names: { fi: 'Kallion terveysasema', sv: 'Berghälls hälsostation', en: 'Kallio health station' },
    });
  });

  test('GET /api/v1/surveys/thl-national has the national ids in fi, sv and en', async () => {
    const res = await t.app.inject({ url: '/api/v1/surveys/thl-national' });
    expect(res.statusCode).toBe(200);
    const survey = res.json();
    const ids = survey.questions.map((q: { id: string }) => q.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'recommendation',
        'smooth',
        'timely',
        'respect',
        'together',
        'safe',
        'understandable',
        'useful',
        'respondent_type',
        'comment',
      ]),
    );
    for (const q of survey.questions)
      expect(Object.keys(q.text)).toEqual(expect.arrayContaining(['fi', 'sv', 'en']));
    expect((await t.app.inject({ url: '/api/v1/surveys/no-such-survey' })).statusCode).toBe(404);
  });

  test('a response is stored once: 201 with an id, then 200 with the same id for the same submissionId', async () => {
    const body = validBody();
    const first = await submit(body);
    expect(first.statusCode).toBe(201);
    const { id } = first.json();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await submit(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id });
    const rows = await t.kuulo.database.db
      .selectFrom('responses')
      .where('submission_id', '=', body.submissionId)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(1);
    const version = await t.kuulo.surveys.service.getCurrent('thl-national');
    expect(rows[0]).toMatchObject({
      survey_version_id: version!.versionId,
      unit_id: 'unit-kallio',
      channel: 'api',
      recommendation: 9,
    });
  });

  test('an unknown survey or unit is a 404 with a stable code', async () => {
    const unknownSurvey = await submit({ ...validBody(), survey: 'nope' });
    expect(unknownSurvey.statusCode).toBe(404);
    expect(unknownSurvey.json().error.code).toBe('survey_not_found');
    const unknownUnit = await submit({ ...validBody(), unit: 'nope' });
    expect(unknownUnit.statusCode).toBe(404);
    expect(unknownUnit.json().error.code).toBe('unit_not_found');
  });

  test('a unit outside the publication cannot receive the survey', async () => {
    const res = await submit({ ...validBody(), unit: 'elsewhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('survey_not_available');
  });

  test('free text is redacted before it is stored and the original is not readable as plain text', async () => {
    const body = {
      ...validBody(),
      answers: { recommendation: 3, comment: 'Hetu 131052-308T, soita 040 123 4567' },
    };
    const res = await submit(body);
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const text = await t.kuulo.database.db
      .selectFrom('response_texts')
      .where('response_id', '=', id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(text.text_redacted).not.toContain('131052-308T');
    expect(text.text_redacted).not.toContain('123 4567');
    const original = await t.kuulo.database.db
      .selectFrom('response_text_originals')
      .where('response_id', '=', id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(Buffer.from(original.ciphertext).toString('utf8')).not.toContain('131052-308T');
  });
});
