// Field rules shared by the import, the staff forms and the service. The id pattern mirrors the check
// constraint on org_units (migration 20261122000100_core.sql) so a bad id is caught before the database.
import type { OrgUnit, OrgUnitType, UnitNames } from './index.ts';
import type { Language } from '../../../shared/languages.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';

export const UNIT_TYPES: readonly OrgUnitType[] = [
  'division',
  'service_area',
  'service',
  'unit',
  'site',
  'other',
];

export const UNIT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
/** Digits separated by dots, at least two arcs, no leading zeros (1.2.246.10.1234567.10.0). */
export const OID_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/;
export const OID_MAX_LENGTH = 128;
export const NAME_MAX_LENGTH = 300;

export function isUnitType(value: string): value is OrgUnitType {
  return (UNIT_TYPES as readonly string[]).includes(value);
}

export function isValidUnitId(value: string): boolean {
  return UNIT_ID_PATTERN.test(value);
}

export function isValidOid(value: string): boolean {
  return value.length <= OID_MAX_LENGTH && OID_PATTERN.test(value);
}

function isoIfReal(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD', or the Finnish 'D.M.YYYY' that spreadsheets export, as an ISO date; null when not a real date. */
export function parseDateValue(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return isoIfReal(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (fi) return isoIfReal(Number(fi[3]), Number(fi[2]), Number(fi[1]));
  return null;
}

/** Validity dates are Finnish calendar days whatever the server's zone. */
export { helsinkiDate };

/** Closed means past its last day of operation (valid_to is inclusive) or merged into another unit. */
export function isClosedOn(unit: Pick<OrgUnit, 'validTo' | 'mergedIntoId'>, today: string): boolean {
  return unit.mergedIntoId !== null || (unit.validTo !== null && unit.validTo < today);
}

export function unitName(names: UnitNames, lang: Language): string {
  return names[lang] ?? names.fi;
}
