import fs from 'node:fs';
import path from 'node:path';
import { redactText } from '../../../shared/redaction.ts';

// Optional local sentence embeddings for similarity search and clustering, off by default: an ONNX model (e.g. a
// multilingual MiniLM exported with its tokenizer) loaded from a configured directory (docs/text-analysis.md
// "Local sentence embeddings"). The runtime is onnxruntime-web (WebAssembly, a dependency: no native build, no
// install script, nothing downloaded); an installation that adds onnxruntime-node itself gets the native one.
// Both are imported only when an embedder is first used, so start-up never pays for them. Tokenisation reads the
// model's own tokenizer.json (@huggingface/tokenizers: WordPiece, Unigram/SentencePiece, BPE).
// Only redacted text reaches the model: every text goes through redactText() here, whatever the caller passed.

export interface SentenceEmbedder {
  /** One L2-normalised vector per text (texts are redacted before tokenising). */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface LoadedEmbedder extends SentenceEmbedder {
  dimensions: number;
  /** 'onnxruntime-node' or 'onnxruntime-web'. */
  runtime: string;
  /** How the token vectors become one: the model's own sentence_embedding output, or mean / cls pooling here. */
  pooling: 'model' | 'mean' | 'cls';
}

export class EmbeddingsUnavailableError extends Error {
  constructor(detail: string) {
    super(`Sentence embeddings are not available: ${detail}`);
    this.name = 'EmbeddingsUnavailableError';
  }
}

export interface ModelFiles {
  model: string;
  tokenizer: string;
  tokenizerConfig: string | null;
  /** sentence-transformers' sentence_bert_config.json (max_seq_length), when there. */
  sentenceConfig: string | null;
  /** sentence-transformers' 1_Pooling/config.json (mean or cls pooling), when there. */
  poolingConfig: string | null;
}

/** Finds the files of a model directory: model.onnx (or onnx/model.onnx) and tokenizer.json are required. */
export function checkModelDirectory(directory: string): ModelFiles {
  const at = (...parts: string[]) => path.join(directory, ...parts);
  const optional = (file: string) => (fs.existsSync(file) ? file : null);
  const model = [at('model.onnx'), at('onnx', 'model.onnx')].find((f) => fs.existsSync(f));
  if (!model) throw new EmbeddingsUnavailableError(`${at('model.onnx')} is missing`);
  const tokenizer = at('tokenizer.json');
  if (!fs.existsSync(tokenizer)) throw new EmbeddingsUnavailableError(`${tokenizer} is missing`);
  return {
    model,
    tokenizer,
    tokenizerConfig: optional(at('tokenizer_config.json')),
    sentenceConfig: optional(at('sentence_bert_config.json')),
    poolingConfig: optional(at('1_Pooling', 'config.json')),
  };
}

type Ort = typeof import('onnxruntime-web');
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

/** The ONNX runtime: onnxruntime-node when an installation added it, else the bundled onnxruntime-web. */
export async function loadOnnxRuntime(
  prefer: readonly string[] = ['onnxruntime-node', 'onnxruntime-web'],
): Promise<{ ort: Ort; name: string }> {
  for (const name of prefer) {
    try {
      const loaded = (await import(/* @vite-ignore */ name)) as Ort & { default?: Ort };
      const ort = loaded.InferenceSession ? loaded : (loaded.default as Ort);
      ort.env.logLevel = 'error';
      if (name === 'onnxruntime-web') {
        // One thread, no worker: a server shares its cores with requests; batches stay small instead.
        ort.env.wasm.numThreads = 1;
        ort.env.wasm.proxy = false;
      }
      return { ort, name };
    } catch {
      // try the next one
    }
  }
  throw new EmbeddingsUnavailableError(`none of ${prefer.join(', ')} could be loaded (npm ci installs them)`);
}

function readJson(file: string | null): Record<string, unknown> | null {
  if (!file) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new EmbeddingsUnavailableError(`${file} is not valid JSON (${(error as Error).message})`);
  }
}

/** The id of the padding token: the tokenizer's padding setting, else [PAD] / <pad>, else 0. */
function padId(tokenizerJson: Record<string, unknown>): number {
  const padding = tokenizerJson.padding as { pad_id?: number } | null | undefined;
  if (typeof padding?.pad_id === 'number') return padding.pad_id;
  const added = (tokenizerJson.added_tokens ?? []) as { id: number; content: string }[];
  return added.find((t) => t.content === '[PAD]' || t.content === '<pad>')?.id ?? 0;
}

function l2normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  const norm = Math.sqrt(sum) || 1;
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / norm;
  return vector;
}

/** Mean (over the attention mask) or first-token pooling of last_hidden_state [batch, sequence, dim]. */
export function poolTokens(
  hidden: Float32Array,
  dims: readonly number[],
  mask: readonly number[][],
  mode: 'mean' | 'cls',
): Float32Array[] {
  const [batch = 0, sequence = 0, dim = 0] = dims;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const vector = new Float32Array(dim);
    let count = 0;
    for (let s = 0; s < (mode === 'cls' ? 1 : sequence); s++) {
      if (mode === 'mean' && !mask[b]?.[s]) continue;
      count++;
      const base = (b * sequence + s) * dim;
      for (let d = 0; d < dim; d++) vector[d] = (vector[d] as number) + (hidden[base + d] as number);
    }
    for (let d = 0; d < dim; d++) vector[d] = (vector[d] as number) / Math.max(count, 1);
    out.push(vector);
  }
  return out;
}

