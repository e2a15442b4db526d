import type { AnswerValue, Question, SurveyDefinition } from '../../../shared/survey-definition.ts';

// The data-entry form's wire format. A person entering a pile of paper forms types what the printed form shows:
// the ticked box's number. Scales take their number (0–10, 1–5, 1–4), "can't say" is 0, a choice question takes
// its option's number as printed (1, 2, 3…), several choices are numbers separated by spaces or commas, and an
// empty field means the question was left blank. The printed form (paper-form-page.ts) numbers boxes the same way.
export const ENTRY_FIELD = { submissionId: 'submission_id' } as const;
export const entryField = (questionId: string): string => `a_${questionId}`;

/** The printed code of "can't say" on a statement. */
export const CANT_SAY_CODE = '0';

export type EntryErrorCode = 'invalid' | 'too_long' | 'too_many' | 'required' | 'no_answers';

export interface EntryFieldError {
  /** A question id, or 'form'. */
  field: string;
  code: EntryErrorCode;
  params?: Record<string, number>;
}

export interface ParsedEntry {
  submissionId: string | undefined;
  /** What was typed, per question id, to show again next to an error. */
  values: Record<string, string>;
  answers: Record<string, AnswerValue>;
  errors: EntryFieldError[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The range of numbers a question accepts, for hints and the input's pattern; undefined for free text. */
export function codeRange(question: Question): { min: number; max: number } | undefined {
  switch (question.type) {
    case 'recommendation':
      return { min: 0, max: 10 };
    case 'statement':
      return { min: question.allowCantSay ? 0 : 1, max: 5 };
    case 'smiley':
      return { min: 1, max: 4 };
    case 'single_choice':
    case 'multiple_choice':
      return { min: 1, max: question.options.length };
    case 'free_text':
      return undefined;
  }
}

function number(raw: string, min: number, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

type Parsed = { value?: AnswerValue; error?: Omit<EntryFieldError, 'field'> };

function parseCodes(question: Extract<Question, { type: 'multiple_choice' }>, text: string): Parsed {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const picked = parts.map((p) => number(p, 1, question.options.length));
  if (picked.some((p) => p === undefined)) return { error: { code: 'invalid' } };
  const ids = [...new Set(picked as number[])].map((n) => question.options[n - 1]!.id);
  if (question.maxSelections && ids.length > question.maxSelections)
    return { error: { code: 'too_many', params: { max: question.maxSelections } } };
  return { value: ids };
}

function parseOne(question: Question, text: string): Parsed {
  if (question.type === 'free_text') {
    if (text.length > question.maxLength)
      return { error: { code: 'too_long', params: { max: question.maxLength } } };
    return { value: text };
  }
  if (question.type === 'multiple_choice') return parseCodes(question, text);
  const range = codeRange(question)!;
  const n = number(text, range.min, range.max);
  if (n === undefined) return { error: { code: 'invalid' } };
  switch (question.type) {
    case 'statement':
      return { value: n === 0 ? 'cant_say' : n };
    case 'single_choice':
      return { value: question.options[n - 1]!.id };
    default:
      return { value: n };
  }
}

function single(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

export function parseEntryForm(definition: SurveyDefinition, body: Record<string, unknown>): ParsedEntry {
  const values: Record<string, string> = {};
  const answers: Record<string, AnswerValue> = {};
  const errors: EntryFieldError[] = [];
  for (const question of definition.questions) {
    const raw = single(body[entryField(question.id)]).replace(/\r\n?/g, '\n');
    values[question.id] = raw;
    const text = raw.trim();
    if (text === '') {
      if (question.required) errors.push({ field: question.id, code: 'required' });
      continue;
    }
    const parsed = parseOne(question, text);
    if (parsed.error) errors.push({ field: question.id, ...parsed.error });
    else if (parsed.value !== undefined) answers[question.id] = parsed.value;
  }
  if (Object.keys(answers).length === 0 && errors.length === 0)
    errors.push({ field: 'form', code: 'no_answers' });
  const rawId = single(body[ENTRY_FIELD.submissionId]);
  return { submissionId: UUID.test(rawId) ? rawId.toLowerCase() : undefined, values, answers, errors };
}
