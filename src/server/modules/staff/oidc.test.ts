import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestOidcProvider, type TestOidcProvider } from '../../testing/oidc-provider.ts';
import { testEngines } from '../../db/testing.ts';
import { TEST_ORIGIN, cookieFrom, createStaffTestApp, type StaffTestApp } from './staff.testing.ts';
import { OIDC_FLOW_COOKIE } from './oidc.routes.ts';

// The whole authorization code + PKCE flow against a real OpenID Connect provider process: Kuulo's routes run
// in-process (inject), the provider over HTTP, and the "browser" is a cookie jar that follows redirects and
// submits the provider's login and consent forms.
const CALLBACK = `${TEST_ORIGIN}/staff/login/oidc/callback`;

/** Follows the provider's redirects and forms as a browser would, until it redirects back to Kuulo. */
async function authorizeAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(CALLBACK)) return next;
      [url, method, body] = [next.href, 'GET', undefined];
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !prompt)
      throw new Error(`unexpected provider page (${response.status}): ${page.slice(0, 300)}`);
    [url, method] = [new URL(action.replace(/&amp;/g, '&'), url).href, 'POST'];
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any' } : { prompt },
    ).toString();
  }
  throw new Error('too many steps at the provider');
}

describe.each(testEngines())('OpenID Connect sign-in on %s', (engine) => {
  let provider: TestOidcProvider;
  let t: StaffTestApp;

  beforeAll(async () => {
    provider = await startTestOidcProvider({
      redirectUris: [CALLBACK],
      accounts: {
        'sub-anna': { email: 'Anna.Handler@example.fi', email_verified: true, name: 'Anna' },
        'sub-unverified': { email: 'bert@example.fi', email_verified: false },
        'sub-stranger': { email: 'stranger@example.fi', email_verified: true },
        'sub-gone': { email: 'gone@example.fi', email_verified: true },
      },
    });
    t = await createStaffTestApp(engine, {
      oidcIssuer: provider.issuer,
      oidcClientId: provider.clientId,
      oidcClientSecret: provider.clientSecret,
      oidcLabel: 'Kunta AD',
    });
    await t.createUser('anna.handler@example.fi', [{ role: 'handler', unitId: null }]);
    await t.createUser('bert@example.fi', [{ role: 'handler', unitId: null }]);
    const gone = await t.createUser('gone@example.fi', [{ role: 'handler', unitId: null }]);
    const admin = await t.createUser('oidc-admin@example.fi', [{ role: 'admin', unitId: null }]);
    await t.staff.service.disableUser({ userId: gone, actorId: admin });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  async function signInThroughProvider(login: string, next = '/staff/users') {
    const start = await t.app.inject({
      method: 'GET',
      url: `/staff/login/oidc?next=${encodeURIComponent(next)}`,
    });
    expect(start.statusCode).toBe(303);
    const authorizationUrl = new URL(String(start.headers.location));
    expect(authorizationUrl.origin).toBe(provider.issuer);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const flow = cookieFrom(start, OIDC_FLOW_COOKIE)?.value ?? '';
    const callback = await authorizeAtProvider(authorizationUrl.href, login);
    return t.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: `${OIDC_FLOW_COOKIE}=${flow}`, 'accept-language': 'en' },
    });
  }

  test('the sign-in page offers the configured identity service', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/staff/login?lang=en&next=/staff/users' });
    expect(page.body).toContain('Sign in with Kunta AD');
    expect(page.body).toContain('href="/staff/login/oidc?next=%2Fstaff%2Fusers"');
  });

  test('a verified e-mail finds the staff account, links the identity and opens a session', async () => {
    const done = await signInThroughProvider('sub-anna');
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/staff/users');
    const session = cookieFrom(done, 'kuulo_session')?.value;
    expect(session).toBeTruthy();
    const home = await t.app.inject({
      method: 'GET',
      url: '/staff',
      headers: { cookie: `kuulo_session=${session}` },
    });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('anna.handler');

    const linked = await t.database.db.selectFrom('staff_identities').selectAll().execute();
    expect(linked.map((l) => [l.issuer, l.subject])).toEqual([[provider.issuer, 'sub-anna']]);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', 'in', ['staff.identity_linked', 'staff.login'])
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['staff.identity_linked', 'staff.login']);
    expect(actions[1]?.details).toMatchObject({ method: 'oidc' });
  });

  test('a linked subject signs in again without a second link', async () => {
    const done = await signInThroughProvider('sub-anna', '/staff');
    expect(done.statusCode).toBe(303);
    const links = await t.database.db.selectFrom('staff_identities').selectAll().execute();
    expect(links).toHaveLength(1);
  });

  test.each([
    ['an unverified e-mail', 'sub-unverified', 'email_not_verified'],
    ['an e-mail without a staff account', 'sub-stranger', 'no_account'],
    ['a disabled account', 'sub-gone', 'disabled'],
  ])('%s is refused with no session, and the refusal is audited', async (_name, login, reason) => {
    const done = await signInThroughProvider(login);
    expect(done.statusCode).toBe(401);
    expect(cookieFrom(done, 'kuulo_session')).toBeUndefined();
    expect(done.body).toContain('not linked to a Kuulo staff account');
    // The password form on the same page works: its token is in the cookie the page set.
    const token = /name="_csrf" value="([^"]+)"/.exec(done.body)?.[1];
    expect(cookieFrom(done, 'kuulo_login_csrf')?.value).toBe(token);
    const refusal = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'staff.oidc_login_refused')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(refusal.details).toMatchObject({ reason });
    expect(JSON.stringify(refusal.details)).not.toContain(login);
  });

  test('a callback without the flow cookie, or with another state, opens no session', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/staff/login/oidc' });
    const flow = cookieFrom(start, OIDC_FLOW_COOKIE)?.value ?? '';
    const callback = await authorizeAtProvider(String(start.headers.location), 'sub-anna');
    const noCookie = await t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}` });
    expect(noCookie.statusCode).toBe(401);
    expect(cookieFrom(noCookie, 'kuulo_session')).toBeUndefined();

    const forged = new URL(callback);
    forged.searchParams.set('state', 'attacker-state');
    const wrongState = await t.app.inject({
      method: 'GET',
      url: `${forged.pathname}${forged.search}`,
      headers: { cookie: `${OIDC_FLOW_COOKIE}=${flow}` },
    });
    expect(wrongState.statusCode).toBe(401);
    expect(cookieFrom(wrongState, 'kuulo_session')).toBeUndefined();

    const tampered = await t.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: `${OIDC_FLOW_COOKIE}=${flow.slice(0, -2)}xx` },
    });
    expect(tampered.statusCode).toBe(401);
  });
});

describe.each(testEngines())('OpenID Connect with KUULO_OIDC_MATCH=subject on %s', (engine) => {
  let provider: TestOidcProvider;
  let t: StaffTestApp;
  beforeAll(async () => {
    provider = await startTestOidcProvider({
      redirectUris: [CALLBACK],
      accounts: { 'sub-carl': { email: 'carl@example.fi', email_verified: true } },
    });
    t = await createStaffTestApp(engine, {
      oidcIssuer: provider.issuer,
      oidcClientId: provider.clientId,
      oidcClientSecret: provider.clientSecret,
      oidcMatch: 'subject',
    });
    await t.createUser('carl@example.fi', [{ role: 'viewer', unitId: null }]);
    await t.createUser('other@example.fi', [{ role: 'viewer', unitId: null }]);
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  async function viaProvider(login: string) {
    const start = await t.app.inject({ method: 'GET', url: '/staff/login/oidc' });
    const flow = cookieFrom(start, OIDC_FLOW_COOKIE)?.value ?? '';
    const callback = await authorizeAtProvider(String(start.headers.location), login);
    return t.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: `${OIDC_FLOW_COOKIE}=${flow}` },
    });
  }

  test('a verified e-mail alone is not enough; an administrator-linked subject signs in', async () => {
    expect((await viaProvider('sub-carl')).statusCode).toBe(401);
    await expect(
      t.staff.service.linkIdentity({
        email: 'nobody@example.fi',
        issuer: provider.issuer,
        subject: 'sub-carl',
        actorId: null,
      }),
    ).rejects.toMatchObject({ code: 'user_not_found' });
    await t.staff.service.linkIdentity({
      email: 'CARL@example.fi',
      issuer: provider.issuer,
      subject: 'sub-carl',
      actorId: null,
    });
    await expect(
      t.staff.service.linkIdentity({
        email: 'other@example.fi',
        issuer: provider.issuer,
        subject: 'sub-carl',
        actorId: null,
      }),
    ).rejects.toMatchObject({ code: 'identity_taken' });
    const done = await viaProvider('sub-carl');
    expect(done.statusCode).toBe(303);
    expect(cookieFrom(done, 'kuulo_session')).toBeTruthy();
  });
});

describe('OpenID Connect not configured', () => {
  test('offers no provider button and no OIDC routes', async () => {
    const t = await createStaffTestApp('pglite');
    try {
      const page = await t.app.inject({ method: 'GET', url: '/staff/login?lang=en' });
      expect(page.body).not.toContain('/staff/login/oidc');
      const start = await t.app.inject({ method: 'GET', url: '/staff/login/oidc' });
      expect(start.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
