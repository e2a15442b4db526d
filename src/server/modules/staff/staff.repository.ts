import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RoleAssignment, StaffRole } from './index.ts';

// staff_users and staff_role_assignments. Callers pass a transaction when several writes must land together.
export interface StaffUserRow {
  id: string;
  email: string;
  displayName: string;
  locale: 'fi' | 'sv' | 'en';
  passwordHash: string;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface StaffRepository {
  findUserByEmail(email: string): Promise<StaffUserRow | undefined>;
  findUserById(id: string, executor?: Kysely<DB>): Promise<StaffUserRow | undefined>;
  listUsers(): Promise<StaffUserRow[]>;
  insertUser(
    executor: Kysely<DB>,
    user: { email: string; displayName: string; passwordHash: string; locale: 'fi' | 'sv' | 'en' },
  ): Promise<string>;
  rolesOf(userId: string, executor?: Kysely<DB>): Promise<RoleAssignment[]>;
  rolesOfUsers(userIds: string[]): Promise<Map<string, RoleAssignment[]>>;
  /** Adds a role; false when the user already had it (the unique index makes this idempotent). */
  insertRole(
    executor: Kysely<DB>,
    userId: string,
    role: RoleAssignment,
    createdBy: string | null,
  ): Promise<boolean>;
  deleteRole(executor: Kysely<DB>, userId: string, role: RoleAssignment): Promise<boolean>;
  /** Serialises last-admin checks across instances until the transaction ends. */
  lockAdminChanges(executor: Kysely<DB>): Promise<void>;
  /** Active users other than `exceptUserId` who hold admin for the whole organisation. */
  countOtherGlobalAdmins(executor: Kysely<DB>, exceptUserId: string): Promise<number>;
  disableUser(executor: Kysely<DB>, userId: string): Promise<boolean>;
  updatePasswordHash(userId: string, passwordHash: string): Promise<void>;
  recordLogin(executor: Kysely<DB>, userId: string): Promise<void>;
}

export function createStaffRepository(db: Kysely<DB>): StaffRepository {
  const users = (executor: Kysely<DB>) =>
    executor
      .selectFrom('staff_users')
      .select([
        'id',
        'email',
        'display_name as displayName',
        'locale',
        'password_hash as passwordHash',
        'disabled_at as disabledAt',
        'last_login_at as lastLoginAt',
        'created_at as createdAt',
      ]);

  return {
    findUserByEmail: (email) =>
      users(db)
        .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
        .executeTakeFirst(),

    findUserById: (id, executor = db) => users(executor).where('id', '=', id).executeTakeFirst(),

    listUsers: () => users(db).orderBy('display_name').orderBy('email').execute(),

    async insertUser(executor, user) {
      const row = await executor
        .insertInto('staff_users')
        .values({
          email: user.email,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          locale: user.locale,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async rolesOf(userId, executor = db) {
      const rows = await executor
        .selectFrom('staff_role_assignments')
        .select(['role', 'unit_id as unitId'])
        .where('user_id', '=', userId)
        .orderBy('role')
        .orderBy('unit_id')
        .execute();
      return rows;
    },

    async rolesOfUsers(userIds) {
      const byUser = new Map<string, RoleAssignment[]>(userIds.map((id) => [id, []]));
      if (userIds.length === 0) return byUser;
      const rows = await db
        .selectFrom('staff_role_assignments')
        .select(['user_id as userId', 'role', 'unit_id as unitId'])
        .where('user_id', 'in', userIds)
        .orderBy('role')
        .orderBy('unit_id')
        .execute();
      for (const row of rows) byUser.get(row.userId)?.push({ role: row.role, unitId: row.unitId });
      return byUser;
    },

    async insertRole(executor, userId, role, createdBy) {
      const inserted = await executor
        .insertInto('staff_role_assignments')
        .values({ user_id: userId, role: role.role, unit_id: role.unitId, created_by: createdBy })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async deleteRole(executor, userId, role) {
      const result = await executor
        .deleteFrom('staff_role_assignments')
        .where('user_id', '=', userId)
        .where('role', '=', role.role)
        .where((eb) => (role.unitId === null ? eb('unit_id', 'is', null) : eb('unit_id', '=', role.unitId)))
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async lockAdminChanges(executor) {
      await sql`select pg_advisory_xact_lock(7245500)`.execute(executor);
    },

    async countOtherGlobalAdmins(executor, exceptUserId) {
      const row = await executor
        .selectFrom('staff_role_assignments as r')
        .innerJoin('staff_users as u', 'u.id', 'r.user_id')
        .select((eb) => eb.fn.count<number>('r.user_id').distinct().as('n'))
        .where('r.role', '=', 'admin' satisfies StaffRole)
        .where('r.unit_id', 'is', null)
        .where('u.disabled_at', 'is', null)
        .where('u.id', '<>', exceptUserId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async disableUser(executor, userId) {
      const result = await executor
        .updateTable('staff_users')
        .set({ disabled_at: sql`now()`, updated_at: sql`now()` })
        .where('id', '=', userId)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async updatePasswordHash(userId, passwordHash) {
      await db
        .updateTable('staff_users')
        .set({ password_hash: passwordHash, updated_at: sql`now()` })
        .where('id', '=', userId)
        .execute();
    },

    async recordLogin(executor, userId) {
      await executor
        .updateTable('staff_users')
        .set({ last_login_at: sql`now()` })
        .where('id', '=', userId)
        .execute();
    },
  };
}
