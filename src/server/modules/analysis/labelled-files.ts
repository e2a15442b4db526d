import fs from 'node:fs';
import { formatCsv, parseCsv, parseLabelledCsv } from './classifier/csv.ts';
import {
  predictText,
  trainTextModel,
  type ModelKind,
  type TextModel,
  type TrainingExample,
} from './classifier/model.ts';
import { scoreMultiLabel, type Scores } from './classifier/metrics.ts';
import { seededRandom } from './classifier/sparse.ts';
import type { BaseFormer } from './text/base-forms.ts';
import { trainSeedToneModel } from './builtin.ts';
import { combineTone, lexiconPolarity } from './tone.ts';

// Training, evaluation and prediction on labelled CSV files (`kuulo analysis train|evaluate|predict`): an
// organisation's history, or an external benchmark. Any label names; the language of every row is detected.

export interface FileDeps {
  baseForm: BaseFormer;
  detectLanguage: (text: string) => Promise<string | null>;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export async function readLabelledFile(file: string, deps: FileDeps): Promise<TrainingExample[]> {
  const { rows } = parseLabelledCsv(fs.readFileSync(file, 'utf8'));
  const examples: TrainingExample[] = [];
  for (const [i, row] of rows.entries()) {
    examples.push({ ...row, language: await deps.detectLanguage(row.text) });
    if (i % 1000 === 999) deps.onProgress?.('languages', i + 1, rows.length);
  }
  return examples;
}

export function trainModel(
  examples: TrainingExample[],
  deps: FileDeps,
  kind: ModelKind = 'kuulo',
): TextModel {
  return trainTextModel(examples, { kind, baseForm: deps.baseForm, onProgress: deps.onProgress });
}

export interface Evaluation {
  scores: Scores;
  /** Share of rows with a tone whose predicted tone is the same; null when the data has no tone column. */
  toneAccuracy: number | null;
}

function predictions(model: TextModel, examples: TrainingExample[], deps: FileDeps) {
  return examples.map((e) => predictText(model, e, deps.baseForm));
}

function toneAccuracy(examples: TrainingExample[], tones: (string | null)[]): number | null {
  const toned = examples.map((e, i) => ({ truth: e.tone, predicted: tones[i] })).filter((p) => !!p.truth);
  if (!toned.length) return null;
  return toned.filter((p) => p.truth === p.predicted).length / toned.length;
}

/** Scores a trained model on labelled examples; labels unknown to the model count as missed. */
export function evaluateModel(model: TextModel, examples: TrainingExample[], deps: FileDeps): Evaluation {
  const predicted = predictions(model, examples, deps);
  const labels = [...new Set([...model.labels, ...examples.flatMap((e) => e.labels)])].sort();
  return {
    scores: scoreMultiLabel(
      examples.map((e) => e.labels),
      predicted.map((p) => p.labels),
      labels,
    ),
    toneAccuracy: toneAccuracy(
      examples,
      predicted.map((p) => p.tone),
    ),
  };
}

/** k-fold cross-validation: every row is predicted by a model that never saw it; predictions pooled. */
export function crossValidate(
  examples: TrainingExample[],
  deps: FileDeps,
  folds: number,
  kind: ModelKind = 'kuulo',
): Evaluation {
  const random = seededRandom(2024);
  const foldOf = examples.map(() => Math.floor(random() * folds));
  const predictedLabels: string[][] = examples.map(() => []);
  const predictedTones: (string | null)[] = examples.map(() => null);
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((_, i) => foldOf[i] !== f);
    const model = trainTextModel(train, { kind, baseForm: deps.baseForm });
    examples.forEach((e, i) => {
      if (foldOf[i] !== f) return;
      const p = predictText(model, e, deps.baseForm);
      predictedLabels[i] = p.labels;
      predictedTones[i] = p.tone;
    });
    deps.onProgress?.(`cross-validation (${kind})`, f + 1, folds);
  }
  const labels = [...new Set(examples.flatMap((e) => e.labels))].sort();
  return {
    scores: scoreMultiLabel(
      examples.map((e) => e.labels),
      predictedLabels,
      labels,
    ),
    toneAccuracy: toneAccuracy(examples, predictedTones),
  };
}

