// Export columns and line encoders. CSV follows RFC 4180 (CRLF, fields with a comma, quote or line break quoted,
// quotes doubled); the file starts with a UTF-8 BOM so Excel reads ä, ö and å right. Free text comes from the
// public: a cell starting with = + - @ would run as a formula in a spreadsheet, so it gets a leading apostrophe.
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { ExportRow, UsedVersion } from './responses.repository.ts';

export const FIXED_COLUMNS = [
  'response_id',
  'submitted_at',
  'local_date',
  'unit_id',
  'unit_oid',
  'survey',
  'survey_version',
  'channel',
  'language',
  'respondent_type',
  'age_group',
] as const;

export const NATIONAL_SLUG = 'thl-national';

export interface AnswerColumn {
  header: string;
  slug: string;
  questionId: string;
}

export interface ExportColumns {
  /** Non-text answers: the national set's question ids first, as they are; other surveys' questions follow as
   * "<slug>.<id>", because their scales differ (a children's smiley "safe" is 1–4, the national "safe" 1–5). */
  answers: AnswerColumn[];
  /** Free-text question ids ("comment"), shared by every survey: redacted text only. */
  texts: string[];
}

/** Role questions (respondent type, age group) already have their own fixed columns. */
export function exportColumns(versions: UsedVersion[]): ExportColumns {
  const ordered = [...versions].sort(
    (a, b) =>
      Number(b.slug === NATIONAL_SLUG) - Number(a.slug === NATIONAL_SLUG) ||
      a.slug.localeCompare(b.slug) ||
      b.version - a.version,
  );
  const answers: AnswerColumn[] = [];
  const texts: string[] = [];
  for (const { slug, definition } of ordered) {
    for (const question of (definition as SurveyDefinition).questions) {
      if (question.type === 'free_text') {
        if (!texts.includes(question.id)) texts.push(question.id);
        continue;
      }
      if ('role' in question && question.role) continue;
      const header = slug === NATIONAL_SLUG ? question.id : `${slug}.${question.id}`;
      if (!answers.some((c) => c.header === header)) answers.push({ header, slug, questionId: question.id });
    }
  }
  return { answers, texts };
}

export type ExportRecord = ExportRow & { texts: Record<string, string> };

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String).join(';');
  return String(value);
}

export function csvCell(value: unknown): string {
  let text = cellText(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(columns: ExportColumns): string {
  return `\uFEFF${headerNames(columns).map(csvCell).join(',')}\r\n`;
}

/** Header names in column order (CSV and XLSX alike). */
export function headerNames(columns: ExportColumns): string[] {
  return [...FIXED_COLUMNS, ...columns.answers.map((c) => c.header), ...columns.texts];
}

/** One record's values in column order, before any encoding. */
export function recordCells(record: ExportRecord, columns: ExportColumns): unknown[] {
  return [
    record.id,
    record.submitted_at,
    record.local_date,
    record.unit_id,
    record.unit_oid,
    record.survey,
    record.survey_version,
    record.channel,
    record.language,
    record.respondent_type,
    record.age_group,
    ...columns.answers.map((c) => (c.slug === record.survey ? record.answers[c.questionId] : undefined)),
    ...columns.texts.map((id) => record.texts[id]),
  ];
}

export function csvLine(record: ExportRecord, columns: ExportColumns): string {
  return `${recordCells(record, columns).map(csvCell).join(',')}\r\n`;
}

export function jsonLine(record: ExportRecord): string {
  return `${JSON.stringify({
    response_id: record.id,
    submitted_at: record.submitted_at.toISOString(),
    local_date: record.local_date,
    unit_id: record.unit_id,
    unit_oid: record.unit_oid,
    survey: record.survey,
    survey_version: record.survey_version,
    channel: record.channel,
    language: record.language,
    respondent_type: record.respondent_type,
    age_group: record.age_group,
    answers: record.answers,
    texts: record.texts,
  })}\n`;
}
