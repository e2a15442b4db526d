// Writes the tiny sentence-embedding model of the tests (model.onnx + tokenizer.json, a few KB) into
// src/server/adapters/embeddings/fixtures/tiny-embedder/. Deterministic: running it again gives the same bytes.
//   npx tsx scripts/make-embedding-fixture.ts
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import {
  tinyEmbedderModel,
  tinyTokenizerJson,
} from '../src/server/adapters/embeddings/fixtures/tiny-embedder.ts';

const directory = path.join(import.meta.dirname, '../src/server/adapters/embeddings/fixtures/tiny-embedder');
fs.mkdirSync(directory, { recursive: true });
fs.writeFileSync(path.join(directory, 'model.onnx'), tinyEmbedderModel({ pooled: true }));
const tokenizer = await format(JSON.stringify(tinyTokenizerJson()), { parser: 'json', printWidth: 110 });
fs.writeFileSync(path.join(directory, 'tokenizer.json'), tokenizer);
console.log(`wrote ${directory}`);
