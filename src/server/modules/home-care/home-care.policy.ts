import type { StaffAuth, StaffPrincipal, StaffRole } from '../staff/index.ts';

/** Who records home visits: the people who give the care and their coordinators and managers. */
export const RECORD_ROLES: StaffRole[] = ['admin', 'coordinator', 'manager', 'handler'];
/** Who reads the side-by-side report (aggregates only, small groups hidden). */
export const REPORT_ROLES: StaffRole[] = ['admin', 'coordinator', 'manager', 'handler', 'analyst', 'viewer'];

export function mayRecord(
  auth: Pick<StaffAuth, 'hasRoleFor'>,
  p: StaffPrincipal,
  ancestorIds: readonly string[],
) {
  return auth.hasRoleFor(p, RECORD_ROLES, ancestorIds);
}

export function mayReport(
  auth: Pick<StaffAuth, 'hasRoleFor'>,
  p: StaffPrincipal,
  ancestorIds: readonly string[],
) {
  return auth.hasRoleFor(p, REPORT_ROLES, ancestorIds);
}
