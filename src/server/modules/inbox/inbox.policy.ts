// Who may do what with an item, from the access model's permissions (staff/index.ts): a role holds for the unit
// it is assigned at and everything below it. An item not yet routed anywhere is visible only to global roles.
import { can, canSomewhere } from '../staff/index.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import type { ItemAccess } from './index.ts';

/** unitAncestorIds: the routed unit's ancestors, root first, the unit itself included; [] when unrouted. */
export function itemAccess(principal: StaffPrincipal, unitAncestorIds: readonly string[]): ItemAccess {
  return {
    view: can(principal, 'read_aggregates', unitAncestorIds),
    readText: can(principal, 'read_redacted_text', unitAncestorIds),
    readPersonal: can(principal, 'read_personal_data', unitAncestorIds),
    act: can(principal, 'reply', unitAncestorIds),
  };
}

export function canOpenInbox(principal: StaffPrincipal): boolean {
  return canSomewhere(principal, 'read_aggregates');
}

/** Reply templates are shared by the whole organisation: only a global coordinator or admin edits them. */
export function canEditTemplates(principal: StaffPrincipal): boolean {
  return can(principal, 'configure', []);
}

/** A routing rule sends feedback to its target unit: configuring it needs configure rights there. */
export function canEditRoutingRule(principal: StaffPrincipal, targetAncestorIds: readonly string[]): boolean {
  return can(principal, 'configure', targetAncestorIds);
}
