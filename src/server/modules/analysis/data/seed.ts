import { readFileSync } from 'node:fs';
import { seededRandom } from '../classifier/sparse.ts';

// Seed knowledge: the default taxonomy and short phrases per theme, language and polarity, from which the
// built-in model is trained before any staff correction exists. Comments are composed of one to three phrases so
// the model learns multi-label texts; tone follows the phrases' polarities (both → mixed).

export type SeedLanguage = 'fi' | 'sv' | 'en';

export interface TaxonomyEntry {
  key: string;
  fi: string;
  sv: string;
  en: string;
}

type Phrases = Record<string, Record<SeedLanguage, { pos: string[]; neg: string[] }>>;

const dataFile = (name: string) => new URL(name, import.meta.url);

export const DEFAULT_TAXONOMY: TaxonomyEntry[] = JSON.parse(
  readFileSync(dataFile('./taxonomy.json'), 'utf8'),
) as TaxonomyEntry[];

export const SEED_PHRASES: Phrases = JSON.parse(readFileSync(dataFile('./seed-phrases.json'), 'utf8')) as Phrases;

export interface SeedExample {
  text: string;
  language: SeedLanguage;
  labels: string[];
  tone: 'positive' | 'negative' | 'mixed' | 'neutral';
}

const JOINERS: Record<SeedLanguage, { and: string[]; but: string[] }> = {
  fi: { and: ['. ', ', ja ', '. Lisäksi '], but: [', mutta ', '. Toisaalta '] },
  sv: { and: ['. ', ' och ', '. Dessutom '], but: [', men ', '. Å andra sidan '] },
  en: { and: ['. ', ' and ', '. Also, '], but: [', but ', '. On the other hand, '] },
};

const NEUTRAL: Record<SeedLanguage, string[]> = {
  fi: ['kävin vastaanotolla tiistaina', 'asioin terveysasemalla lapsen kanssa', 'olin osastolla viikon'],
  sv: ['jag besökte mottagningen i tisdags', 'jag var på hälsostationen med mitt barn'],
  en: ['I visited the clinic on Tuesday', 'I was at the health centre with my child'],
};

export interface SeedOptions {
  count: number;
  seed?: number;
  languages?: SeedLanguage[];
  /** Theme keys to use (default: all but "other"). */
  themes?: string[];
  /** Share of comments that also get a neutral sentence about the visit. */
  neutralShare?: number;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Deterministic synthetic labelled comments from the seed phrases. */
export function composeSeedExamples(options: SeedOptions): SeedExample[] {
  const random = seededRandom(options.seed ?? 1);
  const languages = options.languages ?? ['fi', 'sv', 'en'];
  const themes = options.themes ?? Object.keys(SEED_PHRASES).filter((k) => k !== 'other');
  const examples: SeedExample[] = [];
  while (examples.length < options.count) {
    const language = pick(languages, random);
    const wanted = Math.min(themes.length, 1 + Math.floor(random() * random() * 3));
    const chosen = new Set<string>();
    while (chosen.size < wanted) chosen.add(pick(themes, random));
    const parts: { text: string; polarity: 'pos' | 'neg' }[] = [];
    for (const theme of chosen) {
      const bank = SEED_PHRASES[theme]?.[language];
      if (!bank) continue;
      const polarity = bank.neg.length && (random() < 0.6 || !bank.pos.length) ? 'neg' : 'pos';
      parts.push({ text: pick(bank[polarity], random), polarity });
    }
    if (!parts.length) continue;
    let text = parts[0]?.text ?? '';
    for (let i = 1; i < parts.length; i++) {
      const contrast = parts[i]?.polarity !== parts[i - 1]?.polarity;
      text += pick(contrast ? JOINERS[language].but : JOINERS[language].and, random) + (parts[i]?.text ?? '');
    }
    if (random() < (options.neutralShare ?? 0.3)) text = `${pick(NEUTRAL[language], random)}. ${text}`;
    text = text.charAt(0).toUpperCase() + text.slice(1) + '.';
    const polarities = new Set(parts.map((p) => p.polarity));
    const tone = polarities.size === 2 ? 'mixed' : polarities.has('pos') ? 'positive' : 'negative';
    examples.push({ text, language, labels: [...chosen].sort(), tone });
  }
  return examples;
}
