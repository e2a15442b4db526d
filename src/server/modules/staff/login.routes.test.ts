import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../../db/testing.ts';
import {
  GOOD_PASSWORD,
  TEST_ORIGIN,
  cookieFrom,
  createStaffTestApp,
  formBody,
  postLogin,
  signIn,
  type StaffTestApp,
} from './staff.testing.ts';
import { sha256Hex } from './tokens.ts';

describe.each(testEngines())('staff sign-in and sessions on %s', (engine) => {
  let t: StaffTestApp;

  beforeAll(async () => {
    t = await createStaffTestApp(engine);
    await t.createUser('admin@example.fi', [{ role: 'admin', unitId: null }]);
    await t.createUser('worker@example.fi', [{ role: 'handler', unitId: null }]);
  });
  afterAll(() => t.close());

  const sessionRow = (token: string) =>
    t.database.db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('token_hash', '=', sha256Hex(token))
      .executeTakeFirst();

  test('signing in sets an HttpOnly, SameSite=Lax, Secure session cookie and follows a local next path', async () => {
    const response = await postLogin(t.app, {
      email: 'Admin@Example.fi',
      password: GOOD_PASSWORD,
      next: '/staff/users',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/staff/users');
    const cookie = cookieFrom(response, 'kuulo_session') as Record<string, unknown>;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    expect(String(cookie.value)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('the session is stored only as a SHA-256 hash of the token', async () => {
    const session = await signIn(t.app, 'admin@example.fi');
    const rows = await t.database.db.selectFrom('staff_sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toContain(sha256Hex(session.token));
    expect(rows.map((r) => r.token_hash)).not.toContain(session.token);
  });

  test('the session cookie is not Secure when secure cookies are turned off', async () => {
    const plain = await createStaffTestApp(engine, { secureCookies: false });
    try {
      await plain.createUser('plain@example.fi', []);
      const response = await postLogin(plain.app, { email: 'plain@example.fi', password: GOOD_PASSWORD });
      expect(cookieFrom(response, 'kuulo_session')).not.toHaveProperty('secure', true);
    } finally {
      await plain.close();
    }
  });

  test('a wrong password and an unknown e-mail get the same status and message', async () => {
    const wrong = await postLogin(t.app, { email: 'worker@example.fi', password: 'not the password 1' });
    const unknown = await postLogin(t.app, { email: 'nobody@example.fi', password: 'not the password 1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = (body: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(body)?.[0];
    expect(message(wrong.body)).toContain('Sähköpostiosoite tai salasana on väärin.');
    expect(message(wrong.body)).toBe(message(unknown.body));
    expect(cookieFrom(wrong, 'kuulo_session')).toBeUndefined();
  });

  test('failures are audited with a user id or an e-mail hash, never the e-mail or password', async () => {
    await postLogin(t.app, { email: 'ghost@example.fi', password: 'Secret-Password-9' });
    const rows = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'staff.login_failed')
      .execute();
    const text = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(text).not.toContain('ghost@example.fi');
    expect(text).not.toContain('Secret-Password-9');
    expect(rows.some((r) => typeof r.details.emailHash === 'string')).toBe(true);
  });

  test('after too many failures for one e-mail even the right password gets 429, on any instance', async () => {
    await t.createUser('target@example.fi', [{ role: 'handler', unitId: null }]);
    for (let i = 0; i < t.config.loginAttemptsPer15Min; i++) {
      const r = await postLogin(t.app, { email: 'target@example.fi', password: `wrong password ${i}` });
      expect(r.statusCode).toBe(401);
    }
    const other = await t.secondInstance();
    const blocked = await postLogin(other, { email: 'TARGET@example.fi', password: GOOD_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(cookieFrom(blocked, 'kuulo_session')).toBeUndefined();
    const attempts = await t.database.db.selectFrom('login_attempts').select('email_hash').execute();
    expect(JSON.stringify(attempts)).not.toContain('target');
  });

  test('failures older than 15 minutes no longer count', async () => {
    await t.createUser('patient@example.fi', [{ role: 'handler', unitId: null }]);
    for (let i = 0; i < t.config.loginAttemptsPer15Min; i++) {
      await postLogin(t.app, { email: 'patient@example.fi', password: `wrong password ${i}` });
    }
    await t.database.db
      .updateTable('login_attempts')
      .set({ created_at: sql`now() - interval '16 minutes'` })
      .execute();
    const response = await postLogin(t.app, { email: 'patient@example.fi', password: GOOD_PASSWORD });
    expect(response.statusCode).toBe(303);
  });

  test('one address failing for many e-mails hits the per-IP limit of three times the e-mail limit', async () => {
    const app = await createStaffTestApp(engine);
    try {
      const ipLimit = app.config.loginAttemptsPer15Min * 3;
      for (let i = 0; i < ipLimit; i++) {
        const r = await postLogin(app.app, { email: `guess${i}@example.fi`, password: 'wrong password 1' });
        expect(r.statusCode).toBe(401);
      }
      const blocked = await postLogin(app.app, { email: 'fresh@example.fi', password: 'wrong password 1' });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.body).toContain('Liian monta');
    } finally {
      await app.close();
    }
  });

  test('a signed-in request slides the idle timeout, but writes at most once a minute', async () => {
    const session = await signIn(t.app, 'worker@example.fi');
    const seenAt = async () => (await sessionRow(session.token))?.last_seen_at.getTime() ?? 0;
    await t.database.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: sql`now() - interval '30 seconds'` })
      .where('token_hash', '=', sha256Hex(session.token))
      .execute();
    const before = await seenAt();
    await t.app.inject({ method: 'GET', url: '/staff/test-page', headers: { cookie: session.cookie } });
    expect(await seenAt()).toBe(before);
    await t.database.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: sql`now() - interval '90 minutes'` })
      .where('token_hash', '=', sha256Hex(session.token))
      .execute();
    const ok = await t.app.inject({
      method: 'GET',
      url: '/staff/test-page',
      headers: { cookie: session.cookie },
    });
    expect(ok.statusCode).toBe(200);
    expect(Date.now() - (await seenAt())).toBeLessThan(60_000);
  });

  test('a session idle for more than two hours is no longer valid', async () => {
    const session = await signIn(t.app, 'worker@example.fi');
    await t.database.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: sql`now() - interval '121 minutes'` })
      .where('token_hash', '=', sha256Hex(session.token))
      .execute();
    const response = await t.app.inject({
      method: 'GET',
      url: '/staff/test-page',
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(303);
    expect(cookieFrom(response, 'kuulo_session')?.value).toBe('');
  });

  test('a session older than twelve hours is not valid however active it was', async () => {
    const session = await signIn(t.app, 'worker@example.fi');
    await t.database.db
      .updateTable('staff_sessions')
      .set({ expires_at: sql`now() - interval '1 second'`, last_seen_at: sql`now()` })
      .where('token_hash', '=', sha256Hex(session.token))
      .execute();
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/test/me',
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(401);
  });

  test('a new session expires twelve hours after sign-in', async () => {
    const session = await signIn(t.app, 'worker@example.fi');
    const row = await sessionRow(session.token);
    const hours = ((row?.expires_at.getTime() ?? 0) - (row?.created_at.getTime() ?? 0)) / 3_600_000;
    expect(hours).toBeCloseTo(12, 3);
  });

  test('sign-out deletes the session and the old cookie stops working', async () => {
    const session = await signIn(t.app, 'worker@example.fi');
    const out = await t.app.inject({
      method: 'POST',
      url: '/staff/logout',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: TEST_ORIGIN,
      },
      payload: formBody({ _csrf: session.csrf }),
    });
    expect(out.statusCode).toBe(303);
    expect(await sessionRow(session.token)).toBeUndefined();
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/test/me',
      headers: { cookie: session.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  test('signing in again rotates the session: the previous token is deleted', async () => {
    const first = await signIn(t.app, 'worker@example.fi');
    const again = await postLogin(
      t.app,
      { email: 'worker@example.fi', password: GOOD_PASSWORD },
      { cookie: first.cookie },
    );
    expect(again.statusCode).toBe(303);
    expect(cookieFrom(again, 'kuulo_session')?.value).not.toBe(first.token);
    expect(await sessionRow(first.token)).toBeUndefined();
  });

  test('a session works on a second instance that shares the database', async () => {
    const session = await signIn(t.app, 'worker@example.fi');
    const other = await t.secondInstance();
    const response = await other.inject({
      method: 'GET',
      url: '/api/test/me',
      headers: { cookie: session.cookie },
    });
    expect(response.json()).toMatchObject({ userId: expect.any(String) });
  });

  test('a request without a session cookie carries no staff principal', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/public' });
    expect(response.json()).toEqual({ staff: null });
  });

  test('the sign-in form is refused without its double-submit token or from another origin', async () => {
    const noCookie = await t.app.inject({
      method: 'POST',
      url: '/staff/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ email: 'worker@example.fi', password: GOOD_PASSWORD, _csrf: 'x'.repeat(43) }),
    });
    expect(noCookie.statusCode).toBe(403);
    expect(cookieFrom(noCookie, 'kuulo_session')).toBeUndefined();
    const crossSite = await postLogin(
      t.app,
      { email: 'worker@example.fi', password: GOOD_PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.statusCode).toBe(403);
    expect(cookieFrom(crossSite, 'kuulo_session')).toBeUndefined();
  });

  test('a next parameter pointing off the staff pages is replaced with /staff', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/s/abcd']) {
      const response = await postLogin(t.app, { email: 'worker@example.fi', password: GOOD_PASSWORD, next });
      expect(response.headers.location).toBe('/staff');
    }
  });

  test('a disabled user is signed out at once and cannot sign in', async () => {
    const id = await t.createUser('leaver@example.fi', [{ role: 'handler', unitId: null }]);
    const session = await signIn(t.app, 'leaver@example.fi');
    await t.staff.service.disableUser({ userId: id, actorId: null });
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/test/me',
      headers: { cookie: session.cookie },
    });
    expect(after.statusCode).toBe(401);
    const again = await postLogin(t.app, { email: 'leaver@example.fi', password: GOOD_PASSWORD });
    expect(again.statusCode).toBe(401);
  });
});
