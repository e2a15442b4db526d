import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import {
  checkModelDirectory,
  cosine,
  EmbeddingsUnavailableError,
  loadOnnxRuntime,
} from './sentence-embedder.ts';

test('without onnxruntime-node installed, loading says what to install', async () => {
  await expect(loadOnnxRuntime()).rejects.toThrow(EmbeddingsUnavailableError);
  await expect(loadOnnxRuntime()).rejects.toThrow(
    /ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node/,
  );
});

test('a model directory without model.onnx and tokenizer.json is refused by name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-emb-'));
  expect(() => checkModelDirectory(dir)).toThrow(/model\.onnx is missing/);
  fs.writeFileSync(path.join(dir, 'model.onnx'), '');
  expect(() => checkModelDirectory(dir)).toThrow(/tokenizer\.json is missing/);
  fs.writeFileSync(path.join(dir, 'tokenizer.json'), '{}');
  expect(checkModelDirectory(dir).model).toBe(path.join(dir, 'model.onnx'));
  fs.rmSync(dir, { recursive: true });
});

test('cosine similarity of normalised vectors', () => {
  expect(cosine(Float32Array.from([1, 0]), Float32Array.from([0, 1]))).toBe(0);
  expect(cosine(Float32Array.from([0.6, 0.8]), Float32Array.from([0.6, 0.8]))).toBeCloseTo(1);
});
