import type { RoleAssignment, StaffPrincipal, StaffRole } from './index.ts';

// Who may do what, as pure functions. A role applies to the unit it is assigned at and everything below it;
// unit_id null means the whole organisation.
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'coordinator', 'analyst', 'manager', 'staff'];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export function hasRoleFor(
  principal: { roles: readonly RoleAssignment[] },
  roles: readonly StaffRole[],
  unitAncestorIds: readonly string[],
): boolean {
  return principal.roles.some(
    (assignment) =>
      roles.includes(assignment.role) &&
      (assignment.unitId === null || unitAncestorIds.includes(assignment.unitId)),
  );
}

/** Whether any of the roles is held somewhere in the tree: enough to open a section, not to act on a unit. */
export function holdsAnyRole(
  principal: { roles: readonly RoleAssignment[] },
  roles: readonly StaffRole[],
): boolean {
  return principal.roles.some((assignment) => roles.includes(assignment.role));
}

/**
 * Managing accounts needs a global admin: a subtree admin could otherwise grant itself a wider scope. Scoped
 * user management comes with the full roles issue.
 */
export function canManageUsers(principal: StaffPrincipal): boolean {
  return principal.roles.some((assignment) => assignment.role === 'admin' && assignment.unitId === null);
}

/** Only a local /staff path may follow sign-in: never another host, scheme or protocol-relative URL. */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 512) return '/staff';
  if (!/^\/staff(?:[/?#]|$)/.test(next)) return '/staff';
  // Plain URL characters only (no backslash, whitespace or control characters), and no second slash that a
  // browser could read as the start of another host.
  if (!/^[\w\-./?&=%#:+,;@!$~*'()]+$/.test(next) || /\/\/|%2f|%5c/i.test(next)) return '/staff';
  return next;
}
