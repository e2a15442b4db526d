import { NAME_MAX_LENGTH, isUnitType, isValidOid, isValidUnitId, parseDateValue } from './unit-fields.ts';

/** Field names as they appear in import files and forms. */
export type UnitField =
  'id' | 'parent_id' | 'type' | 'name_fi' | 'name_sv' | 'name_en' | 'oid' | 'valid_from' | 'valid_to';

export interface FieldProblem {
  field: UnitField;
  code: string;
  params?: Record<string, string | number>;
}

export interface UnitInput {
  id?: string;
  parentId?: string | null;
  type?: string;
  names?: { fi?: string | null; sv?: string | null; en?: string | null };
  oid?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

function checkName(field: UnitField, value: string | null | undefined, required: boolean): FieldProblem[] {
  if (value === undefined || value === null || value.trim() === '') {
    return required ? [{ field, code: 'missing_name_fi' }] : [];
  }
  return value.length > NAME_MAX_LENGTH
    ? [{ field, code: 'too_long', params: { max: NAME_MAX_LENGTH } }]
    : [];
}

function checkDate(field: UnitField, value: string | null | undefined): FieldProblem[] {
  if (value === undefined || value === null) return [];
  return parseDateValue(value) === value ? [] : [{ field, code: 'invalid_date', params: { value } }];
}

/** Rules every unit obeys, whether it comes from a form, the API or a file. Only present fields are checked. */
export function checkUnitInput(input: UnitInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.id !== undefined && !isValidUnitId(input.id)) {
    problems.push({
      field: 'id',
      code: input.id === '' ? 'missing_id' : 'invalid_id',
      params: { value: input.id },
    });
  }
  if (input.parentId !== undefined && input.parentId !== null && !isValidUnitId(input.parentId)) {
    problems.push({ field: 'parent_id', code: 'invalid_id', params: { value: input.parentId } });
  }
  if (input.type !== undefined && !isUnitType(input.type)) {
    problems.push({ field: 'type', code: 'unknown_type', params: { value: input.type } });
  }
  if (input.names !== undefined) {
    problems.push(
      ...checkName('name_fi', input.names.fi, true),
      ...checkName('name_sv', input.names.sv, false),
      ...checkName('name_en', input.names.en, false),
    );
  }
  if (input.oid !== undefined && input.oid !== null && !isValidOid(input.oid)) {
    problems.push({ field: 'oid', code: 'invalid_oid', params: { value: input.oid } });
  }
  problems.push(...checkDate('valid_from', input.validFrom), ...checkDate('valid_to', input.validTo));
  return problems;
}

/** valid_to is the last day of operation, so it may equal valid_from but not precede it. */
export function checkDateRange(validFrom: string | null, validTo: string | null): FieldProblem[] {
  if (validFrom === null || validTo === null || validTo >= validFrom) return [];
  return [{ field: 'valid_to', code: 'invalid_date_range', params: { from: validFrom, to: validTo } }];
}
