import { stemEnglish, stemFinnish, stemSwedish } from './stemmers.ts';

// Base forms of words for themes, key phrases and the classifier's features. Finnish goes through a morphological
// analyser (Voikko, injected so this module never loads a native library itself) with compound splitting;
// Swedish and English through light stemmers. Results are cached: feedback repeats the same few thousand words.

/** What the analysis needs from a Finnish morphological analyser (adapters/voikko implements it). */
export interface FinnishMorphology {
  analyse(word: string): { baseForm: string; parts: string[] }[];
}

export interface BaseForm {
  /** The key of the whole word: Finnish base form, or a Swedish/English stem. */
  base: string;
  /** Base forms of compound parts when the word is a compound (without the whole word); usually []. */
  parts: string[];
}

export type BaseFormer = (word: string, language: string | null) => BaseForm;

const MIN_PART = 3;

/** Of ambiguous analyses, the one whose base form is the word itself ("takaisin" the adverb, not of "taata"). */
function analyse(morphology: FinnishMorphology, word: string) {
  const analyses = morphology.analyse(word);
  return analyses.find((a) => a.baseForm === word) ?? analyses[0];
}

/** Splits a word Voikko does not know into two words it knows ("takaisinsoittoa" → takaisin + soitto). */
function splitUnknown(word: string, morphology: FinnishMorphology): BaseForm | undefined {
  for (let cut = MIN_PART; cut <= word.length - MIN_PART; cut++) {
    const head = analyse(morphology, word.slice(0, cut));
    if (!head) continue;
    const tail = analyse(morphology, word.slice(cut));
    if (!tail) continue;
    // The first part of a compound stands in its surface form ("takaisin", "ajan"), which Voikko may read as
    // an inflected word of something else (takaisin → taata): keep it as written.
    const parts = [word.slice(0, cut), ...tail.parts];
    return { base: word.slice(0, cut) + tail.baseForm, parts };
  }
  return undefined;
}

function finnish(word: string, morphology: FinnishMorphology | undefined): BaseForm | undefined {
  if (!morphology) return undefined;
  const analysis = analyse(morphology, word);
  if (analysis) {
    const parts = analysis.parts.length > 1 ? analysis.parts : [];
    return { base: analysis.baseForm, parts };
  }
  return word.length >= 2 * MIN_PART ? splitUnknown(word, morphology) : undefined;
}

export interface BaseFormerOptions {
  morphology?: FinnishMorphology;
  /** Most words remembered (least recently used go first). Default 100,000. */
  cacheSize?: number;
}

/**
 * Finnish (and text whose language is unknown) goes to Voikko first; a word Voikko does not know in unknown text
 * falls back to the English stemmer, in Finnish text to the Finnish suffix stripper.
 */
export function createBaseFormer(options: BaseFormerOptions = {}): BaseFormer {
  const cacheSize = options.cacheSize ?? 100_000;
  const cache = new Map<string, BaseForm>();
  const compute = (word: string, language: string | null): BaseForm => {
    if (language === 'sv') return { base: stemSwedish(word), parts: [] };
    if (language === 'en') return { base: stemEnglish(word), parts: [] };
    const analysed = finnish(word, options.morphology);
    if (analysed) return analysed;
    return { base: language === 'fi' ? stemFinnish(word) : stemEnglish(word), parts: [] };
  };
  return (word, language) => {
    const key = `${language ?? ''}:${word}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const result = compute(word, language);
    cache.set(key, result);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return result;
  };
}
