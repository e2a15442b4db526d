import {
  BASELINE_FEATURES,
  KUULO_FEATURES,
  documentTerms,
  fitVocabulary,
  vectorise,
  vectoriseAll,
  type Document,
  type FeatureOptions,
  type Vocabulary,
} from './features.ts';
import { trainOneVsRest, type OneVsRestOptions } from './one-vs-rest.ts';
import type { BaseFormer } from '../text/base-forms.ts';

// A trained text classifier: themes (multi-label, any label names) and optionally tone (one class per text) from
// the same features. Kuulo's configuration is a tuned linear SVM plus better features and thresholds; the
// baseline configuration is the plain tuned TF-IDF + linear SVM it is compared with.

export type ModelKind = 'kuulo' | 'baseline';

export interface TextModel {
  kind: ModelKind;
  vocabulary: Vocabulary;
  labels: string[];
  weights: Float32Array[];
  thresholds: number[];
  tone: { classes: string[]; weights: Float32Array[] } | null;
  trainedAt: string;
  trainingRows: number;
  /** Cross-validated F1 per label on the training data (NaN where a label was too rare). */
  cvF1: number[];
}

export interface TrainingExample extends Document {
  labels: string[];
  tone?: string | null;
}

export interface Prediction {
  labels: string[];
  /** Decision value minus threshold per model label (> 0 means predicted). */
  margins: number[];
  tone: string | null;
  /** The tone model's decision value per tone class (model.tone.classes order); [] without a tone model. */
  toneScores: number[];
}

const KUULO_TRAINING: Omit<OneVsRestOptions, 'onProgress'> = {
  cGrid: [0.1, 0.3, 1],
  folds: 3,
  perLabelC: true,
  tuneThresholds: true,
  balance: true,
  maxPositiveWeight: 5,
  seed: 7,
};

const BASELINE_TRAINING: Omit<OneVsRestOptions, 'onProgress'> = {
  cGrid: [0.03, 0.1, 0.3, 1, 3, 10],
  folds: 3,
  perLabelC: false,
  tuneThresholds: false,
  balance: false,
  maxPositiveWeight: 1,
  seed: 7,
};

export interface TrainOptions {
  kind?: ModelKind;
  baseForm: BaseFormer;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Overrides for tests and benchmarks. */
  training?: Partial<OneVsRestOptions>;
  features?: Partial<FeatureOptions>;
}

function targetsOf(examples: TrainingExample[], names: string[], pick: (e: TrainingExample) => string[]) {
  const index = new Map(names.map((n, i) => [n, i]));
  const targets = names.map(() => new Uint8Array(examples.length));
  examples.forEach((example, row) => {
    for (const name of pick(example)) {
      const i = index.get(name);
      if (i !== undefined) (targets[i] as Uint8Array)[row] = 1;
    }
  });
  return targets;
}

export function trainTextModel(examples: TrainingExample[], options: TrainOptions): TextModel {
  if (examples.length < 2) throw new Error('Training needs at least two labelled texts');
  const kind = options.kind ?? 'kuulo';
  const featureOptions = { ...(kind === 'kuulo' ? KUULO_FEATURES : BASELINE_FEATURES), ...options.features };
  const training = { ...(kind === 'kuulo' ? KUULO_TRAINING : BASELINE_TRAINING), ...options.training };
  const documents = examples.map((e) => documentTerms(e, featureOptions, options.baseForm));
  options.onProgress?.('features', examples.length, examples.length);
  const vocabulary = fitVocabulary(documents, featureOptions);
  const x = vectoriseAll(documents, vocabulary);
  const labels = [...new Set(examples.flatMap((e) => e.labels))].sort();
  const themes = trainOneVsRest(
    x,
    targetsOf(examples, labels, (e) => e.labels),
    {
      ...training,
      onProgress: (done, total) => options.onProgress?.('themes', done, total),
    },
  );
  const toneClasses = [...new Set(examples.map((e) => e.tone).filter((t): t is string => !!t))].sort();
  let tone: TextModel['tone'] = null;
  if (toneClasses.length >= 2) {
    const toned = examples.map((e, row) => ({ e, row })).filter(({ e }) => !!e.tone);
    const sub = vectoriseAll(
      toned.map(({ row }) => documents[row] as string[]),
      vocabulary,
    );
    const model = trainOneVsRest(
      sub,
      targetsOf(
        toned.map(({ e }) => e),
        toneClasses,
        (e) => (e.tone ? [e.tone] : []),
      ),
      { ...training, tuneThresholds: false, onProgress: (d, t) => options.onProgress?.('tone', d, t) },
    );
    tone = { classes: toneClasses, weights: model.weights };
  }
  return {
    kind,
    vocabulary,
    labels,
    weights: themes.weights,
    thresholds: themes.thresholds,
    tone,
    trainedAt: new Date().toISOString(),
    trainingRows: examples.length,
    cvF1: themes.cvF1,
  };
}

function sparseDot(indices: number[], values: number[], w: Float32Array): number {
  if (w.length === 0) return -Infinity;
  let sum = w[w.length - 1] as number;
  for (let k = 0; k < indices.length; k++) sum += (w[indices[k] as number] as number) * (values[k] as number);
  return sum;
}

export function predictText(model: TextModel, doc: Document, baseForm: BaseFormer): Prediction {
  const { indices, values } = vectorise(
    documentTerms(doc, model.vocabulary.options, baseForm),
    model.vocabulary,
  );
  const margins = model.weights.map(
    (w, l) => sparseDot(indices, values, w) - (model.thresholds[l] as number),
  );
  const labels = model.labels.filter((_, l) => (margins[l] as number) > 0);
  const toneScores = model.tone?.weights.map((w) => sparseDot(indices, values, w)) ?? [];
  let tone: string | null = null;
  toneScores.forEach((score, c) => {
    if (tone === null || score > (toneScores[model.tone?.classes.indexOf(tone) ?? 0] as number)) {
      tone = model.tone?.classes[c] ?? null;
    }
  });
  return { labels, margins, tone, toneScores };
}
