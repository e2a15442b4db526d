import { ValidationError } from '../../errors.ts';
import { isChannel } from '../../../shared/channels.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { SubmissionInput } from './index.ts';

// Step 1 of the pipeline: the parts of a submission that can be checked without the database. The HTTP schema
// checks shapes too, but kiosks, SMS and staff entry call the service directly, so the service checks again.

export const MAX_FUTURE_MS = 5 * 60 * 1000;
// Kiosks keep working offline and SMS answers arrive days later; anything older than this is not a live answer.
export const MAX_AGE_MS = 400 * 24 * 60 * 60 * 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
// The same shapes the database accepts (org_units.id, surveys.slug): anything else cannot exist, so it is a 404
// without a query, and odd bytes (NUL) never reach PostgreSQL.
export const UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const SURVEY_REF =
  /^(?:[a-z0-9][a-z0-9-]{1,62}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function reject(code: string, params: Record<string, string | number> = {}): ValidationError {
  return new ValidationError(code, `intake.${code}`, params);
}

/** Checks the envelope and returns when the answer was given (submittedAt, or receipt time). */
export function checkEnvelope(input: SubmissionInput, receivedAt: Date): Date {
  if (typeof input.submissionId !== 'string' || !UUID.test(input.submissionId))
    throw reject('invalid_submission_id');
  if (!isChannel(input.channel)) throw reject('unknown_channel');
  if (typeof input.answers !== 'object' || input.answers === null || Array.isArray(input.answers))
    throw reject('invalid_answers_shape');
  if (input.flag !== undefined && input.flag !== 'repeat') throw reject('invalid_flag');
  if (input.submittedAt === undefined) return receivedAt;
  const time = typeof input.submittedAt === 'string' ? Date.parse(input.submittedAt) : Number.NaN;
  if (!ISO_TIMESTAMP.test(String(input.submittedAt)) || Number.isNaN(time))
    throw reject('invalid_submitted_at');
  if (time > receivedAt.getTime() + MAX_FUTURE_MS) throw reject('submitted_at_in_future');
  if (time < receivedAt.getTime() - MAX_AGE_MS) throw reject('submitted_at_too_old');
  return new Date(time);
}

/** The languages a survey version can be answered in: every language its title is written in. */
export function surveyLanguages(definition: SurveyDefinition): string[] {
  return Object.keys(definition.title);
}

export function checkLanguage(definition: SurveyDefinition, language: string): void {
  if (typeof language !== 'string' || !surveyLanguages(definition).includes(language))
    throw reject('unsupported_language', { languages: surveyLanguages(definition).join(', ') });
}
