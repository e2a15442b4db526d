// How a synthetic respondent answers. Each response has one satisfaction latent L (the unit's quality, a mild
// improving trend, small channel and language effects, and logistic noise); the recommendation score, statements
// and smileys are read off L through fixed thresholds, so they correlate as real answers do. At L's location 0 the
// recommendation distribution is 71 % promoters and 10 % detractors (NPS ≈ 61), shaped like published Finnish
// results; the division's mix of units brings the overall figure to about 60.
import type { Channel } from '../../../shared/channels.ts';
import type { Language } from '../../../shared/languages.ts';
import type { Random } from './demo.random.ts';

/** Shares of scores 0..10 at L = 0. */
const RECOMMENDATION_SHARES = [0.012, 0.005, 0.007, 0.01, 0.012, 0.026, 0.028, 0.06, 0.13, 0.21, 0.5];
/** Shares of 1..5 on a statement and 1..4 on a smiley at L = 0. */
const STATEMENT_SHARES = [0.03, 0.045, 0.09, 0.26, 0.575];
const SMILEY_SHARES = [0.035, 0.075, 0.26, 0.63];

/** Statement themes differ: waiting and shared decisions score lower than respect and safety everywhere. */
const STATEMENT_OFFSET: Record<string, number> = {
  smooth: -0.15,
  timely: -0.45,
  respect: 0.35,
  together: -0.3,
  safe: 0.45,
  understandable: 0.1,
  useful: 0.15,
};
const CANT_SAY: Record<string, number> = { together: 0.09, timely: 0.03, safe: 0.04 };

const CHANNEL_EFFECT: Partial<Record<Channel, number>> = {
  kiosk: -0.25,
  sms: -0.1,
  paper: 0.25,
  oral: 0.3,
  home_care: 0.15,
};
const LANGUAGE_EFFECT: Record<Language, number> = { fi: 0, sv: -0.1, en: -0.2 };
/** Over the year the latent improves by this much: a visible, mild upward trend. */
const TREND = 0.3;
/** Shifts the whole division so that its overall NPS lands near 60. */
const DIVISION_OFFSET = -0.05;

const logit = (p: number) => Math.log(p / (1 - p));

function thresholds(shares: number[], scale: number): number[] {
  let cumulative = 0;
  return shares.slice(0, -1).map((share) => {
    cumulative += share;
    return scale * logit(cumulative);
  });
}

const RECOMMENDATION_CUTS = thresholds(RECOMMENDATION_SHARES, 1);
// Statement and smiley latents add normal noise to L; their thresholds are set on that wider spread
// (logistic variance π²/3 plus the extra noise) so the shares above hold at L = 0.
const STATEMENT_NOISE = 0.7;
const SMILEY_NOISE = 0.6;
const STATEMENT_CUTS = thresholds(STATEMENT_SHARES, Math.sqrt(1 + (3 * STATEMENT_NOISE ** 2) / Math.PI ** 2));
const SMILEY_CUTS = thresholds(SMILEY_SHARES, Math.sqrt(1 + (3 * SMILEY_NOISE ** 2) / Math.PI ** 2));

function category(value: number, cuts: number[]): number {
  let k = 0;
  while (k < cuts.length && value > (cuts[k] as number)) k++;
  return k;
}

function logistic(random: Random): number {
  const u = Math.min(Math.max(random.next(), 1e-9), 1 - 1e-9);
  return Math.log(u / (1 - u));
}

export interface LatentInput {
  quality: number;
  /** 0 oldest day of the demo year, 1 newest. */
  position: number;
  channel: Channel;
  language: Language;
  relative: boolean;
}

export function satisfactionLatent(input: LatentInput, random: Random): number {
  return (
    input.quality +
    DIVISION_OFFSET +
    TREND * (input.position - 0.5) +
    (CHANNEL_EFFECT[input.channel] ?? 0) +
    LANGUAGE_EFFECT[input.language] +
    (input.relative ? -0.15 : 0) +
    logistic(random)
  );
}

/** 0..10. */
export function recommendationScore(latent: number): number {
  return category(latent, RECOMMENDATION_CUTS);
}

/** 1..5 or 'cant_say'. */
export function statementAnswer(questionId: string, latent: number, random: Random): number | 'cant_say' {
  if (random.chance(CANT_SAY[questionId] ?? 0.02)) return 'cant_say';
  const value = latent + (STATEMENT_OFFSET[questionId] ?? 0) + STATEMENT_NOISE * random.normal();
  return 1 + category(value, STATEMENT_CUTS);
}

/** 1..4 (no neutral face). */
export function smileyAnswer(latent: number, random: Random): number {
  return 1 + category(latent + SMILEY_NOISE * random.normal(), SMILEY_CUTS);
}
