import { cleanText } from '../../../shared/answers.ts';
import type { ContactRequest } from './index.ts';

// "Contact me" details: optional, each field optional, empty fields ignored. Checked loosely (people write
// phone numbers in many ways) but strictly enough that a reply can be attempted.

export type ContactField = keyof ContactRequest;
export type ContactProblemCode = 'invalid_type' | 'too_long' | 'invalid_email' | 'invalid_phone';

export interface ContactProblem {
  field: ContactField;
  code: ContactProblemCode;
}

const LIMITS: Record<ContactField, number> = { name: 200, email: 254, phone: 40 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/u;
const PHONE = /^\+?[\d\s()/-]+$/;

function problemOf(field: ContactField, value: string): ContactProblemCode | undefined {
  if (value.length > LIMITS[field]) return 'too_long';
  if (field === 'email' && !EMAIL.test(value)) return 'invalid_email';
  if (field === 'phone') {
    const digits = value.replace(/\D/g, '').length;
    if (!PHONE.test(value) || digits < 5 || digits > 15) return 'invalid_phone';
  }
  return undefined;
}

/** The cleaned contact (null when nothing was given) and what is wrong with it. */
export function checkContact(contact: unknown): {
  contact: ContactRequest | null;
  problems: ContactProblem[];
} {
  if (contact === undefined || contact === null) return { contact: null, problems: [] };
  const cleaned: ContactRequest = {};
  const problems: ContactProblem[] = [];
  if (typeof contact !== 'object' || Array.isArray(contact)) {
    return { contact: null, problems: [{ field: 'name', code: 'invalid_type' }] };
  }
  const record = contact as Record<string, unknown>;
  for (const field of Object.keys(LIMITS) as ContactField[]) {
    const raw = record[field];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') {
      problems.push({ field, code: 'invalid_type' });
      continue;
    }
    const value = cleanText(raw);
    if (value === '') continue;
    const code = problemOf(field, value);
    if (code) problems.push({ field, code });
    else cleaned[field] = value;
  }
  return { contact: problems.length === 0 && Object.keys(cleaned).length > 0 ? cleaned : null, problems };
}
