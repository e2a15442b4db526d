import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { AuditLog } from '../audit/index.ts';
import type { RoleAssignment, StaffService, StaffUserView } from './index.ts';
import { hashPassword } from './password.ts';
import { passwordProblems } from './password-policy.ts';
import { isStaffRole } from './staff.policy.ts';
import type { StaffRepository } from './staff.repository.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import type { IdentitiesRepository } from './identities.repository.ts';

// Account management: creating users, granting and revoking roles, disabling. Every change is audited in the
// same transaction that makes it.
export interface FieldProblem {
  field: string;
  code: string;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The same rule as org_units.id in the core migration.
const UNIT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const LOCALES = ['fi', 'sv', 'en'] as const;

/** A ValidationError whose details list every problem by field, so forms can point at each one. */
function invalid(problems: FieldProblem[]): ValidationError {
  const first = problems[0] ?? { field: 'body', code: 'validation_failed' };
  return new ValidationError(first.code, `staff.${first.code}`, {}, problems);
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function normaliseEmail(email: string): string {
  return email.trim();
}

export function assignmentProblems(assignment: RoleAssignment, field = 'role'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isStaffRole(assignment.role)) problems.push({ field, code: 'invalid_role' });
  if (assignment.unitId !== null && !UNIT_ID_PATTERN.test(assignment.unitId)) {
    problems.push({ field: 'unitId', code: 'invalid_unit_id' });
  }
  return problems;
}

function unknownUnit(error: unknown, assignment?: RoleAssignment): never {
  if (pgCode(error) === '23503') {
    throw new ValidationError('unknown_unit', 'staff.unknown_unit', { unitId: assignment?.unitId ?? '' }, [
      { field: 'unitId', code: 'unknown_unit' },
    ]);
  }
  throw error;
}

export function createStaffService(deps: {
  db: Kysely<DB>;
  users: StaffRepository;
  sessions: SessionsRepository;
  audit: AuditLog;
  identities?: IdentitiesRepository;
}): StaffService {
  const { db, users, sessions, audit } = deps;

  async function requireUser(userId: string): Promise<void> {
    const user = /^[0-9a-f-]{36}$/i.test(userId) ? await users.findUserById(userId) : undefined;
    if (!user) throw new NotFoundError('user_not_found', 'staff.user_not_found');
  }

  async function keepAnAdmin(trx: Kysely<DB>, userId: string): Promise<void> {
    await users.lockAdminChanges(trx);
    if ((await users.countOtherGlobalAdmins(trx, userId)) === 0) {
      throw new ConflictError('last_admin', 'staff.last_admin');
    }
  }

  return {
    async createUser(input) {
      const email = normaliseEmail(input.email);
      const displayName = input.displayName.trim();
      const locale = input.locale ?? 'fi';
      const problems: FieldProblem[] = [];
      if (email.length > 254 || !EMAIL_PATTERN.test(email))
        problems.push({ field: 'email', code: 'invalid_email' });
      if (displayName.length === 0 || displayName.length > 200) {
        problems.push({ field: 'displayName', code: 'invalid_display_name' });
      }
      if (!(LOCALES as readonly string[]).includes(locale))
        problems.push({ field: 'locale', code: 'invalid_locale' });
      for (const code of passwordProblems(input.password, email)) problems.push({ field: 'password', code });
      for (const assignment of input.roles) problems.push(...assignmentProblems(assignment));
      if (problems.length > 0) throw invalid(problems);
      if (await users.findUserByEmail(email)) throw new ConflictError('email_taken', 'staff.email_taken');

      // Hash outside the transaction: it takes tens of milliseconds and holds no lock.
      const passwordHash = await hashPassword(input.password);
      const actorId = input.actorId ?? null;
      let current: RoleAssignment | undefined;
      try {
        return await db.transaction().execute(async (trx) => {
          const id = await users.insertUser(trx, { email, displayName, passwordHash, locale });
          for (const assignment of input.roles) {
            current = assignment;
            await users.insertRole(trx, id, assignment, actorId);
          }
          await audit.record(
            {
              actorId,
              action: 'staff.user_created',
              targetType: 'staff_user',
              targetId: id,
              details: { roles: input.roles.length },
            },
            trx,
          );
          return { id };
        });
      } catch (error) {
        if (pgCode(error) === '23505') throw new ConflictError('email_taken', 'staff.email_taken');
        return unknownUnit(error, current);
      }
    },

    async listUsers(): Promise<StaffUserView[]> {
      const rows = await users.listUsers();
      const roles = await users.rolesOfUsers(rows.map((row) => row.id));
      return rows.map((row) => ({
        id: row.id,
        email: row.email,
        displayName: row.displayName,
        locale: row.locale,
        disabled: row.disabledAt !== null,
        lastLoginAt: row.lastLoginAt,
        createdAt: row.createdAt,
        roles: roles.get(row.id) ?? [],
      }));
    },

    async addRole({ userId, assignment, actorId }) {
      const problems = assignmentProblems(assignment);
      if (problems.length > 0) throw invalid(problems);
      await requireUser(userId);
      try {
        await db.transaction().execute(async (trx) => {
          if (!(await users.insertRole(trx, userId, assignment, actorId))) return;
          await audit.record(
            {
              actorId,
              action: 'staff.role_added',
              targetType: 'staff_user',
              targetId: userId,
              details: { role: assignment.role, unitId: assignment.unitId },
            },
            trx,
          );
        });
      } catch (error) {
        unknownUnit(error, assignment);
      }
    },

    async removeRole({ userId, assignment, actorId }) {
      const problems = assignmentProblems(assignment);
      if (problems.length > 0) throw invalid(problems);
      await requireUser(userId);
      await db.transaction().execute(async (trx) => {
        if (assignment.role === 'admin' && assignment.unitId === null) await keepAnAdmin(trx, userId);
        if (!(await users.deleteRole(trx, userId, assignment))) return;
        await audit.record(
          {
            actorId,
            action: 'staff.role_removed',
            targetType: 'staff_user',
            targetId: userId,
            details: { role: assignment.role, unitId: assignment.unitId },
          },
          trx,
        );
      });
    },

    async disableUser({ userId, actorId }) {
      await requireUser(userId);
      if (userId === actorId) throw new ConflictError('cannot_disable_self', 'staff.cannot_disable_self');
      await db.transaction().execute(async (trx) => {
        const roles = await users.rolesOf(userId, trx);
        if (roles.some((r) => r.role === 'admin' && r.unitId === null)) await keepAnAdmin(trx, userId);
        if (!(await users.disableUser(trx, userId))) return;
        await sessions.deleteSessionsOfUser(trx, userId);
        await audit.record(
          { actorId, action: 'staff.user_disabled', targetType: 'staff_user', targetId: userId },
          trx,
        );
      });
    },

    async linkIdentity({ email, issuer, subject, actorId }) {
      const identities = deps.identities;
      if (!identities) throw new Error('linking identities needs the identities repository');
      const user = await users.findUserByEmail(email);
      if (!user) throw new NotFoundError('user_not_found', 'staff.user_not_found');
      if (!/^https?:\/\/\S+$/.test(issuer) || subject.trim() === '' || subject.length > 255) {
        throw invalid([{ field: 'subject', code: 'invalid_identity' }]);
      }
      await db.transaction().execute(async (trx) => {
        const linked = await identities.findUserId(issuer, subject, trx);
        if (linked === user.id) return;
        if (linked) throw new ConflictError('identity_taken', 'staff.identity_taken');
        await identities.link(trx, { issuer, subject, userId: user.id });
        await audit.record(
          {
            actorId,
            action: 'staff.identity_linked',
            targetType: 'staff_user',
            targetId: user.id,
            details: { issuer, by: 'administrator' },
          },
          trx,
        );
      });
      return { userId: user.id };
    },
  };
}
