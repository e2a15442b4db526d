import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';

import { many, openReportsKit, type ReportsKit, type SignedIn } from './reports.testing.ts';

const OCTOBER = 'period=month&month=2026-10';

describe.each(testEngines())('staff dashboard on %s', (engine) => {
  let kit: ReportsKit;
  let manager: SignedIn;
  let kallioManager: SignedIn;
  let viewer: SignedIn;

  const get = (user: SignedIn | null, url: string) =>
    kit.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} });

  beforeAll(async () => {
    kit = await openReportsKit(engine);
    const day = '2026-10-15';
    await kit.insert([
      ...many(20, { unitId: 'r-kallio-a', localDate: day, statements: { smooth: 5, safe: 'cant_say' } }),
      ...many(8, { unitId: 'r-vallila', localDate: day, statements: { smooth: 2 } }),
      ...many(6, { unitId: 'r-vallila', localDate: day, channel: 'sms' }),
      ...many(3, { unitId: 'r-tiny', localDate: day }),
      ...many(6, { unitId: 'r-hs', localDate: day }),
      ...many(2, { unitId: 'r-kallio-a', localDate: day, flag: 'test', recommendation: 0 }),
    ]);
    manager = await kit.user('manager@example.fi', [{ role: 'manager', unitId: 'r-hs' }]);
    kallioManager = await kit.user('kallio@example.fi', [{ role: 'manager', unitId: 'r-kallio' }]);
    viewer = await kit.user('viewer@example.fi', [{ role: 'viewer', unitId: 'r-hs' }]);
  });
  afterAll(async () => kit?.close());

  test('a manager sees their subtree with headline figures, charts with tables and the children', async () => {
    const page = await get(manager, `/staff/dashboard?unit=r-hs&${OCTOBER}&lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const body = page.body;
    expect(body).toContain('Results: Health stations');
    // 20 + 14 + 3 + 6 responses; the two flagged test responses are not counted.
    expect(body).toMatch(/<p class="big">43<\/p>/);
    expect(body).toContain('id="trend-table"');
    expect(body).toContain('id="statements-table"');
    expect(body).toContain('id="channels-table"');
    expect(body).toContain('Kallio health station');
    expect(body).toContain('aria-current="page"');
  });

  test('a small child and the cell that would reveal it are said in words, never as numbers', async () => {
    const body = (await get(manager, `/staff/dashboard?unit=r-hs&${OCTOBER}&lang=en`)).body;
    const rows = body.split('<tr>').filter((r) => r.includes('<th scope="row">'));
    const tiny = rows.find((r) => r.includes('Small clinic')) ?? '';
    expect(tiny).toContain('fewer than 5 answers');
    expect(tiny).not.toMatch(/<td class="num">/);
    const own = rows.find((r) => r.includes('Answers given directly to')) ?? '';
    expect(own).toContain('fewer than 5 answers');
    const vallila = rows.find((r) => r.includes('Vallila health station')) ?? '';
    expect(vallila).toMatch(/<td class="num">14<\/td>/);
  });

  test('child links drill down and carry the period and filters, as do the export links', async () => {
    const page = await get(manager, `/staff/dashboard?unit=r-hs&${OCTOBER}&channel=web&lang=en`);
    const body = page.body;
    expect(body).toContain(
      'href="/staff/dashboard?unit=r-kallio&amp;period=month&amp;month=2026-10&amp;grain=month&amp;channel=web&amp;lang=en"',
    );
    expect(body).toContain(
      '/staff/dashboard/aggregates.xlsx?unit=r-hs&amp;period=month&amp;month=2026-10&amp;grain=month&amp;channel=web',
    );
    expect(body).toContain('name="channel" value="web" checked');
    const drilled = await get(manager, `/staff/dashboard?unit=r-kallio&${OCTOBER}&channel=web&lang=en`);
    expect(drilled.statusCode).toBe(200);
    expect(drilled.body).toContain('Kallio building A');
  });

  test('a manager of one unit may not open a sibling, and sees levels above as text only', async () => {
    expect((await get(kallioManager, `/staff/dashboard?unit=r-vallila&${OCTOBER}`)).statusCode).toBe(403);
    const own = await get(kallioManager, `/staff/dashboard?${OCTOBER}&lang=en`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Results: Kallio health station');
    expect(own.body).not.toContain('href="/staff/dashboard?unit=r-hs');
  });

  test('when a filter would single out a small group, the view and its children are hidden, said in words', async () => {
    await kit.insert([
      ...many(10, { unitId: 'r-kallio-a', localDate: '2026-11-03' }),
      ...many(3, { unitId: 'r-kallio-a', localDate: '2026-11-03', channel: 'kiosk' }),
    ]);
    // Web answers are 10 of 13: comparing with the unfiltered view would reveal the 3 kiosk answers.
    const page = await get(
      manager,
      '/staff/dashboard?unit=r-kallio&period=month&month=2026-11&channel=web&lang=en',
    );
    expect(page.statusCode).toBe(200);
    const children = page.body.slice(page.body.indexOf('id="children"'));
    expect(children).toContain('not shown');
    expect(children).not.toContain('Kallio building A</a></th><td class="num">');
    expect(page.body).not.toMatch(/<p class="big">10<\/p>/);
  });

  test('a period without answers shows the empty state', async () => {
    const body = (await get(manager, '/staff/dashboard?unit=r-hs&period=month&month=2025-01&lang=en')).body;
    expect(body).toContain('No answers in this period');
  });

  test('a viewer sees aggregates but no export of responses, and is refused one', async () => {
    const page = await get(viewer, `/staff/dashboard?unit=r-hs&${OCTOBER}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/staff/dashboard/responses.csv');
    expect((await get(viewer, `/staff/dashboard/responses.csv?unit=r-hs&${OCTOBER}`)).statusCode).toBe(403);
  });

  test('without a session the dashboard asks to sign in, and an unknown unit is a 404', async () => {
    const anonymous = await get(null, '/staff/dashboard');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/staff/login');
    expect((await get(manager, '/staff/dashboard?unit=nope')).statusCode).toBe(404);
  });
});
