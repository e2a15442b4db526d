import type { StaffAuth, StaffPrincipal, StaffRole } from '../staff/index.ts';

/** Who may see and change the tree in the staff UI; each change is further limited to the person's subtree. */
export const ORGANISATION_ROLES: StaffRole[] = ['admin', 'coordinator'];

/**
 * May the person change a unit whose ancestors (root first, itself last) are these? An empty list means a
 * place at the top of the tree, which only an organisation-wide role may change.
 */
export function canChangeUnit(
  auth: StaffAuth,
  principal: StaffPrincipal,
  ancestorIds: readonly string[],
): boolean {
  return auth.hasRoleFor(principal, ORGANISATION_ROLES, ancestorIds);
}
