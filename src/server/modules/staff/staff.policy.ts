import type { Permission, RoleAssignment, StaffPrincipal, StaffRole } from './index.ts';

// Who may do what, as pure functions. A role applies to the unit it is assigned at and everything below it;
// unit_id null means the whole organisation. docs/access-control.md explains the model.
export const STAFF_ROLES: readonly StaffRole[] = [
  'admin',
  'coordinator',
  'manager',
  'handler',
  'analyst',
  'viewer',
];

/**
 * The permission table: what each role may do inside its subtree. Features check a permission, not a role
 * list, so a new role or a changed duty is one edit here (and in docs/access-control.md).
 */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  admin: ['read_aggregates', 'read_redacted_text', 'read_personal_data', 'reply', 'configure', 'administer'],
  coordinator: ['read_aggregates', 'read_redacted_text', 'read_personal_data', 'reply', 'configure'],
  manager: ['read_aggregates', 'read_redacted_text', 'read_personal_data', 'reply'],
  handler: ['read_aggregates', 'read_redacted_text', 'read_personal_data', 'reply'],
  analyst: ['read_aggregates', 'read_redacted_text'],
  viewer: ['read_aggregates'],
};

export const PERMISSIONS: readonly Permission[] = [
  'read_aggregates',
  'read_redacted_text',
  'read_personal_data',
  'reply',
  'configure',
  'administer',
];

/** The roles that carry a permission: for `requireStaff({ roles: rolesWith('reply') })`. */
export function rolesWith(permission: Permission): StaffRole[] {
  return STAFF_ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/**
 * Whether the principal may do `permission` for a unit, given the unit's ancestor ids (root first, the unit
 * itself included). Pass [] for organisation-wide things: then only a global assignment counts.
 */
export function can(
  principal: { roles: readonly RoleAssignment[] } | null | undefined,
  permission: Permission,
  unitAncestorIds: readonly string[],
): boolean {
  if (!principal) return false;
  return hasRoleFor(principal, rolesWith(permission), unitAncestorIds);
}

/** Whether the principal has the permission anywhere in the tree: enough to open a section, not to act. */
export function canSomewhere(
  principal: { roles: readonly RoleAssignment[] } | null | undefined,
  permission: Permission,
): boolean {
  if (!principal) return false;
  return holdsAnyRole(principal, rolesWith(permission));
}

/**
 * The units at the top of the subtrees where the principal has the permission; null when it holds everywhere
 * (a global assignment). For list queries: filter rows to units under these roots.
 */
export function scopeRoots(
  principal: { roles: readonly RoleAssignment[] },
  permission: Permission,
): string[] | null {
  const roles = rolesWith(permission);
  const relevant = principal.roles.filter((assignment) => roles.includes(assignment.role));
  if (relevant.some((assignment) => assignment.unitId === null)) return null;
  return [...new Set(relevant.map((assignment) => assignment.unitId as string))];
}

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
