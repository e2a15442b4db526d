import type { StaffAuth, StaffPrincipal, StaffRole } from '../staff/index.ts';
import type { EntryChannel } from './index.ts';

export const ENTRY_CHANNELS: readonly EntryChannel[] = ['paper', 'oral'];

/** Who may type in paper and oral feedback for a unit: everyone who handles the unit's feedback. */
export const ENTRY_ROLES: StaffRole[] = ['admin', 'coordinator', 'manager', 'handler'];

export function canEnterFor(
  auth: Pick<StaffAuth, 'hasRoleFor'>,
  principal: StaffPrincipal,
  unitAncestorIds: readonly string[],
): boolean {
  return auth.hasRoleFor(principal, ENTRY_ROLES, unitAncestorIds);
}
