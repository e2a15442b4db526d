import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import pino from 'pino';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { createAuditLog } from '../audit/index.ts';
import { createSurveysModule } from './surveys.module.ts';
import type { SurveysModule } from './index.ts';
import { THL_NATIONAL } from './templates/thl-national.ts';
import {
  clearSurveys,
  fakeOrganisation,
  fakeStaffAuth,
  insertTestTree,
  PRINCIPALS,
} from './surveys.fixtures.ts';

describe.each(testEngines())('surveys HTTP on %s', (engine) => {
  let database: Database;
  let app: HttpApp;
  let surveys: SurveysModule;
  let nationalId: string;

  const form = (who: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: PRINCIPALS[who]?.csrfToken ?? '' });
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return {
      headers: {
        'x-test-staff': who,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      payload: body.toString(),
    };
  };
  const asStaff = (who: string) => ({ headers: { 'x-test-staff': who, accept: 'text/html' } });

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await insertTestTree(database.db);
    surveys = createSurveysModule({
      db: database.db,
      organisation: fakeOrganisation(),
      auth: fakeStaffAuth(),
      audit: createAuditLog(database.db),
      cache: { ttlMs: 0 },
    });
    app = await buildHttpApp({
      logger: pino({ level: 'silent' }),
      trustProxy: false,
      rootHooks: [fakeStaffAuth().register],
      routes: [surveys.routes],
    });
    await app.ready();
  });
  beforeEach(async () => {
    await clearSurveys(database.db);
    await surveys.service.ensureBuiltInSurveys();
    nationalId = (await surveys.service.getCurrent('thl-national'))?.surveyId ?? '';
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  test('GET /api/v1/surveys/thl-national returns the current version with every language of every question', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/surveys/thl-national' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'audience',
        'id',
        'intro',
        'questions',
        'scales',
        'slug',
        'template',
        'thankYou',
        'title',
        'version',
        'versionId',
      ].sort(),
    );
    expect(body).toMatchObject({
      id: nationalId,
      slug: 'thl-national',
      template: 'thl-national',
      version: 1,
      audience: 'adult',
    });
    expect(body.questions).toEqual(THL_NATIONAL.questions);
    expect(body.scales).toEqual(THL_NATIONAL.scales);
    expect(body.intro).toEqual(THL_NATIONAL.intro);
    expect(body.questions[1].text['fi-plain']).toBe('Asiointi sujui hyvin.');
  });

  test('a survey is found by its id too, and an unknown one is a 404 in the asked language', async () => {
    const byId = await app.inject({ method: 'GET', url: `/api/v1/surveys/${nationalId}` });
    expect(byId.json().slug).toBe('thl-national');
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/surveys/no-such-survey',
      headers: { 'accept-language': 'sv' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'survey_not_found', message: 'Enkäten hittades inte.' },
    });
  });

  test('GET /api/v1/surveys lists the surveys with their titles and current versions', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/surveys' });
    expect(response.statusCode).toBe(200);
    const list = response.json().surveys as { slug: string; version: number; title: { fi: string } }[];
    expect(list.map((s) => s.slug)).toEqual(['home-care', 'thl-children', 'thl-national']);
    expect(list[2]).toMatchObject({ version: 1, title: { fi: 'Asiakaspalaute' } });
  });

  test('the OpenAPI document describes both survey routes under the surveys tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const one = doc.paths['/api/v1/surveys/{slug}'].get;
    expect(one.tags).toEqual(['surveys']);
    expect(one.responses['200']).toBeDefined();
    expect(one.responses['404']).toBeDefined();
    expect(doc.paths['/api/v1/surveys'].get.tags).toEqual(['surveys']);
    expect(Object.keys(doc.paths).some((path) => path.startsWith('/staff'))).toBe(false);
  });

  test('staff pages need a signed-in administrator or coordinator', async () => {
    expect((await app.inject({ method: 'GET', url: '/staff/surveys' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/staff/surveys', ...asStaff('analyst') })).statusCode,
    ).toBe(403);
    const page = await app.inject({ method: 'GET', url: '/staff/surveys', ...asStaff('admin') });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Asiakaspalaute');
    expect(page.body).toContain(`/staff/surveys/${nationalId}`);
  });

  test('a global administrator sees the users section in the navigation on survey pages too', async () => {
    const page = await app.inject({ method: 'GET', url: '/staff/surveys', ...asStaff('admin') });
    expect(page.body).toContain('href="/staff/users"');
  });

  test('the survey page shows questions, version history and publications', async () => {
    await surveys.service.publish({
      surveyId: nationalId,
      unitId: 'unit1',
      includeSubtree: true,
      channels: ['qr'],
      actorId: null,
    });
    const page = await app.inject({
      method: 'GET',
      url: `/staff/surveys/${nationalId}?lang=en`,
      ...asStaff('admin'),
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2>Version history</h2>');
    expect(page.body).toContain('understandable');
    expect(page.body).toContain('Perheneuvola Itä');
    expect(page.body).toContain('End publication');
  });

  test('saving the edit form creates version 2 with the new wording and keeps the other texts', async () => {
    const edit = await app.inject({
      method: 'GET',
      url: `/staff/surveys/${nationalId}/edit`,
      ...asStaff('admin'),
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="q.smooth.text.sv-plain"');
    const response = await app.inject({
      method: 'POST',
      url: `/staff/surveys/${nationalId}/edit`,
      ...form('admin', {
        expectedVersion: '1',
        'q.smooth.text.fi': 'Asiointi sujui jouhevasti.',
        note: 'Korjaus',
      }),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain(`/staff/surveys/${nationalId}?notice=saved`);
    const current = await surveys.service.getCurrent('thl-national');
    expect(current?.version).toBe(2);
    const smooth = current?.definition.questions.find((q) => q.id === 'smooth');
    expect(smooth?.text).toEqual({ ...THL_NATIONAL.questions[1]?.text, fi: 'Asiointi sujui jouhevasti.' });
  });

  test('an emptied required text comes back with a linked error and saves nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/staff/surveys/${nationalId}/edit`,
      ...form('admin', { expectedVersion: '1', 'q.smooth.text.sv': '  ', 'q.smooth.text.fi': 'Muutettu' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('href="#f-q-smooth-text-sv"');
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toContain('>Muutettu</textarea>');
    expect((await surveys.service.getCurrent('thl-national'))?.version).toBe(1);
  });

  test('an edit started from an older version is refused as a conflict', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/staff/surveys/${nationalId}/edit`,
      ...form('admin', { expectedVersion: '0', 'q.smooth.text.fi': 'Muutettu' }),
    });
    expect(response.statusCode).toBe(409);
    expect((await surveys.service.getCurrent('thl-national'))?.version).toBe(1);
  });

  test('a form without the CSRF token is refused', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/staff/surveys/${nationalId}/edit`,
      headers: { 'x-test-staff': 'admin', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'expectedVersion=1&q.smooth.text.fi=x',
    });
    expect(response.statusCode).toBe(403);
  });

  test('a coordinator of one subtree publishes inside it but not outside it, and cannot edit wording', async () => {
    const publishPage = await app.inject({
      method: 'GET',
      url: `/staff/surveys/${nationalId}/publish`,
      ...asStaff('area1'),
    });
    expect(publishPage.body).toContain('value="unit1"');
    expect(publishPage.body).not.toContain('value="unit2"');
    const inside = await app.inject({
      method: 'POST',
      url: `/staff/surveys/${nationalId}/publish`,
      ...form('area1', { unitId: 'svc1', includeSubtree: 'on', channels: ['web', 'qr'] }),
    });
    expect(inside.statusCode).toBe(303);
    expect(await surveys.service.isPublished(nationalId, 'site1', 'qr')).toBe(true);
    const outside = await app.inject({
      method: 'POST',
      url: `/staff/surveys/${nationalId}/publish`,
      ...form('area1', { unitId: 'unit2', includeSubtree: 'on', channels: 'web' }),
    });
    expect(outside.statusCode).toBe(403);
    expect(await surveys.service.isPublished(nationalId, 'unit2', 'web')).toBe(false);
    const edit = await app.inject({
      method: 'GET',
      url: `/staff/surveys/${nationalId}/edit`,
      ...asStaff('area1'),
    });
    expect(edit.statusCode).toBe(403);
  });

  test('the publish form asks again for a missing unit or channel', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/staff/surveys/${nationalId}/publish`,
      ...form('admin', { unitId: '', channels: 'carrier-pigeon' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Valitse yksikkö.');
    expect(response.body).toContain('Valitse vähintään yksi kanava.');
    expect(await surveys.service.listPublications(nationalId)).toEqual([]);
  });

  test('ending a publication from the survey page closes it', async () => {
    const publication = await surveys.service.publish({
      surveyId: nationalId,
      unitId: 'area1',
      includeSubtree: true,
      channels: ['web'],
      actorId: null,
    });
    const response = await app.inject({
      method: 'POST',
      url: `/staff/surveys/${nationalId}/publications/${publication.id}/end`,
      ...form('area1', {}),
    });
    expect(response.statusCode).toBe(303);
    expect(await surveys.service.isPublished(nationalId, 'unit1', 'web')).toBe(false);
  });
});
