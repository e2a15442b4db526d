// Generates the demo's synthetic responses in time order: when (weekday-heavy, summer dip), where (busy health
// stations, quiet housing units), through which channel and language, who answered and what. Every response
// passes the same answer validation as intake and is stored in the same shape (shared/answers.ts); comments are
// redacted with the same function intake uses.
import { validateAnswers, deriveStoredAnswers, type StoredAnswer } from '../../../shared/answers.ts';
import type { Channel } from '../../../shared/channels.ts';
import type { Language } from '../../../shared/languages.ts';
import { redactText } from '../../../shared/redaction.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { demoYear, instantAt, type DemoDay } from './demo.calendar.ts';
import { answerQuestions, type Respondent } from './demo.answers.ts';
import type { ResponseTarget } from './demo.organisation.ts';
import type { Random } from './demo.random.ts';
import {
  CHANNEL_WEIGHTS,
  CHILD_CHANNEL_WEIGHTS,
  HOUR_WEIGHTS,
  IMMIGRANT_LANGUAGE_WEIGHTS,
  LANGUAGE_WEIGHTS,
  toMix,
  type Mix,
} from './data/mixes.ts';

export interface DemoSurvey {
  surveyId: string;
  versionId: string;
  definition: SurveyDefinition;
}

export interface DemoText {
  questionId: string;
  textRedacted: string;
  redactions: Record<string, number>;
  language: Language;
}

export interface DemoResponse {
  id: string;
  submissionId: string;
  surveyId: string;
  versionId: string;
  unitId: string;
  channel: Channel;
  language: Language;
  respondentType: string | null;
  ageGroup: string | null;
  recommendation: number | null;
  answers: Record<string, StoredAnswer>;
  submittedAt: Date;
  receivedAt: Date;
  localDate: string;
  texts: DemoText[];
}

export interface GenerateOptions {
  random: Random;
  targets: ResponseTarget[];
  national: DemoSurvey;
  /** The children's survey, answered at services with a childShare. */
  children?: DemoSurvey;
  count: number;
  now: Date;
}

const CHANNELS = Object.fromEntries(
  Object.entries(CHANNEL_WEIGHTS).map(([profile, weights]) => [profile, toMix(weights)]),
) as Record<keyof typeof CHANNEL_WEIGHTS, Mix<Channel>>;
const CHILD_CHANNELS = toMix(CHILD_CHANNEL_WEIGHTS);
const LANGUAGES = toMix(LANGUAGE_WEIGHTS);
const LANGUAGES_IMMIGRANT = toMix(IMMIGRANT_LANGUAGE_WEIGHTS);
const hours = (weights: number[]): Mix<number> => weights.map((w, hour) => [hour, w] as const);
const HOUR_MIX = {
  office: hours(HOUR_WEIGHTS.office),
  sms: hours(HOUR_WEIGHTS.sms),
  allDay: hours(HOUR_WEIGHTS.allDay),
};

/** Cumulative weights for fast weighted picks over many items (days, units). */
function cumulative(weights: number[]): (random: Random) => number {
  const sums: number[] = [];
  let total = 0;
  for (const w of weights) sums.push((total += w));
  return (random) => {
    const r = random.next() * total;
    let lo = 0;
    let hi = sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sums[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

function submittedInstant(who: Respondent, random: Random): Date {
  const profile = who.target.service.channelProfile;
  const mix =
    who.channel === 'sms'
      ? HOUR_MIX.sms
      : profile === 'ward' || profile === 'housing' || profile === 'home_care'
        ? HOUR_MIX.allDay
        : HOUR_MIX.office;
  return instantAt(who.day, random.weighted(mix) * 60 + random.int(0, 59), random.int(0, 59));
}

/** Paper and oral feedback is typed in by staff days later; a kiosk sometimes sends after being offline. */
function receivedInstant(channel: Channel, submitted: Date, now: Date, random: Random): Date {
  const minutes =
    channel === 'paper'
      ? random.int(60 * 24, 60 * 24 * 10)
      : channel === 'oral'
        ? random.int(10, 60 * 24 * 2)
        : channel === 'kiosk' && random.chance(0.03)
          ? random.int(60, 60 * 8)
          : random.next() / 3;
  return new Date(Math.min(submitted.getTime() + minutes * 60_000, now.getTime()));
}

export function* generateResponses(options: GenerateOptions): Generator<DemoResponse> {
  const { random, targets, national, children, count, now } = options;
  const days = demoYear(now);
  const pickDay = cumulative(days.map((d) => d.weight));
  const pickTarget = cumulative(targets.map((t) => t.weight));
  const dayIndices = Array.from({ length: count }, () => pickDay(random)).sort((a, b) => a - b);
  for (const dayIndex of dayIndices) {
    const target = targets[pickTarget(random)] as ResponseTarget;
    const day = days[dayIndex] as DemoDay;
    const child = children !== undefined && random.chance(target.service.childShare ?? 0);
    const survey = child && children ? children : national;
    const immigrant = target.service.key.startsWith('maahanmuutt');
    const who: Respondent = {
      target,
      day,
      child,
      channel: random.weighted(child ? CHILD_CHANNELS : CHANNELS[target.service.channelProfile ?? 'default']),
      language: random.weighted(immigrant ? LANGUAGES_IMMIGRANT : LANGUAGES),
    };
    const raw = answerQuestions(survey.definition, who, random);
    const problems = validateAnswers(survey.definition, raw);
    if (problems.length > 0) {
      throw new Error(`demo answers do not fit the survey: ${JSON.stringify(problems.slice(0, 3))}`);
    }
    const stored = deriveStoredAnswers(survey.definition, raw);
    const submittedAt = submittedInstant(who, random);
    yield {
      id: random.uuid(),
      submissionId: random.uuid(),
      surveyId: survey.surveyId,
      versionId: survey.versionId,
      unitId: target.unitId,
      channel: who.channel,
      language: who.language,
      respondentType: stored.respondentType,
      ageGroup: stored.ageGroup,
      recommendation: stored.recommendation,
      answers: stored.answers,
      submittedAt,
      receivedAt: receivedInstant(who.channel, submittedAt, now, random),
      localDate: day.date,
      texts: stored.texts.map(({ questionId, text }) => {
        const redacted = redactText(text);
        return {
          questionId,
          textRedacted: redacted.text,
          redactions: redacted.redactions as Record<string, number>,
          language: who.language,
        };
      }),
    };
  }
}
