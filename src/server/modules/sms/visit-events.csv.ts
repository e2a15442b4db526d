import { ValidationError } from '../../errors.ts';
import { parseCsv } from '../../../shared/csv.ts';
import type { EventProblem, VisitEventInput } from './visit-event.ts';

// CSV visit events (UTF-8, comma or semicolon, a header row). Columns: event_id, phone, visit_time, visit_type,
// unit, language, age, consent, non_disclosure. Errors name the line of the file (the header is line 1).

const REQUIRED = ['event_id', 'visit_time', 'unit'] as const;
const TRUE = new Set(['1', 'true', 'yes', 'kyllä', 'k', 'ja', 'x']);
const FALSE = new Set(['', '0', 'false', 'no', 'ei', 'e', 'nej']);

function bool(value: string | undefined): boolean | null | 'invalid' {
  const v = (value ?? '').trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return v === '' ? null : false;
  return 'invalid';
}

export function parseVisitEventsCsv(text: string): { events: VisitEventInput[]; lines: number[] } {
  const parsed = parseCsv(text);
  // Lines with only separators are empty rows, not events.
  const records = parsed.records
    .map((r) => ({ line: r.line, fields: r.cells }))
    .filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = (records[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
  const problems: EventProblem[] = parsed.problems.map((p) => ({ line: p.line, field: 'csv', code: p.code }));
  for (const column of REQUIRED)
    if (!header.includes(column)) problems.push({ line: 1, field: column, code: 'missing_column' });
  if (problems.length > 0)
    throw new ValidationError('invalid_csv', 'sms.invalid_csv', { count: problems.length }, problems);
  const events: VisitEventInput[] = [];
  const lines: number[] = [];
  for (const record of records.slice(1)) {
    const get = (name: string) => {
      const index = header.indexOf(name);
      return index === -1 ? undefined : record.fields[index]?.trim();
    };
    const ageText = get('age') ?? '';
    const age = ageText === '' ? null : /^\d{1,3}$/.test(ageText) ? Number(ageText) : Number.NaN;
    if (Number.isNaN(age)) problems.push({ line: record.line, field: 'age', code: 'invalid_age' });
    const consent = bool(get('consent'));
    const nonDisclosure = bool(get('non_disclosure'));
    if (consent === 'invalid')
      problems.push({ line: record.line, field: 'consent', code: 'invalid_boolean' });
    if (nonDisclosure === 'invalid')
      problems.push({ line: record.line, field: 'non_disclosure', code: 'invalid_boolean' });
    events.push({
      eventId: get('event_id') ?? '',
      phone: get('phone') ?? null,
      visitTime: get('visit_time') ?? '',
      visitType: get('visit_type') ?? null,
      unit: get('unit') ?? '',
      language: get('language') ?? null,
      age: typeof age === 'number' && !Number.isNaN(age) ? age : null,
      consent: consent === true,
      nonDisclosure: nonDisclosure === true,
    });
    lines.push(record.line);
  }
  if (problems.length > 0)
    throw new ValidationError('invalid_csv', 'sms.invalid_csv', { count: problems.length }, problems);
  return { events, lines };
}