/** Writes the input file's columns with predicted labels (';'-separated) and tone, rows in the same order. */
export async function predictFile(
  model: TextModel,
  input: string,
  output: string,
  deps: FileDeps,
): Promise<number> {
  const table = parseCsv(fs.readFileSync(input, 'utf8'));
  const header = [...table.header];
  const textColumn = header.findIndex((h) => h.toLowerCase() === 'text');
  if (textColumn < 0) throw new Error('CSV: the header has no "text" column');
  for (const name of ['labels', 'tone']) if (!header.some((h) => h.toLowerCase() === name)) header.push(name);
  const labelsColumn = header.findIndex((h) => h.toLowerCase() === 'labels');
  const toneColumn = header.findIndex((h) => h.toLowerCase() === 'tone');
  const toneModel = model.tone ? null : trainSeedToneModel(deps.baseForm);
  const rows: string[][] = [];
  for (const [i, row] of table.rows.entries()) {
    const text = row[textColumn] ?? '';
    const language = await deps.detectLanguage(text);
    const doc = { text, language };
    const prediction = predictText(model, doc, deps.baseForm);
    let tone = prediction.tone;
    if (!tone && toneModel?.tone) {
      const own = predictText(toneModel, doc, deps.baseForm);
      tone = combineTone(
        { classes: toneModel.tone.classes, scores: own.toneScores },
        lexiconPolarity(text, language, deps.baseForm),
      ).tone;
    }
    const out = header.map((_, c) => row[c] ?? '');
    out[labelsColumn] = prediction.labels.join(';');
    out[toneColumn] = tone ?? '';
    rows.push(out);
    if (i % 1000 === 999) deps.onProgress?.('predict', i + 1, table.rows.length);
  }
  fs.writeFileSync(output, formatCsv(header, rows));
  return rows.length;
}

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

/** Per-label precision, recall, F1 and support as an aligned table, then the macro and micro lines. */
export function formatScores(scores: Scores, title: string): string[] {
  const width = Math.min(48, Math.max(12, ...scores.labels.map((l) => l.label.length))) + 2;
  const f = (x: number) => x.toFixed(3);
  return [
    title,
    `${pad('label', width)}precision  recall  F1     support`,
    ...scores.labels.map(
      (l) =>
        `${pad(l.label, width)}${pad(f(l.precision), 11)}${pad(f(l.recall), 8)}${pad(f(l.f1), 7)}${l.support}`,
    ),
    `${pad('macro-F1', width)}${f(scores.macroF1)}`,
    `${pad('micro-F1', width)}${f(scores.microF1)}  (precision ${f(scores.microPrecision)}, recall ${f(scores.microRecall)})`,
  ];
}

/** The summary JSON that `kuulo analysis evaluate` prints as its last line. */
export function evaluationSummary(evaluation: Evaluation, baseline?: Evaluation) {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const { scores } = evaluation;
  return {
    macroF1: round(scores.macroF1),
    microF1: round(scores.microF1),
    microPrecision: round(scores.microPrecision),
    microRecall: round(scores.microRecall),
    toneAccuracy: evaluation.toneAccuracy === null ? null : round(evaluation.toneAccuracy),
    labels: Object.fromEntries(
      scores.labels.map((l) => [
        l.label,
        { precision: round(l.precision), recall: round(l.recall), f1: round(l.f1), support: l.support },
      ]),
    ),
    ...(baseline
      ? { baseline: { macroF1: round(baseline.scores.macroF1), microF1: round(baseline.scores.microF1) } }
      : {}),
  };
}