export interface EmbedderOptions {
  /** Tokens per text at most (default: the model's max_seq_length, else 128). */
  maxTokens?: number;
  /** Texts per model call (default 16); the event loop gets a turn between batches. */
  batchSize?: number;
  /** Runtimes to try in order (tests pin onnxruntime-web). */
  runtimes?: readonly string[];
}

/** Loads the model and its tokenizer from a directory; throws EmbeddingsUnavailableError with the reason. */
export async function loadSentenceEmbedder(
  directory: string,
  options: EmbedderOptions = {},
): Promise<LoadedEmbedder> {
  const files = checkModelDirectory(directory);
  const tokenizerJson = readJson(files.tokenizer) as Record<string, unknown>;
  const sentenceConfig = readJson(files.sentenceConfig);
  const poolingConfig = readJson(files.poolingConfig);
  const { Tokenizer } = await import('@huggingface/tokenizers');
  const tokenizer = new Tokenizer(tokenizerJson as never, (readJson(files.tokenizerConfig) ?? {}) as never);
  const { ort, name } = await loadOnnxRuntime(options.runtimes);
  let session: Session;
  try {
    session = await ort.InferenceSession.create(new Uint8Array(fs.readFileSync(files.model)));
  } catch (error) {
    throw new EmbeddingsUnavailableError(`${files.model} could not be loaded (${(error as Error).message})`);
  }
  if (!session.inputNames.includes('input_ids') || !session.inputNames.includes('attention_mask')) {
    throw new EmbeddingsUnavailableError(
      `the model needs inputs input_ids and attention_mask, it has ${session.inputNames.join(', ')}`,
    );
  }
  const output = session.outputNames.includes('sentence_embedding')
    ? 'sentence_embedding'
    : session.outputNames.includes('last_hidden_state')
      ? 'last_hidden_state'
      : session.outputNames[0];
  if (!output) throw new EmbeddingsUnavailableError('the model has no outputs');
  const pooling: LoadedEmbedder['pooling'] =
    output === 'sentence_embedding' ? 'model' : poolingConfig?.pooling_mode_cls_token ? 'cls' : 'mean';
  const maxTokens = Math.max(4, options.maxTokens ?? (Number(sentenceConfig?.max_seq_length) || 128));
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const pad = padId(tokenizerJson);
  const withTypes = session.inputNames.includes('token_type_ids');

  function encode(text: string): number[] {
    const ids = tokenizer.encode(redactText(text).text).ids;
    // Too long: keep the start and the closing special token.
    return ids.length <= maxTokens ? ids : [...ids.slice(0, maxTokens - 1), ids[ids.length - 1] as number];
  }

  async function runBatch(texts: string[]): Promise<Float32Array[]> {
    const encoded = texts.map(encode);
    const length = Math.max(1, ...encoded.map((ids) => ids.length));
    const ids = new BigInt64Array(encoded.length * length).fill(BigInt(pad));
    const mask = new BigInt64Array(encoded.length * length);
    const maskRows = encoded.map((row) => Array.from({ length }, (_, i) => (i < row.length ? 1 : 0)));
    encoded.forEach((row, b) =>
      row.forEach((id, i) => {
        ids[b * length + i] = BigInt(id);
        mask[b * length + i] = 1n;
      }),
    );
    const shape = [encoded.length, length];
    const feeds: Record<string, InstanceType<Ort['Tensor']>> = {
      input_ids: new ort.Tensor('int64', ids, shape),
      attention_mask: new ort.Tensor('int64', mask, shape),
    };
    if (withTypes) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length), shape);
    const result = (await session.run(feeds))[output as string];
    if (!result) throw new EmbeddingsUnavailableError(`the model gave no ${output}`);
    const data = result.data as Float32Array;
    if (pooling !== 'model') return poolTokens(data, result.dims, maskRows, pooling).map(l2normalise);
    const dim = result.dims[1] ?? 0;
    return encoded.map((_, b) => l2normalise(data.slice(b * dim, (b + 1) * dim)));
  }

  async function embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      out.push(...(await runBatch(texts.slice(i, i + batchSize))));
    }
    return out;
  }

  const dimensions = (await runBatch(['.']))[0]?.length ?? 0;
  return { embed, dimensions, runtime: name, pooling };
}

/** An embedder that loads its model on first use (so start-up stays fast); a failed load is retried later. */
export function lazySentenceEmbedder(directory: string, options: EmbedderOptions = {}): SentenceEmbedder {
  let loading: Promise<LoadedEmbedder> | null = null;
  return {
    async embed(texts) {
      loading ??= loadSentenceEmbedder(directory, options).catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return (await loading).embed(texts);
    },
  };
}

/** Cosine similarity of two L2-normalised vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
