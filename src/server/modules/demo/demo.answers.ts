// How one synthetic respondent fills in a survey version: which questions they answer (a kiosk asks one, a bare
// SMS reply is only a number), what they answer (read off one satisfaction latent, see demo.model.ts), who they
// are (respondent type, age group), and whether they write a comment. Generic over the survey definition, so an
// edited national set or the children's smileys work the same.
import type { Channel } from '../../../shared/channels.ts';
import type { Language } from '../../../shared/languages.ts';
import type { Question, SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { DemoDay } from './demo.calendar.ts';
import { writeComment } from './demo.comments.ts';
import { recommendationScore, satisfactionLatent, smileyAnswer, statementAnswer } from './demo.model.ts';
import type { ResponseTarget } from './demo.organisation.ts';
import type { Random } from './demo.random.ts';
import type { CommentTone } from './data/comments.ts';
import { OLDER_RESPONDENT_WEIGHTS, RESPONDENT_WEIGHTS, toMix, type Mix } from './data/mixes.ts';
import type { ServiceSpec } from './data/services.ts';

const RESPONDENTS = toMix(RESPONDENT_WEIGHTS);
const OLDER_RESPONDENTS = toMix(OLDER_RESPONDENT_WEIGHTS);

function respondentMix(service: ServiceSpec): Mix<string> {
  return service.ageCentre >= 0.9 ? OLDER_RESPONDENTS : RESPONDENTS;
}

/** Age options are ordered youngest first; weights peak at the service's age centre. */
function ageMix(question: Question, service: ServiceSpec, channel: Channel): Mix<string> {
  if (!('options' in question)) return [];
  const n = question.options.length;
  return question.options.map((option, i) => {
    const x = n > 1 ? i / (n - 1) : 0;
    // SMS surveys go to adults only.
    const weight = channel === 'sms' && i === 0 ? 0 : 0.03 + Math.exp(-((x - service.ageCentre) ** 2) / 0.18);
    return [option.id, weight] as const;
  });
}

function toneOf(recommendation: number | null, latent: number, child: boolean): CommentTone {
  if (child) return 'child';
  const score = recommendation ?? (latent > 0 ? 9 : 5);
  if (score >= 9) return 'praise';
  if (score >= 7) return 'mixed';
  return 'complaint';
}

function commentChance(tone: CommentTone, quick: boolean): number {
  const base = tone === 'complaint' ? 0.3 : tone === 'mixed' ? 0.17 : tone === 'child' ? 0.1 : 0.1;
  return quick ? base * 0.6 : base;
}

export interface Respondent {
  target: ResponseTarget;
  day: DemoDay;
  channel: Channel;
  language: Language;
  child: boolean;
}

export function answerQuestions(
  definition: SurveyDefinition,
  who: Respondent,
  random: Random,
): Record<string, unknown> {
  const { channel, language, target } = who;
  // A kiosk asks one question; a third of SMS replies are a bare 0–10 number.
  const quick = channel === 'kiosk' || (channel === 'sms' && random.chance(0.3));
  const mainId = definition.questions.find((q) => q.type === 'recommendation' || q.type === 'smiley')?.id;
  const respondentQuestion = definition.questions.find(
    (q) => q.type === 'single_choice' && q.role === 'respondent_type',
  );
  const respondent =
    respondentQuestion && random.chance(0.95) ? random.weighted(respondentMix(target.service)) : null;
  const latent = satisfactionLatent(
    {
      quality: target.quality,
      position: who.day.position,
      channel,
      language,
      relative: respondent === 'relative',
    },
    random,
  );
  const answers: Record<string, unknown> = {};
  let recommendation: number | null = null;
  for (const question of definition.questions) {
    if (quick && question.id !== mainId && question.type !== 'free_text' && !question.required) continue;
    const must = question.required === true || question.id === mainId;
    switch (question.type) {
      case 'recommendation':
        answers[question.id] = recommendation = recommendationScore(latent);
        break;
      case 'statement':
        if (must || random.chance(0.97)) {
          const value = statementAnswer(question.id, latent, random);
          answers[question.id] = value === 'cant_say' && !question.allowCantSay ? 3 : value;
        }
        break;
      case 'smiley':
        if (must || random.chance(0.97)) answers[question.id] = smileyAnswer(latent, random);
        break;
      case 'single_choice':
        if (question.role === 'respondent_type') {
          if (respondent && question.options.some((o) => o.id === respondent))
            answers[question.id] = respondent;
        } else if (question.role === 'age_group') {
          if (random.chance(0.93))
            answers[question.id] = random.weighted(ageMix(question, target.service, channel));
        } else if (question.required || random.chance(0.8)) {
          answers[question.id] = random.pick(question.options).id;
        }
        break;
      case 'multiple_choice':
        if (question.required || random.chance(0.6))
          answers[question.id] = [random.pick(question.options).id];
        break;
      case 'free_text': {
        const tone = toneOf(recommendation, latent, who.child);
        if (random.chance(commentChance(tone, quick))) {
          const text = writeComment(random, language, tone, random.chance(0.03));
          answers[question.id] = text.slice(0, question.maxLength);
        }
        break;
      }
    }
  }
  return answers;
}
