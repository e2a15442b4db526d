import { describe, expect, test } from 'vitest';
import { decide, type EligibilityFacts } from './eligibility.policy.ts';
import { DEFAULT_SMS_SETTINGS, mergeSettings } from './sms.settings.ts';
import type { VisitEvent } from './visit-event.ts';

const now = new Date('2026-03-10T15:00:00Z');
const event = (overrides: Partial<VisitEvent> = {}): VisitEvent => ({
  eventId: 'e1',
  phone: '+358401234567',
  visitAt: new Date('2026-03-10T09:00:00Z'),
  visitType: 'appointment',
  unitRef: 'kallio',
  language: 'fi',
  age: 40,
  consent: true,
  nonDisclosure: false,
  ...overrides,
});
const facts = (overrides: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  optedOut: false,
  lastVisitAtUnit: undefined,
  lastSurveyAt: undefined,
  surveyPublished: true,
  ...overrides,
});
const reason = (e: VisitEvent, f = facts(), settings = DEFAULT_SMS_SETTINGS) => {
  const d = decide(e, settings, f, now);
  return d.eligible ? 'eligible' : d.reason;
};

describe('eligibility rules', () => {
  test('an adult with consent is invited for 12:00 Finnish time the next day', () => {
    expect(decide(event(), DEFAULT_SMS_SETTINGS, facts(), now)).toEqual({
      eligible: true,
      language: 'fi',
      sendAfter: new Date('2026-03-11T10:00:00Z'),
    });
  });
  test('adults only: 17 is too young by default, and a service may lower the limit', () => {
    expect(reason(event({ age: 17 }))).toBe('under_age');
    expect(reason(event({ age: 17 }), facts(), mergeSettings([{ minAge: 15 }]))).toBe('eligible');
    expect(reason(event({ age: null }))).toBe('age_unknown');
  });
  test('consent is required unless the organisation turns the requirement off', () => {
    expect(reason(event({ consent: false }))).toBe('no_consent');
    expect(reason(event({ consent: false }), facts(), mergeSettings([{ requireConsent: false }]))).toBe(
      'eligible',
    );
  });
  test('never to a person with a non-disclosure order, whatever the settings', () => {
    const lenient = mergeSettings([{ requireConsent: false, minAge: 0 }]);
    expect(reason(event({ nonDisclosure: true }), facts(), lenient)).toBe('non_disclosure');
  });
  test('a follow-up visit within 30 days of an earlier visit at the unit gets nothing; after 30 days it does', () => {
    expect(reason(event(), facts({ lastVisitAtUnit: new Date('2026-02-20T09:00:00Z') }))).toBe('follow_up');
    expect(reason(event(), facts({ lastVisitAtUnit: new Date('2026-02-01T09:00:00Z') }))).toBe('eligible');
    expect(reason(event({ visitType: 'follow-up' }))).toBe('follow_up');
  });
  test('at most one survey per person per 30 days', () => {
    expect(reason(event(), facts({ lastSurveyAt: new Date('2026-02-15T10:00:00Z') }))).toBe(
      'recently_surveyed',
    );
    expect(reason(event(), facts({ lastSurveyAt: new Date('2026-02-05T10:00:00Z') }))).toBe('eligible');
  });
  test('an opted-out number and a visit without a number get nothing', () => {
    expect(reason(event(), facts({ optedOut: true }))).toBe('opted_out');
    expect(reason(event({ phone: undefined }))).toBe('no_phone');
  });
  test('quiet hours follow the configured window', () => {
    const d = decide(event(), mergeSettings([{ windowStartHour: 9, windowEndHour: 11 }]), facts(), now);
    expect(d).toMatchObject({ eligible: true, sendAfter: new Date('2026-03-11T07:00:00Z') });
  });
  test('the survey must be published for SMS at the unit, and SMS surveys can be switched off', () => {
    expect(reason(event(), facts({ surveyPublished: false }))).toBe('survey_not_published');
    expect(reason(event(), facts(), mergeSettings([{ enabled: false }]))).toBe('not_enabled');
  });
  test('a visit reported more than a week late gets nothing', () => {
    expect(reason(event({ visitAt: new Date('2026-03-01T09:00:00Z') }))).toBe('visit_too_old');
  });
  test('narrower settings override wider ones field by field', () => {
    const merged = mergeSettings([
      { minAge: 16, mode: 'reply' },
      { minAge: 20, mode: null },
    ]);
    expect(merged).toMatchObject({ minAge: 20, mode: 'reply', windowStartHour: 12 });
  });
});
