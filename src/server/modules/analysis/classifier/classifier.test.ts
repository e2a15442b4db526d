import { expect, test } from 'vitest';
import { formatCsv, parseCsv, parseLabelledCsv } from './csv.ts';
import { scoreMultiLabel } from './metrics.ts';
import { rowSquaredNorms, trainLinearSvm } from './linear-svm.ts';
import { bestThreshold } from './one-vs-rest.ts';
import { dot, sparseRows } from './sparse.ts';
import { parseModel, serialiseModel } from './model-store.ts';
import { predictText, trainTextModel } from './model.ts';
import { createBaseFormer } from '../text/base-forms.ts';

test('CSV: quoted fields with separators, doubled quotes, line breaks, a BOM and CRLF are read back', () => {
  const text = '\ufefftext,labels,tone\r\n"Hei, ""kiitos""\nrivi",a;b,positive\r\nok,,\r\n';
  expect(parseCsv(text)).toEqual({
    header: ['text', 'labels', 'tone'],
    rows: [
      ['Hei, "kiitos"\nrivi', 'a;b', 'positive'],
      ['ok', '', ''],
    ],
  });
  const rows = [
    ['a,b', 'x;y', ''],
    [' lead', '"q"', 'z'],
  ];
  expect(parseCsv(formatCsv(['text', 'labels', 'tone'], rows)).rows).toEqual(rows);
  expect(parseCsv('text;labels\nhei;a\n').rows).toEqual([['hei', 'a']]);
});

test('CSV: labels are split on ";" and trimmed, duplicates and empties dropped; text is required', () => {
  const { rows, hasTone } = parseLabelledCsv('text,labels\nx," Waiting times ; Parking;;Parking"\ny,\n');
  expect(rows).toEqual([
    { text: 'x', labels: ['Waiting times', 'Parking'], tone: null },
    { text: 'y', labels: [], tone: null },
  ]);
  expect(hasTone).toBe(false);
  expect(() => parseLabelledCsv('body,labels\nx,a\n')).toThrow(/"text" column/);
});

test('macro-F1 averages labels, micro-F1 pools counts', () => {
  const scores = scoreMultiLabel([['a'], ['a', 'b'], ['b'], []], [['a'], ['a'], ['a'], ['b']]);
  const a = scores.labels.find((l) => l.label === 'a');
  const b = scores.labels.find((l) => l.label === 'b');
  expect(a).toMatchObject({ precision: 2 / 3, recall: 1, support: 2 });
  expect(b).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 2 });
  expect(scores.macroF1).toBeCloseTo((0.8 + 0) / 2);
  expect(scores.microF1).toBeCloseTo((2 * 2) / (2 * 2 + 2 + 2));
});

test('the SVM separates separable data; a warm start reaches the same solution', () => {
  const x = sparseRows(2, [
    { indices: [0], values: [1] },
    { indices: [0, 1], values: [0.9, 0.1] },
    { indices: [1], values: [1] },
    { indices: [0, 1], values: [0.1, 0.9] },
  ]);
  const positive = Uint8Array.from([1, 1, 0, 0]);
  const rows = Int32Array.from([0, 1, 2, 3]);
  const norms = rowSquaredNorms(x);
  const w = trainLinearSvm(x, rows, positive, norms, { cPositive: 10, cNegative: 10, tolerance: 1e-4 });
  for (const row of rows) expect(Math.sign(dot(x, row, w))).toBe(positive[row] ? 1 : -1);
  const alpha = new Float64Array(4);
  trainLinearSvm(x, rows, positive, norms, { cPositive: 1, cNegative: 1, tolerance: 1e-4, alpha });
  const warm = trainLinearSvm(x, rows, positive, norms, {
    cPositive: 10,
    cNegative: 10,
    tolerance: 1e-4,
    alpha,
  });
  warm.forEach((v, i) => expect(v).toBeCloseTo(w[i] as number, 2));
});

test('the threshold that maximises F1 lies between the scores it separates', () => {
  const scores = Float64Array.from([0.9, -0.2, -0.3, -0.8, -0.9]);
  const truth = Uint8Array.from([1, 1, 0, 0, 0]);
  const rows = Int32Array.from([0, 1, 2, 3, 4]);
  expect(bestThreshold(scores, truth, rows, false)).toEqual({ f1: 2 / 3, threshold: 0 });
  const tuned = bestThreshold(scores, truth, rows, true);
  expect(tuned.f1).toBe(1);
  expect(tuned.threshold).toBeCloseTo(-0.25);
});

test('a model survives its JSON form exactly, with any label names', () => {
  const baseForm = createBaseFormer();
  const examples = [
    ...Array.from({ length: 8 }, (_, i) => ({
      text: `the parking lot was full ${i}`,
      language: 'en',
      labels: ['Pysäköinti & liikenne'],
    })),
    ...Array.from({ length: 8 }, (_, i) => ({
      text: `thank you so much nurse ${i}`,
      language: 'en',
      labels: ['Thanks'],
    })),
  ];
  const model = trainTextModel(examples, { baseForm, training: { folds: 2 } });
  const copy = parseModel(serialiseModel(model));
  const doc = { text: 'no parking spaces at all', language: 'en' };
  expect(predictText(copy, doc, baseForm)).toEqual(predictText(model, doc, baseForm));
  expect(predictText(copy, doc, baseForm).labels).toEqual(['Pysäköinti & liikenne']);
  expect(() => parseModel(JSON.stringify({ format: 'kuulo-text-model', version: 99 }))).toThrow(/version 99/);
});
