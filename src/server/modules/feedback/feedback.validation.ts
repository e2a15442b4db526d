import { cleanText } from '../../../shared/answers.ts';
import { isLanguage } from '../../../shared/languages.ts';
import {
  ATTACHMENT_MAX_COUNT,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  FEEDBACK_TYPES,
} from './feedback.constants.ts';
import type { FeedbackContact, FeedbackInput, FeedbackType } from './index.ts';

// Checks one submission field by field and returns every problem at once, so the form can show them all next to
// their fields. Pure: the unit's existence and the images' bytes are checked by the service.

export interface Problem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface CheckedFeedback {
  type: FeedbackType;
  unitId: string | null;
  description: string;
  title: string | null;
  wantsReply: boolean;
  contact: FeedbackContact | null;
  lat: number | null;
  long: number | null;
  address: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/u;
const PHONE = /^\+?[\d\s()/-]+$/;
const CONTACT_LIMITS: Record<keyof FeedbackContact, number> = { name: 200, email: 254, phone: 40 };
export const TITLE_MAX = 200;
export const ADDRESS_MAX = 300;

function optionalText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = cleanText(value);
  return cleaned === '' ? null : cleaned;
}

function checkContact(contact: FeedbackContact | null | undefined, problems: Problem[]) {
  if (!contact) return null;
  const cleaned: FeedbackContact = {};
  for (const field of Object.keys(CONTACT_LIMITS) as (keyof FeedbackContact)[]) {
    const value = optionalText(contact[field]);
    if (value === null) continue;
    const at = `contact.${field}`;
    if (value.length > CONTACT_LIMITS[field])
      problems.push({ field: at, code: 'too_long', params: { max: CONTACT_LIMITS[field] } });
    else if (field === 'email' && !EMAIL.test(value)) problems.push({ field: at, code: 'invalid_email' });
    else if (field === 'phone' && !validPhone(value)) problems.push({ field: at, code: 'invalid_phone' });
    else cleaned[field] = value;
  }
  return Object.keys(cleaned).length > 0 ? cleaned : null;
}

function validPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 5 && digits <= 15;
}

function checkDescription(raw: unknown, problems: Problem[]): string {
  const description = typeof raw === 'string' ? cleanText(raw) : '';
  // Characters as people count them (code points), the same way the form's counter does.
  const length = [...description].length;
  if (length === 0) problems.push({ field: 'description', code: 'required' });
  else if (length < DESCRIPTION_MIN)
    problems.push({ field: 'description', code: 'too_short', params: { min: DESCRIPTION_MIN } });
  else if (length > DESCRIPTION_MAX)
    problems.push({ field: 'description', code: 'too_long', params: { max: DESCRIPTION_MAX } });
  return description;
}

function checkLocation(
  input: FeedbackInput,
  problems: Problem[],
): { lat: number | null; long: number | null } {
  const lat = input.lat ?? null;
  const long = input.long ?? null;
  if (lat === null && long === null) return { lat, long };
  const ok =
    typeof lat === 'number' &&
    typeof long === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(long) &&
    Math.abs(lat) <= 90 &&
    Math.abs(long) <= 180;
  if (!ok) {
    problems.push({ field: 'lat', code: 'invalid_location' });
    return { lat: null, long: null };
  }
  return { lat, long };
}

function checkLength(value: string | null, field: string, max: number, problems: Problem[]) {
  if (value !== null && [...value].length > max) problems.push({ field, code: 'too_long', params: { max } });
}

/** Everything wrong with the submission (empty when it can be stored) and its cleaned values. */
export function checkFeedback(input: FeedbackInput): { value: CheckedFeedback; problems: Problem[] } {
  const problems: Problem[] = [];
  if (typeof input.submissionId !== 'string' || !UUID.test(input.submissionId))
    problems.push({ field: 'submissionId', code: 'invalid' });
  const type = input.type;
  if (!(FEEDBACK_TYPES as readonly unknown[]).includes(type))
    problems.push({ field: 'type', code: type ? 'invalid' : 'required' });
  if (!isLanguage(input.language)) problems.push({ field: 'language', code: 'invalid' });
  const description = checkDescription(input.description, problems);
  const title = optionalText(input.title);
  checkLength(title, 'title', TITLE_MAX, problems);
  const address = optionalText(input.address);
  checkLength(address, 'address', ADDRESS_MAX, problems);
  const contact = checkContact(input.contact, problems);
  const wantsReply = input.wantsReply === true;
  const contactProblem = problems.some((p) => p.field.startsWith('contact.'));
  if (wantsReply && !contactProblem && !contact?.email && !contact?.phone)
    problems.push({ field: 'wantsReply', code: 'contact_needed' });
  if ((input.attachments?.length ?? 0) > ATTACHMENT_MAX_COUNT)
    problems.push({ field: 'attachments', code: 'too_many', params: { max: ATTACHMENT_MAX_COUNT } });
  const unitId = optionalText(input.unitId);
  return {
    value: {
      type,
      unitId,
      description,
      title,
      wantsReply,
      contact,
      address,
      ...checkLocation(input, problems),
    },
    problems,
  };
}
