import { readFileSync } from 'node:fs';
import { words } from './text/tokens.ts';
import type { BaseFormer } from './text/base-forms.ts';
import { stemEnglish, stemSwedish } from './text/stemmers.ts';

// Tone of a comment: positive, neutral, negative or mixed, with a score from -1 (negative) to +1 (positive).
// Two sources: a small lexicon of base forms with negation (a negator flips the next three words: "ei
// ystävällinen", "inte bra", "not helpful"), and a linear model trained on the seed phrases and staff
// corrections, which also catches tone carried by events ("takaisinsoittoa ei tullut"). FACTS.md: lexicon
// packages alone were right on 30–70 % of short feedback texts, so the lexicon here only decides when the
// model is unsure.

export const TONES = ['positive', 'neutral', 'negative', 'mixed'] as const;
export type Tone = (typeof TONES)[number];

export interface ToneResult {
  tone: Tone;
  score: number;
}

interface Lexicon {
  positive: Set<string>;
  negative: Set<string>;
  negators: Set<string>;
}

const raw = JSON.parse(readFileSync(new URL('./data/tone-lexicon.json', import.meta.url), 'utf8')) as {
  positive: string[];
  negative: string[];
  negators: string[];
};

// Entries are written as dictionary forms; the stemmed variants let Swedish and English inflections hit too.
function expand(list: string[]): Set<string> {
  return new Set(list.flatMap((w) => [w, stemEnglish(w), stemSwedish(w)]));
}

const LEXICON: Lexicon = {
  positive: expand(raw.positive),
  negative: expand(raw.negative),
  negators: new Set(raw.negators),
};

const NEGATION_SPAN = 3;

/** Counts of positive and negative words (after negation) in a text. */
export function lexiconPolarity(text: string, language: string | null, baseForm: BaseFormer) {
  let positive = 0;
  let negative = 0;
  let negatedFor = 0;
  for (const word of words(text)) {
    if (LEXICON.negators.has(word) || word.endsWith("n't")) {
      negatedFor = NEGATION_SPAN;
      continue;
    }
    const { base } = baseForm(word, language);
    const isPositive = LEXICON.positive.has(base) || LEXICON.positive.has(word);
    const isNegative = LEXICON.negative.has(base) || LEXICON.negative.has(word);
    const flip = negatedFor > 0;
    if (negatedFor > 0) negatedFor--;
    if (isPositive === isNegative) continue;
    if (isPositive !== flip) positive++;
    else negative++;
  }
  return { positive, negative };
}

/** Tone from lexicon counts alone. */
export function lexiconTone(counts: { positive: number; negative: number }): ToneResult {
  const { positive, negative } = counts;
  const score = (positive - negative) / (positive + negative + 1);
  if (positive === 0 && negative === 0) return { tone: 'neutral', score: 0 };
  if (positive > 0 && negative > 0 && Math.min(positive, negative) / Math.max(positive, negative) >= 0.5) {
    return { tone: 'mixed', score };
  }
  return { tone: positive > negative ? 'positive' : 'negative', score };
}

/**
 * Combines the tone model's decision values (per tone class) with the lexicon. The model decides when it is
 * confident (its best class has a positive margin); otherwise the lexicon does.
 */
export function combineTone(
  model: { classes: string[]; scores: number[] } | null,
  counts: { positive: number; negative: number },
): ToneResult {
  const lexicon = lexiconTone(counts);
  if (!model) return lexicon;
  let best = -1;
  model.scores.forEach((s, i) => {
    if (best < 0 || s > (model.scores[best] as number)) best = i;
  });
  const margin = model.scores[best] ?? -Infinity;
  const predicted = model.classes[best] as Tone | undefined;
  const scoreOf = (name: string) => model.scores[model.classes.indexOf(name)] ?? 0;
  const modelScore = Math.max(-1, Math.min(1, (scoreOf('positive') - scoreOf('negative')) / 2));
  if (!predicted || !(TONES as readonly string[]).includes(predicted)) return lexicon;
  if (margin > 0 || lexicon.tone === 'neutral') {
    return { tone: predicted, score: round((modelScore + lexicon.score) / 2) };
  }
  return { tone: lexicon.tone, score: round((modelScore + lexicon.score) / 2) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
