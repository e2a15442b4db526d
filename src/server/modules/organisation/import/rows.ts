// Turns CSV records or JSON elements into import rows, checking each field on its own. Rows keep their source
// line; a row with a readable id is kept even when another field is bad, so that the checks across rows (parents,
// duplicates, cycles) do not drown the real error in follow-on ones. Any problem stops the whole import.
import type { OrgUnitType, UnitImportRow } from '../index.ts';
import { checkUnitInput, type UnitField } from '../unit-checks.ts';
import { isUnitType, isValidUnitId, parseDateValue } from '../unit-fields.ts';
import { parseCsv } from '../../../../shared/csv.ts';
import { parseJsonRecords } from './json.ts';
import type { SourceProblem } from './source-problem.ts';

export type { SourceProblem };

export interface ParsedImport {
  rows: UnitImportRow[];
  problems: SourceProblem[];
}

type RawValues = Partial<Record<UnitField, string | null>>;

const FIELD_BY_CANONICAL: Record<string, UnitField> = {
  id: 'id',
  parentid: 'parent_id',
  type: 'type',
  namefi: 'name_fi',
  namesv: 'name_sv',
  nameen: 'name_en',
  oid: 'oid',
  validfrom: 'valid_from',
  validto: 'valid_to',
};
const REQUIRED_COLUMNS: UnitField[] = ['id', 'parent_id', 'type', 'name_fi'];
/** Read-only fields of GET /api/v1/units output, so that output can be imported again as it is. */
const IGNORED_KEYS = new Set(['mergedintoid']);

/** id, parent_id, parentId, Parent ID: all the same column. */
function fieldOf(name: string): UnitField | undefined {
  return FIELD_BY_CANONICAL[
    name
      .trim()
      .toLowerCase()
      .replace(/[\s_-]/g, '')
  ];
}

function clean(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function toRow(line: number, values: RawValues, problems: SourceProblem[]): UnitImportRow | undefined {
  const found = (field: UnitField, code: string, params?: Record<string, string | number>) =>
    problems.push({ line, field, code, ...(params ? { params } : {}) });
  const id = values.id ?? null;
  const rawType = values.type?.toLowerCase().replace(/[\s-]/g, '_') ?? null;
  const type: OrgUnitType = rawType !== null && isUnitType(rawType) ? rawType : 'other';
  if (id === null) found('id', 'missing_id');
  if (rawType === null) found('type', 'missing_type');
  const dates: Partial<Record<'valid_from' | 'valid_to', string | null>> = {};
  for (const field of ['valid_from', 'valid_to'] as const) {
    const value = values[field];
    if (value === undefined || value === null) dates[field] = value;
    else {
      dates[field] = parseDateValue(value);
      if (dates[field] === null) found(field, 'invalid_date', { value });
    }
  }
  for (const p of checkUnitInput({
    id: id ?? undefined,
    parentId: values.parent_id ?? null,
    type: rawType ?? undefined,
    names: { fi: values.name_fi ?? null, sv: values.name_sv ?? null, en: values.name_en ?? null },
    oid: values.oid ?? null,
  })) {
    found(p.field, p.code, p.params);
  }
  if (id === null || !isValidUnitId(id)) return undefined;
  const parentId = values.parent_id ?? null;
  return {
    line,
    id,
    parentId: parentId !== null && isValidUnitId(parentId) ? parentId : null,
    type,
    nameFi: values.name_fi ?? '',
    ...('name_sv' in values ? { nameSv: values.name_sv ?? null } : {}),
    ...('name_en' in values ? { nameEn: values.name_en ?? null } : {}),
    ...('oid' in values ? { oid: values.oid ?? null } : {}),
    ...('valid_from' in values ? { validFrom: dates.valid_from ?? null } : {}),
    ...('valid_to' in values ? { validTo: dates.valid_to ?? null } : {}),
  };
}

export function rowsFromCsv(content: string): ParsedImport {
  const parsed = parseCsv(content);
  const problems: SourceProblem[] = [...parsed.problems];
  const [header, ...body] = parsed.records;
  if (!header) return { rows: [], problems: problems.length ? problems : [{ line: 1, code: 'empty_file' }] };
  const columns = header.cells.map((name) => fieldOf(name));
  header.cells.forEach((name, i) => {
    const field = columns[i];
    if (field === undefined) problems.push({ line: header.line, field: name.trim(), code: 'unknown_column' });
    else if (columns.indexOf(field) !== i)
      problems.push({ line: header.line, field, code: 'duplicate_column' });
  });
  for (const field of REQUIRED_COLUMNS) {
    if (!columns.includes(field)) problems.push({ line: header.line, field, code: 'missing_column' });
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: UnitImportRow[] = [];
  for (const record of body) {
    const extra = record.cells.slice(columns.length);
    if (extra.some((cell) => cell.trim() !== '')) {
      problems.push({
        line: record.line,
        code: 'csv_column_count',
        params: { expected: columns.length, actual: record.cells.length },
      });
      continue;
    }
    // Spreadsheets drop trailing empty cells: a short record means those cells are empty.
    const values: RawValues = {};
    columns.forEach((field, i) => {
      if (field) values[field] = clean(record.cells[i] ?? '');
    });
    const row = toRow(record.line, values, problems);
    if (row) rows.push(row);
  }
  return { rows, problems };
}

function jsonValues(line: number, value: unknown, problems: SourceProblem[]): RawValues | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ line, code: 'json_not_object' });
    return undefined;
  }
  const values: RawValues = {};
  const put = (field: UnitField, key: string, v: unknown) => {
    if (v === null) values[field] = null;
    else if (typeof v === 'string') values[field] = clean(v);
    else if (typeof v === 'number' && Number.isFinite(v) && ['id', 'parent_id'].includes(field))
      values[field] = String(v);
    else problems.push({ line, field: key, code: 'invalid_value' });
  };
  for (const [key, v] of Object.entries(value)) {
    if (key === 'names' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const [lang, name] of Object.entries(v)) {
        const field = fieldOf(`name_${lang}`);
        if (field) put(field, `names.${lang}`, name);
        else problems.push({ line, field: `names.${lang}`, code: 'unknown_field' });
      }
      continue;
    }
    const field = fieldOf(key);
    if (field) put(field, key, v);
    else if (!IGNORED_KEYS.has(key.toLowerCase().replace(/[\s_-]/g, ''))) {
      problems.push({ line, field: key, code: 'unknown_field' });
    }
  }
  // A JSON object without parent_id is a top-level unit (null values are often left out of JSON).
  if (!('parent_id' in values)) values.parent_id = null;
  return values;
}

export function rowsFromJson(content: string): ParsedImport {
  const { records, problems } = parseJsonRecords(content);
  const rows: UnitImportRow[] = [];
  for (const record of records) {
    const values = jsonValues(record.line, record.value, problems);
    const row = values && toRow(record.line, values, problems);
    if (row) rows.push(row);
  }
  return { rows, problems };
}

export function parseImport(format: 'csv' | 'json', content: string): ParsedImport {
  return format === 'csv' ? rowsFromCsv(content) : rowsFromJson(content);
}
