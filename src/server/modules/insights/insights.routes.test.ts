import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { signIn, TEST_ORIGIN, type SignedIn } from '../staff/staff.testing.ts';
import { openInsightsKit, type InsightsKit, type TestResponse } from './insights.testing.ts';

const MIN = 5;

/** Every object in a JSON answer that carries figures: a shown one must have n ≥ MIN (or 0). */
function shownFigures(value: unknown, path = '$'): { path: string; n: number }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => shownFigures(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = record.suppressed === false && typeof record.n === 'number' ? [{ path, n: record.n }] : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => shownFigures(v, `${path}.${k}`))];
}

function responses(unitId: string, count: number, extra: Partial<TestResponse> = {}): TestResponse[] {
  return Array.from({ length: count }, (_, i) => ({
    unitId,
    localDate: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
    recommendation: i % 11,
    statements: { smooth: (i % 5) + 1, timely: i % 4 === 0 ? 'cant_say' : 4 },
    ...extra,
  }));
}

describe.each(testEngines())('insights API on %s', (engine) => {
  let kit: InsightsKit;
  let analyst: SignedIn;
  let manager: SignedIn;
  let handler: SignedIn;
  const scope = 'unit=root&from=2026-03-01&to=2026-03-31';

  beforeAll(async () => {
    kit = await openInsightsKit(engine, { minGroupSize: MIN });
    await kit.addUnit('root', null, 'division');
    for (const id of ['big', 'small', 'mid', 'other']) await kit.addUnit(id, 'root', 'service');
    await kit.addUnit('big-1', 'big', 'unit');
    await kit.addUnit('big-2', 'big', 'unit');
    await kit.insert([
      ...responses('big-1', 40, { channel: 'web' }),
      ...responses('big-2', 30, { channel: 'web' }),
      ...responses('small', 3, { channel: 'sms' }),
      ...responses('mid', 9, { channel: 'web', language: 'sv' }),
      ...responses('other', 20, { channel: 'qr' }),
      ...responses('other', 2, { channel: 'web', flag: 'repeat' }),
    ]);
    await kit.insights.aggregates.catchUp();
    await kit.createUser('analyst@example.fi', [{ role: 'analyst', unitId: null }]);
    await kit.createUser('manager@example.fi', [{ role: 'manager', unitId: 'big' }]);
    await kit.createUser('handler@example.fi', [{ role: 'handler', unitId: 'big-1' }]);
    analyst = await signIn(kit.app, 'analyst@example.fi');
    manager = await signIn(kit.app, 'manager@example.fi');
    handler = await signIn(kit.app, 'handler@example.fi');
  }, 90_000);
  afterAll(() => kit?.close());

  const get = (url: string, who?: SignedIn) =>
    kit.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });

  test('the summary gives n, NPS with its CI and statements, without flagged responses', async () => {
    const response = await get(`/api/v1/insights/summary?${scope}`, analyst);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.count).toEqual({ suppressed: false, n: 102 });
    expect(body.nps.n).toBe(102);
    expect(body.nps.ci95[0]).toBeLessThan(body.nps.value);
    const smooth = body.statements.find((s: { id: string }) => s.id === 'smooth');
    expect(smooth).toMatchObject({ scale: 'agreement', suppressed: false, n: 102, cantSay: 0 });
    const timely = body.statements.find((s: { id: string }) => s.id === 'timely');
    expect(timely.cantSay).toBeGreaterThan(0);
    expect(timely.n + timely.cantSay).toBe(102);
  });

  test('no figure under the minimum is shown, and none can be worked out by subtraction', async () => {
    const summary = (await get(`/api/v1/insights/summary?${scope}`, analyst)).json();
    const children = (await get(`/api/v1/insights/children?${scope}`, analyst)).json();
    const trend = (await get(`/api/v1/insights/trend?${scope}&grain=week`, analyst)).json();
    for (const body of [summary, children, trend]) {
      for (const figure of shownFigures(body)) {
        expect(figure.n === 0 || figure.n >= MIN, figure.path).toBe(true);
      }
    }
    // 'small' (3) is suppressed, and so is the next smallest sibling ('mid', 9): total − visible ≥ MIN.
    const row = (id: string) =>
      children.rows.find((r: { unitId: string; own: boolean }) => r.unitId === id && !r.own);
    expect(row('small').count).toEqual({ suppressed: true, reason: 'small_group', n: null });
    expect(row('mid').count).toMatchObject({ suppressed: true, reason: 'secondary' });
    const visible = children.rows
      .filter((r: { count: { suppressed: boolean } }) => !r.count.suppressed)
      .reduce((sum: number, r: { count: { n: number } }) => sum + r.count.n, 0);
    expect(children.total.count.n - visible).toBeGreaterThanOrEqual(MIN);
    // The channel breakdown: sms (3) hidden, and the next smallest with it.
    const channels = summary.breakdowns.channel;
    const sms = channels.find((c: { key: string }) => c.key === 'sms');
    expect(sms.count.suppressed).toBe(true);
    const hidden = channels.filter((c: { count: { suppressed: boolean } }) => c.count.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
  });

  test('a filter that leaves out fewer than the minimum is suppressed (no differencing with the unfiltered view)', async () => {
    const all = (await get(`/api/v1/insights/summary?${scope}`, analyst)).json();
    const withoutSms = (await get(`/api/v1/insights/summary?${scope}&channels=web,qr`, analyst)).json();
    expect(all.count.n).toBe(102);
    expect(withoutSms.count).toEqual({ suppressed: true, reason: 'complement', n: null });
    const webOnly = (await get(`/api/v1/insights/summary?${scope}&channels=web`, analyst)).json();
    expect(webOnly.count).toEqual({ suppressed: false, n: 79 });
  });

  test('a subtree with fewer respondents than the minimum shows nothing at all', async () => {
    const body = (
      await get('/api/v1/insights/summary?unit=small&from=2026-03-01&to=2026-03-31', analyst)
    ).json();
    expect(body.count.suppressed).toBe(true);
    expect(body.nps.suppressed).toBe(true);
    expect(body.statements.every((s: { suppressed: boolean }) => s.suppressed)).toBe(true);
    expect(Object.values(body.breakdowns).flat()).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(/"n":[1-4][,}]/);
  });

  test('trend, children and comparison answer with their shapes', async () => {
    const trend = (
      await get(`/api/v1/insights/trend?unit=root&from=2026-01-01&to=2026-06-30&grain=month`, analyst)
    ).json();
    expect(trend.buckets.map((b: { label: string }) => b.label)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(trend.buckets[2].count.n).toBe(102);
    expect(trend.buckets[0].count).toEqual({ suppressed: false, n: 0 });
    const quarter = (
      await get(`/api/v1/insights/trend?unit=root&from=2026-01-01&to=2026-06-30&grain=quarter`, analyst)
    ).json();
    expect(quarter.buckets.map((b: { label: string }) => b.label)).toEqual(['2026Q1', '2026Q2']);
    const compare = (
      await get(`/api/v1/insights/compare?unit=root&from=2026-03-01&to=2026-03-31`, analyst)
    ).json();
    expect(compare.previous).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(compare.change).toBeNull();
    const children = (await get(`/api/v1/insights/children?${scope}`, analyst)).json();
    const big = children.rows.find((r: { unitId: string }) => r.unitId === 'big');
    expect(big).toMatchObject({ hasChildren: true, own: false, count: { n: 70 } });
    expect(big.series.map((p: { label: string }) => p.label)).toEqual(['2026-03']);
  });

  test('a manager reads their own subtree and gets 403 outside it; a handler reads only their units; no session is 401', async () => {
    expect(
      (await get('/api/v1/insights/summary?unit=big&from=2026-03-01&to=2026-03-31', manager)).statusCode,
    ).toBe(200);
    expect(
      (await get('/api/v1/insights/children?unit=big-1&from=2026-03-01&to=2026-03-31', manager)).statusCode,
    ).toBe(200);
    const outside = await get(`/api/v1/insights/summary?${scope}`, manager);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('forbidden');
    expect(
      (await get('/api/v1/insights/trend?unit=other&from=2026-03-01&to=2026-03-31&grain=week', manager))
        .statusCode,
    ).toBe(403);
    expect(
      (await get('/api/v1/insights/summary?unit=big-1&from=2026-03-01&to=2026-03-31', handler)).statusCode,
    ).toBe(200);
    expect((await get(`/api/v1/insights/summary?${scope}`, handler)).statusCode).toBe(403);
    expect((await get(`/api/v1/insights/summary?${scope}`)).statusCode).toBe(401);
  });

  test('bad parameters are 4xx with a code and a message in the asked language', async () => {
    const cases: [string, number, string][] = [
      ['/api/v1/insights/summary?unit=root&from=2026-02-30&to=2026-03-31', 400, 'invalid_date'],
      ['/api/v1/insights/summary?unit=root&from=2026-04-01&to=2026-03-31', 400, 'invalid_date_range'],
      ['/api/v1/insights/summary?unit=root&from=2000-01-01&to=2026-03-31', 400, 'period_too_long'],
      [`/api/v1/insights/summary?${scope}&survey=not-a-uuid`, 400, 'invalid_filter'],
      [`/api/v1/insights/summary?${scope}&channels=web;drop`, 400, 'invalid_filter'],
      ['/api/v1/insights/summary?unit=nowhere&from=2026-03-01&to=2026-03-31', 404, 'unit_not_found'],
      [`/api/v1/insights/trend?${scope}&grain=day`, 400, 'validation_failed'],
      ['/api/v1/insights/summary?unit=root&from=yesterday&to=2026-03-31', 400, 'validation_failed'],
    ];
    for (const [url, status] of cases) {
      const response = await get(`${url}&lang=sv`, analyst);
      expect(response.statusCode, url).toBe(status);
      expect(response.json().error.message, url).toBeTruthy();
    }
    const sv = await get('/api/v1/insights/summary?unit=root&from=2026-04-01&to=2026-03-31&lang=sv', analyst);
    expect(sv.json().error).toMatchObject({ code: 'invalid_date_range' });
    expect(sv.json().error.message).toContain('Startdatumet');
  });

  test('alert rules: a manager may set one in their subtree, not outside it; bad rules are 400', async () => {
    const post = (body: unknown, who: SignedIn) =>
      kit.app.inject({
        method: 'POST',
        url: '/api/v1/insights/alert-rules',
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: TEST_ORIGIN },
        payload: body as Record<string, unknown>,
      });
    const ok = await post({ kind: 'nps_drop', unitId: 'big', includeDescendants: true }, manager);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'nps_drop', unitId: 'big', periodDays: 30, active: true });
    expect((await post({ kind: 'nps_drop', unitId: 'other' }, manager)).statusCode).toBe(403);
    expect((await post({ kind: 'detractor_share', unitId: 'big' }, manager)).statusCode).toBe(400);
    expect((await post({ kind: 'sometimes', unitId: 'big' }, manager)).statusCode).toBe(400);
    const list = await get('/api/v1/insights/alerts', manager);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([]);
  });

  test('the endpoints are in the OpenAPI document under the insights tag', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of ['summary', 'trend', 'children', 'compare', 'alerts', 'alert-rules']) {
      const entry = doc.paths[`/api/v1/insights/${path}`];
      expect(entry, path).toBeDefined();
      const operation = (entry.get ?? entry.post) as { tags: string[] };
      expect(operation.tags).toContain('insights');
    }
  });
});
