import type { AnswerValue, Question, SurveyDefinition } from '../../shared/survey-definition.ts';

// The survey form's wire format (application/x-www-form-urlencoded, works without JavaScript) and its parsing
// back into typed answers. The renderer and the parser share these names so they cannot drift apart.
export const FIELD = {
  submissionId: 'submission_id',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
} as const;

export const answerField = (questionId: string): string => `q_${questionId}`;

export type FormBody = Record<string, unknown>;

export interface FormValues {
  answers: Record<string, string | string[]>;
  contact: { name: string; email: string; phone: string };
}

export type FieldErrorCode =
  | 'required'
  | 'invalid'
  | 'too_long'
  | 'too_many'
  | 'no_answers'
  | 'email_invalid'
  | 'phone_invalid'
  | 'contact_incomplete'
  | 'rejected';

/** field: a question id, 'contact_name' | 'contact_email' | 'contact_phone', or 'form' for the whole form. */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  params?: Record<string, number>;
  /** A ready message (from intake, in the page's language) that replaces the code's own. */
  message?: string;
}

export interface ContactInput {
  name?: string;
  email?: string;
  phone?: string;
}

export interface ParsedForm {
  submissionId: string | undefined;
  values: FormValues;
  answers: Record<string, AnswerValue>;
  contact: ContactInput | undefined;
  errors: FieldError[];
}

export const EMPTY_VALUES: FormValues = { answers: {}, contact: { name: '', email: '', phone: '' } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,24}$/;
const CONTACT_MAX = 200;

function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  return undefined;
}

function many(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function scaleValue(raw: string, min: number, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

type Parsed = { value?: AnswerValue; error?: Omit<FieldError, 'field'>; kept: string | string[] };

function parseQuestion(question: Question, raw: unknown): Parsed {
  if (question.type === 'multiple_choice') {
    const ids = [...new Set(many(raw))];
    if (ids.length === 0) return { kept: [] };
    const known = new Set(question.options.map((o) => o.id));
    if (!ids.every((id) => known.has(id))) return { error: { code: 'invalid' }, kept: ids };
    if (question.maxSelections && ids.length > question.maxSelections)
      return { error: { code: 'too_many', params: { max: question.maxSelections } }, kept: ids };
    return { value: ids, kept: ids };
  }
  const text = single(raw);
  if (text === undefined) {
    return raw === undefined ? { kept: '' } : { error: { code: 'invalid' }, kept: '' };
  }
  if (question.type === 'free_text') {
    // Browsers send textarea line breaks as CRLF but count them as one character against maxlength.
    const normalised = text.replace(/\r\n?/g, '\n');
    const trimmed = normalised.trim();
    if (trimmed === '') return { kept: '' };
    if (normalised.length > question.maxLength)
      return { error: { code: 'too_long', params: { max: question.maxLength } }, kept: normalised };
    return { value: trimmed, kept: normalised };
  }
  if (text === '') return { kept: '' };
  let value: AnswerValue | undefined;
  if (question.type === 'recommendation') value = scaleValue(text, 0, 10);
  else if (question.type === 'statement')
    value = text === 'cant_say' && question.allowCantSay ? 'cant_say' : scaleValue(text, 1, 5);
  else if (question.type === 'smiley') value = scaleValue(text, 1, 4);
  else value = question.options.some((o) => o.id === text) ? text : undefined;
  return value === undefined ? { error: { code: 'invalid' }, kept: '' } : { value, kept: text };
}

function parseContact(body: FormBody, errors: FieldError[]): FormValues['contact'] {
  const read = (name: string) => (single(body[name]) ?? '').trim().slice(0, CONTACT_MAX * 2);
  const contact = {
    name: read(FIELD.contactName),
    email: read(FIELD.contactEmail),
    phone: read(FIELD.contactPhone),
  };
  if (contact.name.length > CONTACT_MAX)
    errors.push({ field: FIELD.contactName, code: 'too_long', params: { max: CONTACT_MAX } });
  if (contact.email && (contact.email.length > CONTACT_MAX || !EMAIL.test(contact.email)))
    errors.push({ field: FIELD.contactEmail, code: 'email_invalid' });
  if (contact.phone && !PHONE.test(contact.phone))
    errors.push({ field: FIELD.contactPhone, code: 'phone_invalid' });
  // A name alone cannot be answered: ask for a way to reach the person.
  if (contact.name && !contact.email && !contact.phone)
    errors.push({ field: FIELD.contactEmail, code: 'contact_incomplete' });
  return contact;
}

export function parseAnswerForm(definition: SurveyDefinition, body: FormBody): ParsedForm {
  const errors: FieldError[] = [];
  const values: FormValues = { answers: {}, contact: EMPTY_VALUES.contact };
  const answers: Record<string, AnswerValue> = {};
  for (const question of definition.questions) {
    const parsed = parseQuestion(question, body[answerField(question.id)]);
    values.answers[question.id] = parsed.kept;
    if (parsed.error) errors.push({ field: question.id, ...parsed.error });
    else if (parsed.value !== undefined) answers[question.id] = parsed.value;
    else if (question.required) errors.push({ field: question.id, code: 'required' });
  }
  values.contact = parseContact(body, errors);
  if (Object.keys(answers).length === 0 && errors.length === 0)
    errors.push({ field: 'form', code: 'no_answers' });
  const rawId = single(body[FIELD.submissionId]);
  const { name, email, phone } = values.contact;
  return {
    submissionId: rawId && UUID.test(rawId) ? rawId.toLowerCase() : undefined,
    values,
    answers,
    contact:
      name || email || phone
        ? { ...(name && { name }), ...(email && { email }), ...(phone && { phone }) }
        : undefined,
    errors,
  };
}
