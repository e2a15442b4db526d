import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  SMALL_TREE_CSV,
  TEST_CONTEXT,
  openOrganisationHttpKit,
  type OrganisationHttpKit,
} from './organisation.fixtures.ts';

describe.each(testEngines())('public units API on %s', (engine) => {
  let kit: OrganisationHttpKit;
  beforeAll(async () => {
    kit = await openOrganisationHttpKit(engine);
    await kit.service.importUnits(
      { format: 'csv', content: SMALL_TREE_CSV },
      { dryRun: false, actorId: null, source: 'test' },
    );
    await kit.service.closeUnit('unit-b1y', '2020-12-31', TEST_CONTEXT);
  });
  afterAll(async () => kit.close());

  test('GET /api/v1/units lists open units, parents first, in the documented shape', async () => {
    const response = await kit.app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(response.statusCode).toBe(200);
    const units = response.json<{ id: string; parentId: string | null }[]>();
    expect(units.map((u) => u.id)).toEqual(['root', 'area-a', 'svc-a1', 'area-b', 'svc-b1', 'unit-b1x']);
    expect(units.find((u) => u.id === 'unit-b1x')).toEqual({
      id: 'unit-b1x',
      parentId: 'svc-b1',
      names: { fi: 'Kallion terveysasema', sv: 'Berghälls hälsostation', en: 'Kallio health station' },
      oid: '1.2.246.10.1234567.10.1',
      type: 'unit',
      validFrom: '2020-01-01',
      validTo: null,
      mergedIntoId: null,
    });
  });

  test('includeClosed adds closed units and root narrows the list to one subtree', async () => {
    const all = await kit.app.inject({ method: 'GET', url: '/api/v1/units?includeClosed=true' });
    expect(all.json<{ id: string }[]>().map((u) => u.id)).toContain('unit-b1y');
    const subtree = await kit.app.inject({ method: 'GET', url: '/api/v1/units?root=svc-b1&includeClosed=1' });
    expect(subtree.json<{ id: string }[]>().map((u) => u.id)).toEqual(['svc-b1', 'unit-b1x', 'unit-b1y']);
  });

  test('an unknown root or unit is a 404 with the code unit_not_found in the asked language', async () => {
    const list = await kit.app.inject({ method: 'GET', url: '/api/v1/units?root=ghost' });
    expect(list.statusCode).toBe(404);
    expect(list.json()).toMatchObject({ error: { code: 'unit_not_found' } });
    const one = await kit.app.inject({
      method: 'GET',
      url: '/api/v1/units/ghost',
      headers: { 'accept-language': 'sv' },
    });
    expect(one.statusCode).toBe(404);
    expect(one.json()).toEqual({ error: { code: 'unit_not_found', message: 'Enheten ghost finns inte.' } });
  });

  test('GET /api/v1/units/{id} returns a closed unit too', async () => {
    const response = await kit.app.inject({ method: 'GET', url: '/api/v1/units/unit-b1y' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: 'unit-b1y', validTo: '2020-12-31' });
  });

  test('a malformed includeClosed is a 400, never a 500', async () => {
    const response = await kit.app.inject({ method: 'GET', url: '/api/v1/units?includeClosed=maybe' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  test('the OpenAPI document describes both routes under the organisation tag', async () => {
    const doc = (await kit.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get: { tags: string[]; responses: Record<string, unknown> } }>;
    }>();
    expect(doc.paths['/api/v1/units']?.get.tags).toEqual(['organisation']);
    expect(doc.paths['/api/v1/units/{id}']?.get.responses).toHaveProperty('404');
    expect(JSON.stringify(doc.paths['/api/v1/units']?.get.responses['200'])).toContain('validFrom');
  });
});
