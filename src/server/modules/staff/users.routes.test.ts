import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import {
  GOOD_PASSWORD,
  TEST_ORIGIN,
  createStaffTestApp,
  formBody,
  postLogin,
  signIn,
  type SignedIn,
  type StaffTestApp,
} from './staff.testing.ts';

describe.each(testEngines())('the users page on %s', (engine) => {
  let t: StaffTestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createStaffTestApp(engine);
    await t.database.db
      .insertInto('org_units')
      .values({ id: 'sote', parent_id: null, type: 'division', name_fi: 'Sote' })
      .execute();
    await t.createUser('admin@example.fi', [{ role: 'admin', unitId: null }]);
    await t.createUser('local-admin@example.fi', [{ role: 'admin', unitId: 'sote' }]);
    admin = await signIn(t.app, 'admin@example.fi');
  });
  afterAll(() => t.close());

  const submit = (session: SignedIn, url: string, fields: Record<string, string>) =>
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

  const userId = async (email: string) =>
    (
      await t.database.db
        .selectFrom('staff_users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).id;

  test('a global admin sees every account with its roles', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/staff/users?lang=en',
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('local-admin@example.fi');
    expect(response.body).toContain('Administrator: unit sote and everything below it');
  });

  test('an admin scoped to a subtree may not manage accounts', async () => {
    const local = await signIn(t.app, 'local-admin@example.fi');
    const response = await t.app.inject({
      method: 'GET',
      url: '/staff/users',
      headers: { cookie: local.cookie, accept: 'text/html' },
    });
    expect(response.statusCode).toBe(403);
  });

  test('creating a user through the form lets that user sign in', async () => {
    const created = await submit(admin, '/staff/users', {
      email: 'new.person@example.fi',
      displayName: 'New Person',
      password: GOOD_PASSWORD,
      locale: 'en',
      role: 'coordinator',
      unitId: 'sote',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toContain('done=created');
    const login = await postLogin(t.app, { email: 'new.person@example.fi', password: GOOD_PASSWORD });
    expect(login.statusCode).toBe(303);
  });

  test('a weak password is shown again with the error linked to the password field', async () => {
    const response = await submit(admin, '/staff/users?lang=en', {
      email: 'weak@example.fi',
      displayName: 'Weak',
      password: 'aaaaaaaaaaaaaaa',
      locale: 'fi',
      role: 'handler',
      unitId: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#password"');
    expect(response.body).toMatch(/id="password"[^>]*aria-invalid="true"/);
    expect(response.body).toContain('value="weak@example.fi"');
    expect(response.body).not.toContain('aaaaaaaaaaaaaaa');
  });

  test('a taken e-mail is a conflict shown at the e-mail field', async () => {
    const response = await submit(admin, '/staff/users', {
      email: 'ADMIN@example.fi',
      displayName: 'Copy',
      password: GOOD_PASSWORD,
      locale: 'fi',
      role: 'handler',
      unitId: '',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('href="#email"');
  });

  test('a role is added, refused for an unknown unit, and removed', async () => {
    const id = await userId('new.person@example.fi');
    const added = await submit(admin, `/staff/users/${id}/roles`, { role: 'analyst', unitId: '' });
    expect(added.statusCode).toBe(303);
    const unknown = await submit(admin, `/staff/users/${id}/roles`, { role: 'analyst', unitId: 'nowhere' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain(`href="#unit-${id}"`);
    const removed = await submit(admin, `/staff/users/${id}/roles/remove`, { role: 'analyst', unitId: '' });
    expect(removed.statusCode).toBe(303);
    const roles = await t.database.db
      .selectFrom('staff_role_assignments')
      .select(['role', 'unit_id'])
      .where('user_id', '=', id)
      .execute();
    expect(roles).toEqual([{ role: 'coordinator', unit_id: 'sote' }]);
  });

  test('disabling a user ends their sessions and is audited', async () => {
    const id = await userId('new.person@example.fi');
    const session = await signIn(t.app, 'new.person@example.fi');
    const response = await submit(admin, `/staff/users/${id}/disable`, {});
    expect(response.statusCode).toBe(303);
    const me = await t.app.inject({ method: 'GET', url: '/staff', headers: { cookie: session.cookie } });
    expect(me.statusCode).toBe(303);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('staff.user_disabled');
  });

  test('a change without the CSRF token is refused', async () => {
    const id = await userId('local-admin@example.fi');
    const response = await t.app.inject({
      method: 'POST',
      url: `/staff/users/${id}/disable`,
      headers: {
        cookie: admin.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      payload: '',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'csrf_failed' } });
  });

  test('the home page names the user and lists roles with their unit ids', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/staff?lang=sv',
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('admin@example.fi');
    expect(response.body).toContain('Huvudanvändare: hela organisationen');
    expect(response.body).toContain('href="/staff/users"');
  });
});
