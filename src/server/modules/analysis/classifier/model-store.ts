import fs from 'node:fs';
import path from 'node:path';
import { vocabularyFrom, type FeatureOptions } from './features.ts';
import type { ModelKind, TextModel } from './model.ts';

// A model directory holds model.json: versioned, with the vocabulary as a list of terms and every float array
// (idf, weights) as base64 of little-endian float32, which is compact and exact. Nothing in it is a training
// text: terms are single words, word pairs and character n-grams of redacted texts.

export const MODEL_FORMAT = 'kuulo-text-model';
export const MODEL_VERSION = 1;
const FILE = 'model.json';

interface StoredModel {
  format: typeof MODEL_FORMAT;
  version: number;
  kind: ModelKind;
  trainedAt: string;
  trainingRows: number;
  features: FeatureOptions;
  terms: string[];
  idf: string;
  labels: { name: string; threshold: number; weights: string; cvF1: number | null }[];
  tone: { classes: string[]; weights: string[] } | null;
}

function encode(array: Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function decode(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

export function serialiseModel(model: TextModel): string {
  const stored: StoredModel = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind: model.kind,
    trainedAt: model.trainedAt,
    trainingRows: model.trainingRows,
    features: model.vocabulary.options,
    terms: model.vocabulary.terms,
    idf: encode(model.vocabulary.idf),
    labels: model.labels.map((name, l) => ({
      name,
      threshold: model.thresholds[l] ?? 0,
      weights: encode(model.weights[l] ?? new Float32Array(0)),
      cvF1: Number.isFinite(model.cvF1[l]) ? (model.cvF1[l] as number) : null,
    })),
    tone: model.tone ? { classes: model.tone.classes, weights: model.tone.weights.map(encode) } : null,
  };
  return JSON.stringify(stored);
}

export function parseModel(json: string): TextModel {
  const stored = JSON.parse(json) as Partial<StoredModel>;
  if (stored.format !== MODEL_FORMAT)
    throw new Error(`Not a Kuulo text model (format ${String(stored.format)})`);
  if (stored.version !== MODEL_VERSION) {
    throw new Error(
      `Model format version ${String(stored.version)} is not supported (expected ${MODEL_VERSION})`,
    );
  }
  const s = stored as StoredModel;
  return {
    kind: s.kind,
    vocabulary: vocabularyFrom(s.features, s.terms, decode(s.idf)),
    labels: s.labels.map((l) => l.name),
    thresholds: s.labels.map((l) => l.threshold),
    weights: s.labels.map((l) => decode(l.weights)),
    cvF1: s.labels.map((l) => l.cvF1 ?? Number.NaN),
    tone: s.tone ? { classes: s.tone.classes, weights: s.tone.weights.map(decode) } : null,
    trainedAt: s.trainedAt,
    trainingRows: s.trainingRows,
  };
}

export function saveModel(directory: string, model: TextModel): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, FILE);
  fs.writeFileSync(`${file}.tmp`, serialiseModel(model));
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

export function loadModel(directory: string): TextModel {
  const file = path.join(directory, FILE);
  if (!fs.existsSync(file)) throw new Error(`No model in ${directory} (expected ${FILE})`);
  return parseModel(fs.readFileSync(file, 'utf8'));
}
