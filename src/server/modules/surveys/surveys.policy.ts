import type { StaffAuth, StaffPrincipal, StaffRole } from '../staff/index.ts';

// A survey's wording is shared by every unit that answers it, so only organisation-wide administrators and
// coordinators edit it; publishing touches one subtree, so a role at the unit or above it is enough.

export const SURVEY_ROLES: StaffRole[] = ['admin', 'coordinator'];

type RoleCheck = Pick<StaffAuth, 'hasRoleFor'>;

export function canEditSurveys(auth: RoleCheck, principal: StaffPrincipal): boolean {
  return auth.hasRoleFor(principal, SURVEY_ROLES, []);
}

export function canPublishAt(
  auth: RoleCheck,
  principal: StaffPrincipal,
  unitAncestorIds: readonly string[],
): boolean {
  return auth.hasRoleFor(principal, SURVEY_ROLES, unitAncestorIds);
}
