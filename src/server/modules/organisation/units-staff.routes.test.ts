import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import {
  SMALL_TREE_CSV,
  openOrganisationHttpKit,
  testPrincipal,
  type OrganisationHttpKit,
} from './organisation.fixtures.ts';

const ADMIN = testPrincipal('admin', [{ role: 'admin', unitId: null }]);
const AREA_A = testPrincipal('area-a-coordinator', [
  { role: 'coordinator', unitId: 'area-a' },
  { role: 'analyst', unitId: null },
]);
const ANALYST = testPrincipal('analyst', [{ role: 'analyst', unitId: null }]);

describe.each(testEngines())('staff organisation pages on %s', (engine) => {
  let kit: OrganisationHttpKit;
  beforeAll(async () => {
    kit = await openOrganisationHttpKit(engine);
  });
  afterAll(async () => kit.close());
  beforeEach(async () => {
    await kit.reset();
    await kit.service.importUnits(
      { format: 'csv', content: SMALL_TREE_CSV },
      { dryRun: false, actorId: null, source: 'test' },
    );
  });

  const as = (principal: StaffPrincipal) => ({ 'x-test-staff': JSON.stringify(principal) });
  const get = (url: string, principal: StaffPrincipal = ADMIN) =>
    kit.app.inject({ method: 'GET', url, headers: as(principal) });
  const post = (url: string, fields: Record<string, string>, principal: StaffPrincipal = ADMIN) =>
    kit.app.inject({
      method: 'POST',
      url,
      headers: { ...as(principal), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: principal.csrfToken, ...fields }).toString(),
    });

  test('the tree page needs a signed-in admin or coordinator', async () => {
    expect((await kit.app.inject({ method: 'GET', url: '/staff/units' })).statusCode).toBe(401);
    expect((await get('/staff/units', ANALYST)).statusCode).toBe(403);
    const page = await get('/staff/units');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kallion terveysasema');
    expect(page.body).toContain('href="/staff/units/unit-b1x?lang=fi"');
  });

  test('searching by name lists hits with their path', async () => {
    const page = await get('/staff/units?q=vallila&lang=en');
    expect(page.body).toContain('Vallila health station');
    expect(page.body).toContain('Health stations');
    expect(page.body).not.toContain('Kallio health station');
  });

  test('the unit page shows facts, children, history and the change forms', async () => {
    const page = await get('/staff/units/svc-b1');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Terveysasemat</h1>');
    expect(page.body).toContain('Vallilan terveysasema');
    expect(page.body).toContain('Luotu');
    for (const action of ['/move', '/merge', '/close', '/children']) {
      expect(page.body).toContain(`action="/staff/units/svc-b1${action}?lang=fi"`);
    }
    expect((await get('/staff/units/ghost')).statusCode).toBe(404);
  });

  test('a coordinator sees units outside their subtree without the change forms', async () => {
    const page = await get('/staff/units/svc-b1', AREA_A);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/move?');
  });

  test('editing saves and redirects; a bad OID re-renders the form with a linked error', async () => {
    const saved = await post('/staff/units/unit-b1y', {
      name_fi: 'Vallila',
      type: 'unit',
      oid: '',
      valid_from: '',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/staff/units/unit-b1y?lang=fi&done=updated');
    expect((await kit.service.getUnit('unit-b1y'))?.names.fi).toBe('Vallila');
    const refused = await post('/staff/units/unit-b1y', { name_fi: 'Vallila', type: 'unit', oid: '1.2.x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#edit-oid"');
    expect(refused.body).toContain('aria-invalid="true"');
    expect(refused.body).toContain('value="1.2.x"');
    expect((await kit.service.getUnit('unit-b1y'))?.oid).toBeNull();
  });

  test('moving under its own descendant shows the reason and changes nothing', async () => {
    const refused = await post('/staff/units/area-b/move', { parent_id: 'unit-b1x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('alayksikkönsä');
    expect((await kit.service.getUnit('area-b'))?.parentId).toBe('root');
    const moved = await post('/staff/units/svc-b1/move', { parentChoice: 'area-a' });
    expect(moved.statusCode).toBe(303);
    expect(await kit.service.isWithin('unit-b1x', 'area-a')).toBe(true);
  });

  test('a coordinator cannot move a unit out of, or into, a subtree they do not hold', async () => {
    expect((await post('/staff/units/svc-b1/move', { parent_id: 'area-a' }, AREA_A)).statusCode).toBe(403);
    expect((await post('/staff/units/svc-a1/move', { parent_id: 'area-b' }, AREA_A)).statusCode).toBe(403);
    expect((await post('/staff/units/svc-a1/move', { parentChoice: '-' }, AREA_A)).statusCode).toBe(403);
    expect((await kit.service.getUnit('svc-a1'))?.parentId).toBe('area-a');
  });

  test('a merge needs a confirmation, then merges', async () => {
    const unconfirmed = await post('/staff/units/unit-b1x/merge', { into_id: 'unit-b1y' });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('href="#merge-confirm"');
    const merged = await post('/staff/units/unit-b1x/merge', { intoChoice: 'unit-b1y', confirm: 'yes' });
    expect(merged.statusCode).toBe(303);
    expect((await kit.service.getUnit('unit-b1x'))?.mergedIntoId).toBe('unit-b1y');
  });

  test('closing and reopening go through their forms', async () => {
    expect(
      (await post('/staff/units/unit-b1x/close', { valid_to: '2024-01-31', confirm: 'yes' })).statusCode,
    ).toBe(303);
    expect((await kit.service.getUnit('unit-b1x'))?.validTo).toBe('2024-01-31');
    expect((await post('/staff/units/unit-b1x/reopen', {})).statusCode).toBe(303);
    expect((await kit.service.getUnit('unit-b1x'))?.validTo).toBeNull();
  });

  test('adding a unit below leads to the new unit', async () => {
    const created = await post('/staff/units/unit-b1x/children', {
      id: 'site-new',
      type: 'site',
      name_fi: 'Uusi piste',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/staff/units/site-new?lang=fi&done=created');
    expect(await kit.service.isWithin('site-new', 'svc-b1')).toBe(true);
    const duplicate = await post('/staff/units/unit-b1x/children', {
      id: 'site-new',
      type: 'site',
      name_fi: 'X',
    });
    expect(duplicate.statusCode).toBe(400);
  });

  test('a form without the CSRF token is refused', async () => {
    const response = await kit.app.inject({
      method: 'POST',
      url: '/staff/units/unit-b1y/reopen',
      headers: { ...as(ADMIN), 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(response.statusCode).toBe(403);
  });

  describe('import', () => {
    const HEADER = 'id,parent_id,type,name_fi,name_sv,name_en,oid,valid_from,valid_to';

    test('checking a file with errors lists them by line and saves nothing', async () => {
      const content = `${HEADER}\r\nnew-1,ghost,unit,Uusi,,,,,\r\nnew-2,root,unit,,,,,,`;
      const page = await post('/staff/units/import?lang=en', { format: 'csv', content, action: 'check' });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('Parent unit ghost is neither in the file nor in the database.');
      expect(page.body).toMatch(/<td>2<\/td>\s*<td>parent_id<\/td>/);
      expect(page.body).toMatch(/<td>3<\/td>\s*<td>name_fi<\/td>/);
      expect(page.body).not.toContain('value="apply"');
      expect(await kit.service.getUnit('new-1')).toBeUndefined();
    });

    test('a clean check shows the changes and an apply button; apply saves them', async () => {
      const content = `${HEADER}\nnew-1,root,unit,Uusi,,,,,\nunit-b1x,svc-a1,unit,Kallion terveysasema,,,,,`;
      const checked = await post('/staff/units/import', { format: 'csv', content, action: 'check' });
      expect(checked.statusCode).toBe(200);
      expect(checked.body).toContain('value="apply"');
      expect(checked.body).toContain('svc-b1 → svc-a1');
      expect(await kit.service.getUnit('new-1')).toBeUndefined();
      const applied = await post('/staff/units/import', { format: 'csv', content, action: 'apply' });
      expect(applied.statusCode).toBe(200);
      expect(applied.body).toContain('Muutokset tallennettiin.');
      expect(await kit.service.getUnit('new-1')).toBeDefined();
      expect(await kit.service.isWithin('unit-b1x', 'area-a')).toBe(true);
    });

    test('a pasted file far over the default body limit is accepted', async () => {
      const lines = Array.from(
        { length: 8000 },
        (_, i) => `bulk-${i},root,site,Toimipiste numero ${i} pitkällä nimellä,,,,,`,
      );
      const content = [HEADER, ...lines].join('\n');
      expect(content.length).toBeGreaterThan(400_000);
      const page = await post('/staff/units/import', { format: 'csv', content, action: 'check' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Uusia yksiköitä: 8000');
    });

    test('a coordinator can import only inside their own subtree', async () => {
      const content = `${HEADER}\nnew-a,area-a,unit,A,,,,,\nnew-b,area-b,unit,B,,,,,`;
      const page = await post('/staff/units/import', { format: 'csv', content, action: 'apply' }, AREA_A);
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('new-b');
      expect(await kit.service.getUnit('new-a')).toBeUndefined();
    });
  });
});
