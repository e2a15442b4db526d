import { ValidationError } from '../../errors.ts';
import { normalisePhone } from './phone.ts';

// A visit event as the three ways in (JSON, CSV, FHIR) deliver it, and its checked form.

export interface VisitEventInput {
  eventId: string;
  /** Missing when the client has no mobile number: recorded as not eligible. */
  phone?: string | null;
  /** ISO 8601 with a time zone: when the visit ended. */
  visitTime: string;
  visitType?: string | null;
  /** A unit id or its OID. */
  unit: string;
  language?: string | null;
  age?: number | null;
  consent?: boolean | null;
  nonDisclosure?: boolean | null;
}

export interface VisitEvent {
  eventId: string;
  phone: string | undefined;
  visitAt: Date;
  visitType: string | null;
  unitRef: string;
  /** fi or sv when the client's language is one of them, else en. */
  language: 'fi' | 'sv' | 'en';
  age: number | null;
  consent: boolean;
  nonDisclosure: boolean;
}

/** One problem with one event: index (JSON, FHIR entry) or line (CSV) says which. */
export interface EventProblem {
  index?: number;
  line?: number;
  field: string;
  code: string;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const EVENT_ID = /^[A-Za-z0-9._:/|#-]{1,200}$/;

export function clientLanguage(raw: string | null | undefined): 'fi' | 'sv' | 'en' {
  const primary = (raw ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fi' || primary === 'sv' ? primary : 'en';
}

/** Checks one event; returns the problems found (empty when it is fine) and the checked event. */
export function checkVisitEvent(
  input: VisitEventInput,
):
  | { event: VisitEvent; problems: [] }
  | { event: undefined; problems: Omit<EventProblem, 'index' | 'line'>[] } {
  const problems: Omit<EventProblem, 'index' | 'line'>[] = [];
  if (typeof input.eventId !== 'string' || !EVENT_ID.test(input.eventId))
    problems.push({ field: 'eventId', code: 'invalid_event_id' });
  const time = typeof input.visitTime === 'string' ? Date.parse(input.visitTime) : Number.NaN;
  if (!ISO_TIMESTAMP.test(String(input.visitTime)) || Number.isNaN(time))
    problems.push({ field: 'visitTime', code: 'invalid_visit_time' });
  let phone: string | undefined;
  if (input.phone !== undefined && input.phone !== null && input.phone.trim() !== '') {
    phone = normalisePhone(input.phone);
    if (!phone) problems.push({ field: 'phone', code: 'invalid_phone' });
  }
  if (typeof input.unit !== 'string' || input.unit.trim() === '' || input.unit.length > 200)
    problems.push({ field: 'unit', code: 'invalid_unit' });
  if (
    input.age !== undefined &&
    input.age !== null &&
    (!Number.isInteger(input.age) || input.age < 0 || input.age > 130)
  )
    problems.push({ field: 'age', code: 'invalid_age' });
  if (problems.length > 0) return { event: undefined, problems };
  return {
    event: {
      eventId: input.eventId,
      phone,
      visitAt: new Date(time),
      visitType: input.visitType?.trim().toLowerCase() || null,
      unitRef: input.unit.trim().replace(/^urn:oid:/i, ''),
      language: clientLanguage(input.language),
      age: input.age ?? null,
      consent: input.consent === true,
      nonDisclosure: input.nonDisclosure === true,
    },
    problems: [],
  };
}

/** Checks a whole batch; any problem rejects the batch (nothing is written). */
export function checkVisitEvents(
  inputs: readonly VisitEventInput[],
  where: (i: number) => { index?: number; line?: number } = (index) => ({ index }),
): VisitEvent[] {
  const events: VisitEvent[] = [];
  const problems: EventProblem[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const checked = checkVisitEvent(input);
    if (checked.event) {
      if (seen.has(checked.event.eventId))
        problems.push({ ...where(i), field: 'eventId', code: 'duplicate_event_id' });
      seen.add(checked.event.eventId);
      events.push(checked.event);
    } else problems.push(...checked.problems.map((p) => ({ ...where(i), ...p })));
  });
  if (problems.length > 0)
    throw new ValidationError(
      'invalid_visit_events',
      'sms.invalid_visit_events',
      { count: problems.length },
      problems,
    );
  return events;
}
