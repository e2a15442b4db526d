import type { FieldChange, OrgUnit } from './index.ts';

function fieldPairs(unit: OrgUnit): [string, string | null][] {
  return [
    ['parent_id', unit.parentId],
    ['type', unit.type],
    ['name_fi', unit.names.fi],
    ['name_sv', unit.names.sv],
    ['name_en', unit.names.en],
    ['oid', unit.oid],
    ['valid_from', unit.validFrom],
    ['valid_to', unit.validTo],
  ];
}

/** The fields that differ, named as in import files and forms. */
export function unitDiff(before: OrgUnit, after: OrgUnit): Record<string, FieldChange> {
  const afterPairs = new Map(fieldPairs(after));
  const diff: Record<string, FieldChange> = {};
  for (const [field, from] of fieldPairs(before)) {
    const to = afterPairs.get(field) ?? null;
    if (from !== to) diff[field] = { from, to };
  }
  return diff;
}

/** What a unit was created with, for its history: the non-empty fields. */
export function snapshot(unit: OrgUnit): Record<string, string> {
  return Object.fromEntries(fieldPairs(unit).filter((f): f is [string, string] => f[1] !== null));
}
