import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  GOOD_PASSWORD,
  TEST_ORIGIN,
  createStaffTestApp,
  formBody,
  signIn,
  type SignedIn,
  type StaffTestApp,
} from './staff.testing.ts';

describe.each(testEngines())('requireStaff and CSRF on %s', (engine) => {
  let t: StaffTestApp;
  let worker: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createStaffTestApp(engine);
    await t.database.db
      .insertInto('org_units')
      .values({ id: 'sote', parent_id: null, type: 'division', name_fi: 'Sote' })
      .execute();
    await t.createUser('worker@example.fi', [{ role: 'handler', unitId: 'sote' }]);
    await t.createUser('admin@example.fi', [{ role: 'admin', unitId: null }]);
    worker = await signIn(t.app, 'worker@example.fi');
    admin = await signIn(t.app, 'admin@example.fi');
  });
  afterAll(() => t.close());

  const post = (
    session: SignedIn | null,
    options: { payload?: string; headers?: Record<string, string> } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/staff/test-form',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(session ? { cookie: session.cookie } : {}),
        ...options.headers,
      },
      payload: options.payload ?? '',
    });

  test('an API route answers 401 JSON without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  test('a staff page redirects to sign-in with the page as next', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/staff/test-page?tab=2' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(
      `/staff/login?next=${encodeURIComponent('/staff/test-page?tab=2')}`,
    );
  });

  test('a signed-in user reaches a page that needs no particular role', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/staff/test-page',
      headers: { cookie: worker.cookie },
    });
    expect(response.statusCode).toBe(200);
  });

  test("staff pages speak the account's language unless ?lang= asks for another", async () => {
    await t.staff.service.createUser({
      email: 'svensk@example.fi',
      displayName: 'Svensk',
      password: GOOD_PASSWORD,
      locale: 'sv',
      roles: [{ role: 'handler', unitId: 'sote' }],
    });
    const swede = await signIn(t.app, 'svensk@example.fi');
    const page = (url: string) =>
      t.app.inject({ url, headers: { cookie: swede.cookie, accept: 'text/html', 'accept-language': 'fi' } });
    const refused = await page('/staff/test-admin');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('lang="sv"');
    expect(refused.body).toContain('Du har inte behörighet');
    expect((await page('/staff/test-admin?lang=en')).body).toContain('lang="en"');
  });

  test('a user without any of the required roles gets 403 forbidden', async () => {
    const denied = await t.app.inject({
      method: 'GET',
      url: '/staff/test-admin',
      headers: { cookie: worker.cookie, accept: 'application/json' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ error: { code: 'forbidden' } });
    const allowed = await t.app.inject({
      method: 'GET',
      url: '/staff/test-admin',
      headers: { cookie: admin.cookie },
    });
    expect(allowed.statusCode).toBe(200);
  });

  test('hasRoleFor sees a subtree role at an ancestor', () => {
    const principal = {
      userId: 'u',
      email: 'e',
      displayName: 'd',
      locale: 'fi' as const,
      csrfToken: 'c',
      roles: [{ role: 'handler' as const, unitId: 'sote' }],
    };
    expect(t.staff.auth.hasRoleFor(principal, ['handler'], ['sote', 'clinic'])).toBe(true);
    expect(t.staff.auth.hasRoleFor(principal, ['handler'], ['other', 'clinic'])).toBe(false);
  });

  test('a state-changing request without a CSRF token is refused with csrf_failed', async () => {
    const response = await post(worker, { headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'csrf_failed' } });
  });

  test("a wrong CSRF token, or another session's token, is refused", async () => {
    const wrong = await post(worker, { payload: formBody({ _csrf: 'A'.repeat(43) }) });
    expect(wrong.statusCode).toBe(403);
    const borrowed = await post(worker, { payload: formBody({ _csrf: admin.csrf }) });
    expect(borrowed.statusCode).toBe(403);
  });

  test('the right token as a form field or as the x-csrf-token header is accepted', async () => {
    expect((await post(worker, { payload: formBody({ _csrf: worker.csrf }) })).statusCode).toBe(200);
    expect((await post(worker, { headers: { 'x-csrf-token': worker.csrf } })).statusCode).toBe(200);
  });

  test('a cross-site Origin is refused even with the right token', async () => {
    const crossSite = await post(worker, {
      payload: formBody({ _csrf: worker.csrf }),
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    const fetchMeta = await post(worker, {
      payload: formBody({ _csrf: worker.csrf }),
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchMeta.statusCode).toBe(403);
    const sameSite = await post(worker, {
      payload: formBody({ _csrf: worker.csrf }),
      headers: { origin: TEST_ORIGIN },
    });
    expect(sameSite.statusCode).toBe(200);
  });

  test('a state-changing page request without a session goes to sign-in without a next path', async () => {
    const response = await post(null, { payload: formBody({ _csrf: 'x' }) });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/staff/login');
  });
});
