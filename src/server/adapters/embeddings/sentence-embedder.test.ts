import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  checkModelDirectory,
  cosine,
  EmbeddingsUnavailableError,
  lazySentenceEmbedder,
  loadOnnxRuntime,
  loadSentenceEmbedder,
  poolTokens,
  type LoadedEmbedder,
} from './sentence-embedder.ts';
import {
  TINY_DIMENSIONS,
  tinyEmbedderModel,
  tinyTokenizerJson,
  tinyUnigramTokenizerJson,
} from './fixtures/tiny-embedder.ts';

// The real loading and calling code on a real (tiny) ONNX model from a directory, through onnxruntime-web as in
// production: fixtures/tiny-embedder is built by scripts/make-embedding-fixture.ts.

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'tiny-embedder');
const temporary: string[] = [];

function modelDirectory(files: Record<string, Uint8Array | string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-emb-'));
  temporary.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

test('the committed fixture is what the generator makes', () => {
  expect(new Uint8Array(fs.readFileSync(path.join(FIXTURE, 'model.onnx')))).toEqual(tinyEmbedderModel());
  expect(JSON.parse(fs.readFileSync(path.join(FIXTURE, 'tokenizer.json'), 'utf8'))).toEqual(
    tinyTokenizerJson(),
  );
});

test('a model directory without model.onnx or tokenizer.json is refused by name', async () => {
  const dir = modelDirectory({});
  expect(() => checkModelDirectory(dir)).toThrow(/model\.onnx is missing/);
  fs.writeFileSync(path.join(dir, 'model.onnx'), '');
  expect(() => checkModelDirectory(dir)).toThrow(/tokenizer\.json is missing/);
  fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson()));
  expect(checkModelDirectory(dir).model).toBe(path.join(dir, 'model.onnx'));
  await expect(loadSentenceEmbedder(dir)).rejects.toThrow(/model\.onnx could not be loaded/);
});

test('a runtime that is not installed is reported, not thrown as a crash', async () => {
  await expect(loadOnnxRuntime(['kuulo-no-such-runtime'])).rejects.toThrow(EmbeddingsUnavailableError);
});

describe('the tiny ONNX sentence embedder loaded from a directory', () => {
  let embedder: LoadedEmbedder;
  beforeAll(async () => {
    embedder = await loadSentenceEmbedder(FIXTURE, { runtimes: ['onnxruntime-web'] });
  });

  test('embeds Finnish, Swedish and English texts into normalised vectors of the model’s size', async () => {
    expect(embedder.runtime).toBe('onnxruntime-web');
    expect(embedder.pooling).toBe('model');
    expect(embedder.dimensions).toBe(TINY_DIMENSIONS);
    const vectors = await embedder.embed([
      'Jono oli liian pitkä terveysasemalla.',
      'Kön var lång.',
      'The queue was too long.',
    ]);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(TINY_DIMENSIONS);
      expect(cosine(v, v)).toBeCloseTo(1, 5);
    }
  });

  test('identical texts give cosine 1, texts sharing words are closer than unrelated ones', async () => {
    const [a, same, near, far] = await embedder.embed([
      'Puhelimessa jono oli pitkä.',
      'Puhelimessa jono oli pitkä.',
      'Jono oli todella pitkä, odotin tunnin.',
      'Ruoka oli hyvää ja siisti ympäristö.',
    ]);
    expect(cosine(a!, same!)).toBeCloseTo(1, 5);
    expect(cosine(a!, near!)).toBeGreaterThan(cosine(a!, far!));
  });

  test('texts of one concept in different languages are close (the fixture is multilingual)', async () => {
    const [fi, sv, en, food] = await embedder.embed(['Pitkä jono', 'Lång kö', 'Long queue', 'Good food']);
    expect(cosine(fi!, sv!)).toBeGreaterThan(cosine(fi!, food!));
    expect(cosine(sv!, en!)).toBeGreaterThan(cosine(sv!, food!));
  });

  test('batches of any size and long texts are cut to the token limit', async () => {
    const short = await loadSentenceEmbedder(FIXTURE, {
      runtimes: ['onnxruntime-web'],
      batchSize: 2,
      maxTokens: 6,
    });
    const texts = ['jono', 'kö kö kö kö kö kö kö kö kö kö kö kö', 'queue', 'ruoka', 'mat'];
    const vectors = await short.embed(texts);
    expect(vectors).toHaveLength(5);
    const alone = await short.embed([texts[1] as string]);
    expect(cosine(vectors[1]!, alone[0]!)).toBeCloseTo(1, 5);
  });

  test('only redacted text reaches the model: texts differing only in personal data embed identically', async () => {
    const [first, second, digits] = await embedder.embed([
      'Soittakaa 040 123 4567, hetu 131052-308T, maija@example.fi',
      'Soittakaa 050 765 4321, hetu 010101A123N, pekka@example.com',
      'Soittakaa 040 123, 050 765',
    ]);
    expect(cosine(first!, second!)).toBeCloseTo(1, 5);
    // Numbers that are not personal data stay, token by token: the fixture's vocabulary has the digits.
    const [otherDigits] = await embedder.embed(['Soittakaa 999 999, 999 999']);
    expect(cosine(digits!, otherDigits!)).toBeLessThan(0.999);
  });
});

