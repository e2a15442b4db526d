import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { testEngines } from '../../db/testing.ts';
import { GOOD_PASSWORD, createStaffTestApp, type StaffTestApp } from './staff.testing.ts';

describe.each(testEngines())('staff accounts on %s', (engine) => {
  let t: StaffTestApp;
  let adminId: string;

  beforeAll(async () => {
    t = await createStaffTestApp(engine);
    await t.database.db
      .insertInto('org_units')
      .values([
        { id: 'sote', parent_id: null, type: 'division', name_fi: 'Sote' },
        { id: 'clinic', parent_id: 'sote', type: 'unit', name_fi: 'Klinikka' },
      ])
      .execute();
    adminId = await t.createUser('root@example.fi', [{ role: 'admin', unitId: null }]);
  });
  afterAll(() => t.close());

  const create = (email: string, overrides: Record<string, unknown> = {}) =>
    t.staff.service.createUser({
      email,
      displayName: 'Maija Meikäläinen',
      password: GOOD_PASSWORD,
      roles: [{ role: 'manager', unitId: 'clinic' }],
      ...overrides,
    });

  test('a created user has a scrypt hash, its roles, and an audit entry without secrets', async () => {
    const { id } = await create('  maija@example.fi ', { locale: 'sv', actorId: adminId });
    const user = await t.database.db
      .selectFrom('staff_users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: 'maija@example.fi', locale: 'sv' });
    expect(user.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const users = await t.staff.service.listUsers();
    expect(users.find((u) => u.id === id)?.roles).toEqual([{ role: 'manager', unitId: 'clinic' }]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', id)
      .execute();
    expect(audit).toMatchObject([{ action: 'staff.user_created', actor_id: adminId }]);
    expect(JSON.stringify(audit)).not.toContain(GOOD_PASSWORD);
  });

  test('an e-mail already taken in any letter case is a conflict', async () => {
    await create('duplicate@example.fi');
    await expect(create('Duplicate@EXAMPLE.fi')).rejects.toMatchObject({ code: 'email_taken' });
    await expect(create('Duplicate@EXAMPLE.fi')).rejects.toBeInstanceOf(ConflictError);
  });

  test('every invalid field is reported at once', async () => {
    const error = await create('not-an-email', { displayName: ' ', password: 'short' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const fields = ((error as ValidationError).details as { field: string; code: string }[]).map(
      (d) => d.code,
    );
    expect(fields).toEqual(
      expect.arrayContaining(['invalid_email', 'invalid_display_name', 'password_too_short']),
    );
  });

  test('a role at an unknown unit is refused and nothing is stored', async () => {
    await expect(
      create('ghost-unit@example.fi', { roles: [{ role: 'handler', unitId: 'nowhere' }] }),
    ).rejects.toMatchObject({
      code: 'unknown_unit',
    });
    const row = await t.database.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'ghost-unit@example.fi')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  test('adding a role twice keeps one assignment and removing it audits the change', async () => {
    const { id } = await create('roles@example.fi', { roles: [] });
    const assignment = { role: 'analyst' as const, unitId: 'sote' };
    await t.staff.service.addRole({ userId: id, assignment, actorId: adminId });
    await t.staff.service.addRole({ userId: id, assignment, actorId: adminId });
    await t.staff.service.addRole({
      userId: id,
      assignment: { role: 'analyst', unitId: null },
      actorId: adminId,
    });
    let user = (await t.staff.service.listUsers()).find((u) => u.id === id);
    expect(user?.roles).toEqual([
      { role: 'analyst', unitId: 'sote' },
      { role: 'analyst', unitId: null },
    ]);
    await t.staff.service.removeRole({ userId: id, assignment, actorId: adminId });
    user = (await t.staff.service.listUsers()).find((u) => u.id === id);
    expect(user?.roles).toEqual([{ role: 'analyst', unitId: null }]);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'staff.role_added',
      'staff.role_added',
      'staff.role_removed',
      'staff.user_created',
    ]);
  });

  test('the last active global admin can be neither removed nor disabled', async () => {
    await expect(
      t.staff.service.removeRole({
        userId: adminId,
        assignment: { role: 'admin', unitId: null },
        actorId: null,
      }),
    ).rejects.toMatchObject({ code: 'last_admin' });
    await expect(t.staff.service.disableUser({ userId: adminId, actorId: null })).rejects.toMatchObject({
      code: 'last_admin',
    });
    await expect(t.staff.service.disableUser({ userId: adminId, actorId: adminId })).rejects.toMatchObject({
      code: 'cannot_disable_self',
    });
  });

  test('a second admin makes removing the first one possible', async () => {
    const { id } = await create('second-admin@example.fi', { roles: [{ role: 'admin', unitId: null }] });
    await t.staff.service.removeRole({
      userId: id,
      assignment: { role: 'admin', unitId: null },
      actorId: adminId,
    });
    expect((await t.staff.service.listUsers()).find((u) => u.id === id)?.roles).toEqual([]);
  });

  test('changing an unknown user is not found', async () => {
    await expect(
      t.staff.service.disableUser({ userId: '00000000-0000-4000-8000-000000000000', actorId: adminId }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
