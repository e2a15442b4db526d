import type { SmsSettings } from './sms.settings.ts';
import type { VisitEvent } from './visit-event.ts';
import { sendTimeFor } from './send-window.ts';

// The eligibility rules of issue 5, one reason each, checked in this order. Pure: the service gathers the facts
// for a whole batch in a few queries and then decides every event here.

export type IneligibleReason =
  | 'unit_unknown'
  | 'not_enabled'
  | 'non_disclosure'
  | 'no_consent'
  | 'age_unknown'
  | 'under_age'
  | 'no_phone'
  | 'opted_out'
  | 'follow_up'
  | 'recently_surveyed'
  | 'visit_too_old'
  | 'survey_not_published';

export interface EligibilityFacts {
  optedOut: boolean;
  /** The latest earlier visit of the same person at the same unit. */
  lastVisitAtUnit: Date | undefined;
  /** The latest survey invitation made to the same person. */
  lastSurveyAt: Date | undefined;
  surveyPublished: boolean;
}

export type Decision =
  | { eligible: true; language: 'fi' | 'sv' | 'en'; sendAfter: Date }
  | { eligible: false; reason: IneligibleReason };

const DAY_MS = 24 * 60 * 60 * 1000;
/** A visit reported this late no longer gets a survey: the client would not connect it with the visit. */
export const MAX_VISIT_AGE_DAYS = 7;
const FOLLOW_UP_TYPES = new Set(['follow-up', 'follow_up', 'followup']);

export function decide(
  event: VisitEvent,
  settings: SmsSettings,
  facts: EligibilityFacts,
  now: Date,
): Decision {
  const no = (reason: IneligibleReason): Decision => ({ eligible: false, reason });
  if (!settings.enabled) return no('not_enabled');
  if (event.nonDisclosure) return no('non_disclosure');
  if (settings.requireConsent && !event.consent) return no('no_consent');
  if (event.age === null) return no('age_unknown');
  if (event.age < settings.minAge) return no('under_age');
  if (!event.phone) return no('no_phone');
  if (facts.optedOut) return no('opted_out');
  if (event.visitType !== null && FOLLOW_UP_TYPES.has(event.visitType)) return no('follow_up');
  if (
    facts.lastVisitAtUnit &&
    event.visitAt.getTime() - facts.lastVisitAtUnit.getTime() <= settings.followUpDays * DAY_MS
  )
    return no('follow_up');
  if (facts.lastSurveyAt && now.getTime() - facts.lastSurveyAt.getTime() < settings.perPersonDays * DAY_MS)
    return no('recently_surveyed');
  if (now.getTime() - event.visitAt.getTime() > MAX_VISIT_AGE_DAYS * DAY_MS) return no('visit_too_old');
  if (!facts.surveyPublished) return no('survey_not_published');
  return {
    eligible: true,
    language: event.language,
    sendAfter: sendTimeFor(event.visitAt, now, {
      startHour: settings.windowStartHour,
      endHour: settings.windowEndHour,
    }),
  };
}
