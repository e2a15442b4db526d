import { words, isNumber } from '../text/tokens.ts';
import type { BaseFormer } from '../text/base-forms.ts';
import { sparseRows, type SparseRows } from './sparse.ts';

// TF-IDF features. The Kuulo set: word unigrams and bigrams over base forms (Voikko lemmas for Finnish, compound
// parts as extra unigrams, light stems for Swedish and English) plus character 3–5-grams inside word boundaries
// of the surface words, which catch what the lemmatiser misses (unknown words, typos, consonant gradation,
// Swedish compounds); not for English, where the stemmer does that job and long comments would only multiply
// the training time by the number of n-grams per word. Word and character blocks are normalised separately so
// neither drowns the other. The baseline set mimics
// scikit-learn's TfidfVectorizer defaults (tokens of 2+ word characters, unigrams, raw tf) for the comparison.

export interface FeatureOptions {
  kind: 'kuulo' | 'baseline';
  /** Character n-gram lengths (Kuulo set only); null for none. */
  charNgrams: [number, number] | null;
  /** Least documents a bigram or character n-gram must occur in. */
  minDf: number;
  /** Most features per block, the most frequent kept. */
  maxFeatures: number;
  sublinearTf: boolean;
  /** Weight of the character block against the word block. */
  charWeight: number;
}

export const KUULO_FEATURES: FeatureOptions = {
  kind: 'kuulo',
  charNgrams: [3, 5],
  minDf: 2,
  maxFeatures: 200_000,
  sublinearTf: true,
  charWeight: 1,
};

export const BASELINE_FEATURES: FeatureOptions = {
  kind: 'baseline',
  charNgrams: null,
  minDf: 1,
  maxFeatures: 1_000_000,
  sublinearTf: false,
  charWeight: 0,
};

export interface Document {
  text: string;
  /** 'fi', 'sv', 'en' or null when unknown. */
  language: string | null;
}

/** The terms of one document, repeated as often as they occur; 'w:'/'b:' word block, 'c:' character block. */
export function documentTerms(doc: Document, options: FeatureOptions, baseForm: BaseFormer): string[] {
  if (options.kind === 'baseline') {
    return (doc.text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? []).map((t) => `w:${t}`);
  }
  const terms: string[] = [];
  let previous: string | undefined;
  for (const word of words(doc.text)) {
    if (isNumber(word)) {
      previous = undefined;
      continue;
    }
    const { base, parts } = baseForm(word, doc.language);
    terms.push(`w:${base}`);
    for (const part of parts) if (part !== base) terms.push(`w:${part}`);
    if (previous !== undefined) terms.push(`b:${previous} ${base}`);
    previous = base;
    if (options.charNgrams && word.length >= 2 && doc.language !== 'en') {
      const padded = ` ${word} `;
      const [min, max] = options.charNgrams;
      for (let n = min; n <= max; n++) {
        for (let i = 0; i + n <= padded.length; i++) terms.push(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  return terms;
}

export interface Vocabulary {
  options: FeatureOptions;
  terms: string[];
  idf: Float32Array;
  index: Map<string, number>;
  /** 1 where the feature is a character n-gram (the second block). */
  charBlock: Uint8Array;
}

function blocksOf(terms: string[]): Uint8Array {
  return Uint8Array.from(terms, (t) => (isCharTerm(t) ? 1 : 0));
}

function isCharTerm(term: string): boolean {
  return term.startsWith('c:');
}

/** Chooses the features from training documents' terms (document frequency) and their idf. */
export function fitVocabulary(documents: string[][], options: FeatureOptions): Vocabulary {
  const df = new Map<string, number>();
  for (const terms of documents) {
    for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const blocks: { term: string; df: number }[][] = [[], []];
  for (const [term, count] of df) {
    const unigram = term.startsWith('w:');
    if (!unigram && count < options.minDf) continue;
    blocks[isCharTerm(term) ? 1 : 0]?.push({ term, df: count });
  }
  const chosen = blocks.flatMap((block) =>
    block
      .sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1))
      .slice(0, options.maxFeatures)
      .sort((a, b) => (a.term < b.term ? -1 : 1)),
  );
  const n = documents.length;
  const terms = chosen.map((c) => c.term);
  const idf = Float32Array.from(chosen, (c) => Math.log((1 + n) / (1 + c.df)) + 1);
  return { options, terms, idf, index: new Map(terms.map((t, i) => [t, i])), charBlock: blocksOf(terms) };
}

export function vocabularyFrom(options: FeatureOptions, terms: string[], idf: Float32Array): Vocabulary {
  return { options, terms, idf, index: new Map(terms.map((t, i) => [t, i])), charBlock: blocksOf(terms) };
}

/** One document's TF-IDF vector (block-normalised), as index/value lists. */
export function vectorise(terms: string[], vocabulary: Vocabulary): { indices: number[]; values: number[] } {
  const counts = new Map<number, number>();
  for (const term of terms) {
    const i = vocabulary.index.get(term);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const { sublinearTf, charWeight } = vocabulary.options;
  const values = indices.map((i) => {
    const tf = counts.get(i) as number;
    return (sublinearTf ? 1 + Math.log(tf) : tf) * (vocabulary.idf[i] as number);
  });
  const norms = [0, 0];
  const blocks = vocabulary.charBlock;
  indices.forEach((i, k) => {
    const block = blocks[i] as number;
    norms[block] = (norms[block] as number) + (values[k] as number) ** 2;
  });
  const scale = [norms[0] ? 1 / Math.sqrt(norms[0]) : 0, norms[1] ? charWeight / Math.sqrt(norms[1]) : 0];
  indices.forEach((i, k) => {
    values[k] = (values[k] as number) * (scale[blocks[i] as number] as number);
  });
  return { indices, values };
}

export function vectoriseAll(documents: string[][], vocabulary: Vocabulary): SparseRows {
  return sparseRows(
    vocabulary.terms.length,
    documents.map((terms) => vectorise(terms, vocabulary)),
  );
}
