import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { THL_NATIONAL_SLUG } from '../surveys/index.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const UNITS = [
  { id: 'w-root', parentId: null, type: 'division', nameFi: 'Toimiala' },
  { id: 'w-open', parentId: 'w-root', type: 'unit', nameFi: 'Avoin yksikkö', nameSv: 'Öppen enhet' },
  { id: 'w-other', parentId: null, type: 'division', nameFi: 'Muu toimiala' },
];

describe.each(testEngines())('the web channel with the real intake on %s', (engine) => {
  let t: TestKuulo;
  let surveyId: string;

  beforeAll(async () => {
    t = await createTestKuulo(engine);
    const { organisation, surveys } = t.kuulo;
    const report = await organisation.service.importUnits(
      { format: 'json', content: JSON.stringify(UNITS) },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
    const survey = await surveys.service.getCurrent(THL_NATIONAL_SLUG);
    surveyId = survey?.surveyId ?? '';
    await surveys.service.publish({
      surveyId,
      unitId: 'w-root',
      includeSubtree: true,
      channels: ['web'],
      actorId: null,
    });
  });
  afterAll(() => t?.close());

  test('a form answer is stored with its channel and language, and the contact request apart from the answers', async () => {
    const code = await t.kuulo.webSurvey.links.codeFor(surveyId, 'w-open');
    const page = await t.app.inject({ url: `/s/${code}?lang=sv` });
    expect(page.statusCode).toBe(200);
    const submissionId = /name="submission_id" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await t.app.inject({
      method: 'POST',
      url: `/s/${code}?lang=sv`,
      headers: FORM,
      payload: new URLSearchParams({
        submission_id: submissionId,
        q_recommendation: '6',
        q_respect: '5',
        q_comment: 'Ring mig gärna',
        contact_name: 'Anna A',
        contact_phone: '040 123 4567',
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    const db = t.kuulo.database.db;
    const row = await db
      .selectFrom('responses')
      .selectAll()
      .where('submission_id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'web', language: 'sv', unit_id: 'w-open', recommendation: 6 });
    expect(JSON.stringify(row.answers)).not.toContain('040 123');
    const contact = await db
      .selectFrom('response_contacts')
      .selectAll()
      .where('response_id', '=', row.id)
      .executeTakeFirst();
    expect(contact).toBeDefined();
    expect(Buffer.from(contact?.ciphertext ?? []).toString('latin1')).not.toContain('Anna');
  });

  test('a link to a unit where the survey is not published, or not in that channel, shows the closed page', async () => {
    const other = await t.kuulo.webSurvey.links.codeFor(surveyId, 'w-other');
    expect((await t.app.inject({ url: `/s/${other}` })).statusCode).toBe(410);
    const open = await t.kuulo.webSurvey.links.codeFor(surveyId, 'w-open');
    expect((await t.app.inject({ url: `/q/${open}` })).statusCode).toBe(410);
    expect((await t.app.inject({ url: `/s/${open}` })).statusCode).toBe(200);
  });

  test('the front page finds the unit and links to its survey', async () => {
    const res = await t.app.inject({ url: '/?q=avoin&lang=fi' });
    const code = await t.kuulo.webSurvey.links.codeFor(surveyId, 'w-open');
    expect(res.body).toContain(`href="/s/${code}?lang=fi"`);
  });
});
