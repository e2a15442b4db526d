// Who may see which subtree, and which unit a dashboard opens at. Pure decisions over the principal's roles and a
// unit's ancestor chain (root first, the unit itself last).
import type { StaffPrincipal, StaffRole } from '../staff/index.ts';
import { INSIGHTS_READ_ROLES } from '../insights/index.ts';

export const DASHBOARD_ROLES: readonly StaffRole[] = INSIGHTS_READ_ROLES;
/** Responses carry redacted free text: not for viewers, who see aggregates only. */
export const RESPONSE_EXPORT_ROLES: readonly StaffRole[] = ['admin', 'coordinator', 'manager', 'analyst'];
/** The national data set covers the whole organisation: a global role is needed. */
export const NATIONAL_ROLES: readonly StaffRole[] = ['admin', 'coordinator', 'analyst'];
/** "What we changed" entries are published on public pages: people who answer for a unit write them. */
export const CHANGE_ROLES: readonly StaffRole[] = ['admin', 'coordinator', 'manager'];

export function mayRead(
  principal: StaffPrincipal,
  roles: readonly StaffRole[],
  chain: readonly string[],
): boolean {
  return principal.roles.some(
    (a) => roles.includes(a.role) && (a.unitId === null || chain.includes(a.unitId)),
  );
}

export function isGlobal(principal: StaffPrincipal, roles: readonly StaffRole[]): boolean {
  return principal.roles.some((a) => roles.includes(a.role) && a.unitId === null);
}

/** The first unit a person may read: their own assignment, or null when they may read everything. */
export function homeUnit(principal: StaffPrincipal, roles: readonly StaffRole[]): string | null | undefined {
  if (isGlobal(principal, roles)) return null;
  return principal.roles.find((a) => roles.includes(a.role))?.unitId ?? undefined;
}
