import type { OrgUnitType } from '../../../server/modules/organisation/index.ts';

/** The order types are offered in forms: top of the tree first. */
export const UNIT_FIELD_TYPES = [
  'division',
  'service_area',
  'service',
  'unit',
  'site',
  'other',
] as const satisfies readonly OrgUnitType[];
