import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { TEST_ORIGIN, signedInStaff } from '../staff/staff.testing.ts';
import { insertComment } from './analysis.testing.ts';
import type { StaffRole } from '../staff/index.ts';

// The whole analysis on a real database: texts stored by a source land in analysis_pending (trigger), the job's
// service call analyses them, views respect the subtree, the period, flags and minGroupSize, staff corrections
// go through the HTTP API with scope checks, and emerging themes are found on constructed data.

describe.each(testEngines())('text analysis on %s', (engine) => {
  let t: TestKuulo;

  async function addUnits() {
    const db = t.kuulo.database.db;
    const units = [
      { id: 'root', parent: null },
      { id: 'east', parent: 'root' },
      { id: 'west', parent: 'root' },
    ];
    await db
      .insertInto('org_units')
      .values(units.map((u) => ({ id: u.id, parent_id: u.parent, type: 'unit' as const, name_fi: u.id })))
      .execute();
    const closure = [
      ['root', 'root', 0],
      ['east', 'east', 0],
      ['west', 'west', 0],
      ['root', 'east', 1],
      ['root', 'west', 1],
    ] as const;
    await db
      .insertInto('org_unit_closure')
      .values(closure.map(([a, d, depth]) => ({ ancestor_id: a, descendant_id: d, depth })))
      .execute();
  }

  const addComment = (unitId: string, text: string, day = '2026-10-15', flag: 'test' | null = null) =>
    insertComment(t, { unitId, text, day, flag });

  const staffUser = (role: StaffRole, unitId: string | null) =>
    signedInStaff({ app: t.app, staff: t.kuulo.staff.service }, role, unitId);

  beforeAll(async () => {
    t = await createTestKuulo(engine, { minGroupSize: 3, publicUrl: TEST_ORIGIN });
    await addUnits();
  }, 60_000);
  afterAll(() => t.close());

  test('stored comments are analysed by the pending job: themes, tone, base-form key phrases', async () => {
    const phone = await addComment('east', 'Takaisinsoittoa ei koskaan tullut, vaikka lupasivat.');
    const parking = await addComment('east', 'Parkkipaikkaa ei löytynyt sairaalan pihalta.');
    await addComment('east', 'Pysäköinti oli kallista ja parkkipaikat täynnä.');
    await addComment('east', 'Parking was impossible, nowhere to park.');
    await addComment('east', 'Det fanns ingen parkering vid hälsostationen.');
    await addComment('west', 'Hoitaja oli todella ystävällinen, kiitos!');
    await addComment('east', 'Parkkipaikkaa ei ollut, flagged', '2026-10-15', 'test');
    const pending = await t.kuulo.database.db.selectFrom('analysis_pending').select('response_id').execute();
    expect(pending).toHaveLength(7);

    expect(await t.kuulo.analysis.service.analysePending(500)).toBe(7);
    expect(await t.kuulo.database.db.selectFrom('analysis_pending').select('response_id').execute()).toEqual(
      [],
    );
    const rows = await t.kuulo.database.db
      .selectFrom('analysis_results')
      .select(['response_id', 'themes', 'tone', 'key_phrases', 'language', 'unit_id'])
      .execute();
    const byId = new Map(rows.map((r) => [r.response_id, r]));
    expect(byId.get(phone)?.themes).toContain('phone');
    expect(byId.get(phone)?.tone).toBe('negative');
    expect(byId.get(phone)?.language).toBe('fi');
    expect(byId.get(parking)?.themes).toContain('parking');
    expect(byId.get(parking)?.key_phrases).toContain('parkkipaikka');
  }, 120_000);

  test('the summary of a subtree counts its texts, leaves out flagged ones and suppresses small groups', async () => {
    const summary = await t.kuulo.analysis.views.themeSummary({
      unitId: 'east',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(summary.total).toEqual({ n: 5, suppressed: false });
    const parking = summary.themes.find((th) => th.key === 'parking');
    expect(parking).toMatchObject({ suppressed: false, n: 4, share: 0.8 });
    // The tone split of a shown theme hides its small cells too: every tone is 0, at least 3 or null.
    const toneCells = Object.values(parking && !parking.suppressed ? parking.tones : {});
    expect(toneCells).toHaveLength(4);
    expect(toneCells.every((n) => n === null || n === 0 || n >= 3)).toBe(true);
    expect(toneCells.filter((n) => n === null).length).not.toBe(1);
    expect(summary.themes.find((th) => th.key === 'phone')).toMatchObject({ suppressed: true });
    expect(JSON.stringify(summary.themes.find((th) => th.key === 'phone'))).not.toMatch(/"n"/);
    const west = await t.kuulo.analysis.views.themeSummary({
      unitId: 'west',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(west.total).toEqual({ n: null, suppressed: true });
  });

  test('a count of zero is shown as 0, not suppressed: only 1 to minGroupSize − 1 texts are hidden', async () => {
    const summary = await t.kuulo.analysis.views.themeSummary({
      unitId: 'east',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(summary.themes.find((th) => th.key === 'food')).toMatchObject({
      suppressed: false,
      n: 0,
      share: 0,
      tones: { positive: 0, neutral: 0, negative: 0, mixed: 0 },
    });
    const empty = await t.kuulo.analysis.views.themeSummary({
      unitId: 'east',
      from: '2025-01-01',
      to: '2025-01-31',
    });
    expect(empty.total).toEqual({ n: 0, suppressed: false });
    expect(empty.themes.every((th) => !th.suppressed && th.n === 0)).toBe(true);
    const analyst = await staffUser('analyst', 'east');
    const page = await t.app.inject({
      method: 'GET',
      url: '/staff/analysis?unit=east&from=2025-01-01&to=2025-01-31&lang=en',
      headers: { cookie: analyst.cookie },
    });
    expect(page.body).toContain('Comments: 0');
    expect(page.body).not.toContain('too few comments');
  });

  test('comments are listed by theme over the API only inside the staff member’s subtree', async () => {
    const analyst = await staffUser('analyst', 'east');
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/comments?unit=east&from=2026-10-01&to=2026-10-31&theme=parking&limit=20&offset=0',
      headers: { cookie: analyst.cookie },
    });
    expect(ok.statusCode).toBe(200);
    const comments = (ok.json() as { comments: { text: string; themes: string[] }[] }).comments;
    expect(comments.length).toBe(4);
    expect(comments.every((c) => c.themes.includes('parking'))).toBe(true);
    expect(comments.some((c) => c.text.includes('flagged'))).toBe(false);

    const outside = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/comments?unit=west&from=2026-10-01&to=2026-10-31',
      headers: { cookie: analyst.cookie },
    });
    expect(outside.statusCode).toBe(403);
    const viewer = await staffUser('viewer', null);
    const noText = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/comments?unit=east&from=2026-10-01&to=2026-10-31',
      headers: { cookie: viewer.cookie },
    });
    expect(noText.statusCode).toBe(403);
    const badDate = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/summary?unit=east&from=2026-02-30&to=2026-03-31',
      headers: { cookie: analyst.cookie },
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ error: { code: 'invalid_date' } });
  });

  test('the staff page shows themes to a viewer, comments only to text readers, and saves a correction form', async () => {
    const viewer = await staffUser('viewer', 'east');
    const page = await t.app.inject({
      method: 'GET',
      url: '/staff/analysis?unit=east&from=2026-10-01&to=2026-10-31&lang=en',
      headers: { cookie: viewer.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Parking and transport');
    expect(page.body).not.toContain('sairaalan pihalta');
    const analyst = await staffUser('analyst', 'east');
    const full = await t.app.inject({
      method: 'GET',
      url: '/staff/analysis?unit=east&from=2026-10-01&to=2026-10-31&theme=parking',
      headers: { cookie: analyst.cookie },
    });
    expect(full.body).toContain('sairaalan pihalta');
    const responseId = /name="responseId" value="([^"]+)"/.exec(full.body)?.[1] ?? '';
    const saved = await t.app.inject({
      method: 'POST',
      url: '/staff/analysis/corrections',
      headers: {
        cookie: analyst.cookie,
        origin: TEST_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams([
        ['_csrf', analyst.csrf],
        ['responseId', responseId],
        ['questionId', 'comment'],
        ['themes', 'parking'],
        ['themes', 'costs'],
        ['tone', 'negative'],
        ['back', 'unit=east'],
      ]).toString(),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/staff/analysis?unit=east&saved=1');
    const row = await t.kuulo.database.db
      .selectFrom('analysis_results')
      .select('themes')
      .where('response_id', '=', responseId)
      .executeTakeFirstOrThrow();
    expect(row.themes).toEqual(['costs', 'parking']);
    const other = await staffUser('viewer', 'west');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/staff/analysis?unit=east',
          headers: { cookie: other.cookie },
        })
      ).statusCode,
    ).toBe(403);
    const summary = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/theme-summary?unit=east&from=2026-10-01&to=2026-10-31&theme=parking',
      headers: { cookie: analyst.cookie },
    });
    expect(summary.statusCode).toBe(409);
    expect(summary.json()).toMatchObject({ error: { code: 'provider_not_configured' } });
    const clustersOff = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analysis/clusters?unit=east&from=2026-10-01&to=2026-10-31',
      headers: { cookie: analyst.cookie },
    });
    const similarOff = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/similar',
      headers: {
        cookie: analyst.cookie,
        'x-csrf-token': analyst.csrf,
        origin: TEST_ORIGIN,
        'content-type': 'application/json',
      },
      payload: { unit: 'east', from: '2026-10-01', to: '2026-10-31', text: 'jono' },
    });
    for (const off of [clustersOff, similarOff]) {
      expect(off.statusCode).toBe(409);
      expect(off.json()).toMatchObject({ error: { code: 'embeddings_not_configured' } });
    }
  });

  test('a correction replaces the themes and tone at once, becomes training data, and a retrained model uses it', async () => {
    const id = await addComment('east', 'Kahvion pullat olivat kuivia.');
    await t.kuulo.analysis.service.analysePending(500);
    const handler = await staffUser('handler', 'east');
    const post = (body: Record<string, unknown>, cookie = handler) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/analysis/corrections',
        headers: {
          cookie: cookie.cookie,
          'x-csrf-token': cookie.csrf,
          origin: TEST_ORIGIN,
          'content-type': 'application/json',
        },
        payload: body,
      });
    expect(
      (await post({ responseId: id, questionId: 'comment', themes: ['food'], tone: 'negative' })).statusCode,
    ).toBe(204);
    const row = await t.kuulo.database.db
      .selectFrom('analysis_results')
      .select(['themes', 'tone'])
      .where('response_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ themes: ['food'], tone: 'negative' });
    const unknown = await post({ responseId: id, questionId: 'comment', themes: ['no-such-theme'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'unknown_theme' } });
    const westHandler = await staffUser('handler', 'west');
    expect(
      (await post({ responseId: id, questionId: 'comment', tone: 'positive' }, westHandler)).statusCode,
    ).toBe(403);

    const { examples, corrections } = await t.kuulo.analysis.service.organisationExamples();
    expect(corrections).toBe(2);
    expect(examples.find((e) => e.text === 'Kahvion pullat olivat kuivia.')).toMatchObject({
      labels: ['food'],
      tone: 'negative',
    });
    const trained = await t.kuulo.analysis.service.trainOrganisationModel();
    expect(trained.model.labels).toContain('food');
    expect(t.kuulo.analysis.engine.currentModelName()).toBe(`org-${trained.id}`);
    // Re-analysis keeps the staff member's correction over the model's guess.
    await t.kuulo.analysis.service.reanalyse({ since: '2026-10-01' });
    const again = await t.kuulo.database.db
      .selectFrom('analysis_results')
      .select(['themes', 'model'])
      .where('response_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(again).toEqual({ themes: ['food'], model: `org-${trained.id}` });
  }, 180_000);

  test('a theme whose share rose against its own baseline becomes an alert; a steady one does not', async () => {
    const db = t.kuulo.database.db;
    await sql`delete from analysis_results`.execute(db);
    const rows: { unit_id: string; occurred_on: string; themes: string[] }[] = [];
    // Baseline (180 days before the last 28): 200 texts, 5 % parking, 20 % access.
    for (let i = 0; i < 200; i++) {
      rows.push({
        unit_id: 'east',
        occurred_on: '2026-07-01',
        themes: [i % 20 === 0 ? 'parking' : i % 5 === 1 ? 'access' : 'praise'],
      });
    }
    // Recent 28 days: 60 texts, 30 % parking, 20 % access.
    for (let i = 0; i < 60; i++) {
      rows.push({
        unit_id: 'east',
        occurred_on: '2026-11-10',
        themes: [i % 10 < 3 ? 'parking' : i % 5 === 3 ? 'access' : 'praise'],
      });
    }
    for (const r of rows) {
      const id = await addComment(r.unit_id, 'x', r.occurred_on);
      await db
        .insertInto('analysis_results')
        .values({
          response_id: id,
          question_id: 'comment',
          ...r,
          tone: 'neutral',
          tone_score: 0,
          model: 'test',
        })
        .execute();
    }
    await sql`delete from analysis_pending`.execute(db);
    const views = t.kuulo.analysis.views;
    const found = await (async () => {
      const { createViewsService } = await import('./analysis.views.service.ts');
      return createViewsService({
        db,
        minGroupSize: 5,
        unitExists: async () => true,
        now: () => new Date('2026-11-22T08:00:00Z'),
      }).detectEmerging();
    })();
    expect(found.map((f) => `${f.unitId}:${f.theme}`).sort()).toEqual(['east:parking', 'root:parking']);
    const alerts = await views.listAlerts('root');
    expect(alerts.map((a) => a.theme)).toEqual(['parking', 'parking']);
    expect(alerts[0]).toMatchObject({ periodStart: '2026-10-25', periodEnd: '2026-11-21', n: 60 });
  }, 180_000);
});
