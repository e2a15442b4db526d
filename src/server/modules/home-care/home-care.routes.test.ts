import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { GOOD_PASSWORD, TEST_ORIGIN, formBody, signIn, type SignedIn } from '../staff/staff.testing.ts';
import { HOME_CARE_SLUG } from '../surveys/index.ts';

const UNITS = [
  { id: 'hc-root', parentId: null, type: 'division', nameFi: 'Kotihoito' },
  {
    id: 'hc-north',
    parentId: 'hc-root',
    type: 'unit',
    nameFi: 'Kotihoito Pohjoinen',
    nameSv: 'Hemvården Norr',
  },
  { id: 'hc-south', parentId: 'hc-root', type: 'unit', nameFi: 'Kotihoito Etelä' },
];

describe.each(testEngines())('home-care mobile mode on %s', (engine) => {
  let t: TestKuulo;
  let nurse: SignedIn;
  let colleague: SignedIn;
  let analyst: SignedIn;

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

  async function visitId(session: SignedIn, unit = 'hc-north', lang = 'fi') {
    const page = await get(session, `/staff/home-care/visit?unit=${unit}&lang=${lang}`);
    expect(page.statusCode).toBe(200);
    return /name="submission_id" value="([^"]+)"/.exec(page.body)![1]!;
  }

  /** A whole visit: the client's face (or a decline) and the nurse's assessment. */
  async function visit(session: SignedIn, face: number | 'declined', onTime: string, affectedBy: string) {
    const id = await visitId(session);
    const client =
      face === 'declined'
        ? await post(session, '/staff/home-care/visit?lang=fi', {
            submission_id: id,
            unit: 'hc-north',
            declined: '1',
          })
        : await post(session, '/staff/home-care/visit?lang=fi', {
            submission_id: id,
            unit: 'hc-north',
            q_visit: String(face),
          });
    expect(client.statusCode).toBe(303);
    const assessed = await post(session, `/staff/home-care/visits/${id}/assessment`, {
      on_time: onTime,
      affected_by: affectedBy,
    });
    expect(assessed.statusCode).toBe(303);
    return id;
  }

  beforeAll(async () => {
    t = await createTestKuulo(engine, { publicUrl: TEST_ORIGIN, minGroupSize: 5 });
    const { organisation, surveys, staff } = t.kuulo;
    const report = await organisation.service.importUnits(
      { format: 'json', content: JSON.stringify(UNITS) },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
    const surveyId = (await surveys.service.getCurrent(HOME_CARE_SLUG))!.surveyId;
    await surveys.service.publish({
      surveyId,
      unitId: 'hc-root',
      includeSubtree: true,
      channels: ['home_care'],
      actorId: null,
    });
    const users = [
      ['nurse@example.fi', 'handler', 'hc-north'],
      ['colleague@example.fi', 'handler', 'hc-north'],
      ['analyst@example.fi', 'analyst', 'hc-root'],
    ] as const;
    for (const [email, role, unitId] of users)
      await staff.service.createUser({
        email,
        displayName: email,
        password: GOOD_PASSWORD,
        roles: [{ role, unitId }],
      });
    nurse = await signIn(t.app, 'nurse@example.fi');
    colleague = await signIn(t.app, 'colleague@example.fi');
    analyst = await signIn(t.app, 'analyst@example.fi');
  });
  afterAll(() => t?.close());

  test('the client answers in Swedish, then the nurse assesses; both are stored apart and linked by the visit', async () => {
    const start = await get(nurse, '/staff/home-care');
    expect(start.body).toContain('Kotihoito Pohjoinen');
    const id = await visitId(nurse, 'hc-north', 'sv');
    const client = await post(nurse, '/staff/home-care/visit?lang=sv', {
      submission_id: id,
      unit: 'hc-north',
      q_visit: '3',
      q_comment: 'Trevlig vårdare, ring 040 765 4321',
    });
    expect(client.statusCode).toBe(303);
    expect(client.headers.location).toBe(`/staff/home-care/visits/${id}/assessment?client=sv`);
    const thanks = await get(nurse, client.headers.location as string);
    expect(thanks.body).toContain('Tack för ditt svar!');
    const saved = await post(nurse, `/staff/home-care/visits/${id}/assessment`, {
      on_time: 'partly',
      affected_by: 'lack_of_time',
      note: 'Kiire, asiakkaan puhelin 040 111 2222',
    });
    expect(saved.headers.location).toBe('/staff/home-care?done=1');
    const db = t.kuulo.database.db;
    const row = await db
      .selectFrom('home_care_visits')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const response = await db
      .selectFrom('responses')
      .selectAll()
      .where('id', '=', row.response_id!)
      .executeTakeFirstOrThrow();
    expect(response).toMatchObject({
      channel: 'home_care',
      language: 'sv',
      unit_id: 'hc-north',
      submission_id: id,
    });
    expect(response.answers).toEqual({ visit: 3 });
    const assessment = await db
      .selectFrom('home_care_assessments')
      .selectAll()
      .where('visit_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(assessment).toMatchObject({ on_time: 'partly', affected_by: 'lack_of_time' });
    expect(assessment.note_redacted).not.toContain('111 2222');
    // The client's answer holds nothing of the staff member's assessment, and the other way round.
    expect(JSON.stringify(response.answers)).not.toContain('lack_of_time');
  });

  test("sending the client's answer twice stores one response and one visit", async () => {
    const id = await visitId(nurse);
    const fields = { submission_id: id, unit: 'hc-north', q_visit: '4' };
    await post(nurse, '/staff/home-care/visit?lang=fi', fields);
    expect((await post(nurse, '/staff/home-care/visit?lang=fi', fields)).statusCode).toBe(303);
    const db = t.kuulo.database.db;
    expect(
      await db.selectFrom('responses').select('id').where('submission_id', '=', id).execute(),
    ).toHaveLength(1);
    expect(await db.selectFrom('home_care_visits').select('id').where('id', '=', id).execute()).toHaveLength(
      1,
    );
  });

  test('the client may decline; the visit and the assessment still count', async () => {
    const id = await visit(nurse, 'declined', 'yes', 'nothing');
    const row = await t.kuulo.database.db
      .selectFrom('home_care_visits')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ client_declined: true, response_id: null });
  });

  test('an assessment without its answers is refused with messages, and a face outside 1–4 is refused', async () => {
    const id = await visitId(nurse);
    const bad = await post(nurse, '/staff/home-care/visit?lang=fi', {
      submission_id: id,
      unit: 'hc-north',
      q_visit: '5',
    });
    expect(bad.statusCode).toBe(422);
    await post(nurse, '/staff/home-care/visit?lang=fi', {
      submission_id: id,
      unit: 'hc-north',
      declined: '1',
    });
    const missing = await post(nurse, `/staff/home-care/visits/${id}/assessment?lang=en`, { note: 'x' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Choose whether the visit was on time.');
    expect(missing.body).toContain('Choose what most affected the visit.');
  });

  test("nobody assesses another person's visit or records visits outside their units", async () => {
    const id = await visitId(nurse);
    await post(nurse, '/staff/home-care/visit?lang=fi', {
      submission_id: id,
      unit: 'hc-north',
      q_visit: '2',
    });
    const other = await post(colleague, `/staff/home-care/visits/${id}/assessment`, {
      on_time: 'yes',
      affected_by: 'nothing',
    });
    expect(other.statusCode).toBe(404);
    expect((await get(nurse, '/staff/home-care/visit?unit=hc-south')).statusCode).toBe(403);
    expect((await get(analyst, '/staff/home-care/visit?unit=hc-north')).statusCode).toBe(403);
  });

  test('the report shows the client and staff views side by side and hides groups below the minimum', async () => {
    const db = t.kuulo.database.db;
    await db.deleteFrom('home_care_assessments').execute();
    await db.deleteFrom('home_care_visits').execute();
    for (let i = 0; i < 6; i++) await visit(nurse, 4, 'yes', 'nothing');
    for (let i = 0; i < 5; i++) await visit(colleague, 3, 'no', 'lack_of_time');
    await visit(nurse, 1, 'partly', 'timing');
    const page = await get(analyst, '/staff/home-care/report?unit=hc-root&lang=en');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Home-care visits: Kotihoito');
    expect(page.body).toMatch(/Visits<\/th>\s*<td class="num">\s*12/);
    expect(page.body).toContain('fewer than 5 answers – not shown');
    const outside = await get(nurse, '/staff/home-care/report?unit=hc-root');
    expect(outside.statusCode).toBe(403);
    const badPeriod = await get(
      analyst,
      '/staff/home-care/report?unit=hc-root&from=2026-12-01&to=2026-01-01',
    );
    expect(badPeriod.statusCode).toBe(400);
  });
});