test('a model with only last_hidden_state is pooled here by the mask (mean) or by its first token (cls)', async () => {
  const dir = modelDirectory({
    'onnx/model.onnx': tinyEmbedderModel({ pooled: false }),
    'tokenizer.json': JSON.stringify(tinyTokenizerJson()),
  });
  const mean = await loadSentenceEmbedder(dir, { runtimes: ['onnxruntime-web'] });
  const pooled = await loadSentenceEmbedder(FIXTURE, { runtimes: ['onnxruntime-web'] });
  expect(mean.pooling).toBe('mean');
  const texts = ['Kön i telefonen var lång', 'jono'];
  const [a, b] = await mean.embed(texts);
  const [c, d] = await pooled.embed(texts);
  expect(cosine(a!, c!)).toBeCloseTo(1, 4);
  expect(cosine(b!, d!)).toBeCloseTo(1, 4);
  fs.mkdirSync(path.join(dir, '1_Pooling'));
  fs.writeFileSync(path.join(dir, '1_Pooling', 'config.json'), '{"pooling_mode_cls_token": true}');
  const cls = await loadSentenceEmbedder(dir, { runtimes: ['onnxruntime-web'] });
  expect(cls.pooling).toBe('cls');
  // The first token is [CLS] for every text: cls pooling of this model gives one vector for everything.
  const [x, y] = await cls.embed(texts);
  expect(cosine(x!, y!)).toBeCloseTo(1, 5);
}, 60_000);

test('a SentencePiece (Unigram) tokenizer.json like the multilingual MiniLM’s works through the same code', async () => {
  const dir = modelDirectory({
    'model.onnx': tinyEmbedderModel(),
    'tokenizer.json': JSON.stringify(tinyUnigramTokenizerJson()),
  });
  const unigram = await loadSentenceEmbedder(dir, { runtimes: ['onnxruntime-web'] });
  const wordPiece = await loadSentenceEmbedder(FIXTURE, { runtimes: ['onnxruntime-web'] });
  const texts = ['Pitkä jono terveysasemalla', 'kön var lång'];
  const [a, b] = await unigram.embed(texts);
  const [c, d] = await wordPiece.embed(texts);
  expect(cosine(a!, c!)).toBeCloseTo(1, 5);
  expect(cosine(b!, d!)).toBeCloseTo(1, 5);
});

test('pooling by hand: the mean over the attention mask and the first token', () => {
  const hidden = Float32Array.from([1, 0, 3, 0, 9, 9]);
  expect(poolTokens(hidden, [1, 3, 2], [[1, 1, 0]], 'mean')).toEqual([Float32Array.from([2, 0])]);
  expect(poolTokens(hidden, [1, 3, 2], [[1, 1, 0]], 'cls')).toEqual([Float32Array.from([1, 0])]);
});

test('the lazy embedder loads nothing until it is first used and retries after a failure', async () => {
  const dir = modelDirectory({});
  const lazy = lazySentenceEmbedder(dir, { runtimes: ['onnxruntime-web'] });
  await expect(lazy.embed(['x'])).rejects.toThrow(/model\.onnx is missing/);
  fs.writeFileSync(path.join(dir, 'model.onnx'), tinyEmbedderModel());
  fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson()));
  expect((await lazy.embed(['jono']))[0]).toHaveLength(TINY_DIMENSIONS);
});

test('cosine similarity of normalised vectors', () => {
  expect(cosine(Float32Array.from([1, 0]), Float32Array.from([0, 1]))).toBe(0);
  expect(cosine(Float32Array.from([0.6, 0.8]), Float32Array.from([0.6, 0.8]))).toBeCloseTo(1);
});
