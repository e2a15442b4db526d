import fs from 'node:fs';
import path from 'node:path';

// Optional local sentence embeddings for similarity search and clustering, off by default: an ONNX model (e.g. a
// multilingual MiniLM exported with its tokenizer) loaded from a configured directory. The ONNX runtime is NOT a
// dependency of Kuulo: onnxruntime-node is a native package of several hundred MB (FACTS.md: ~474 MB with
// @huggingface/transformers, and its install script tries to download CUDA binaries unless
// ONNXRUNTIME_NODE_INSTALL=skip). An installation that wants embeddings installs it next to Kuulo
// (`ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node`) and sets KUULO_ANALYSIS_EMBEDDINGS_DIR.

export interface SentenceEmbedder {
  /** One L2-normalised vector per text (redacted text only). */
  embed(texts: string[]): Promise<Float32Array[]>;
  dimensions: number;
}

export class EmbeddingsUnavailableError extends Error {
  constructor(detail: string) {
    super(`Sentence embeddings are not available: ${detail}`);
    this.name = 'EmbeddingsUnavailableError';
  }
}

/** Checks the model directory: model.onnx and tokenizer.json must be there. */
export function checkModelDirectory(directory: string): { model: string; tokenizer: string } {
  const model = path.join(directory, 'model.onnx');
  const tokenizer = path.join(directory, 'tokenizer.json');
  for (const file of [model, tokenizer]) {
    if (!fs.existsSync(file)) throw new EmbeddingsUnavailableError(`${file} is missing`);
  }
  return { model, tokenizer };
}

/** Loads the ONNX runtime on demand; a clear error when it is not installed. */
export async function loadOnnxRuntime(): Promise<unknown> {
  const name = 'onnxruntime-node';
  try {
    return (await import(/* @vite-ignore */ name)) as unknown;
  } catch {
    throw new EmbeddingsUnavailableError(
      'the package onnxruntime-node is not installed (ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node)',
    );
  }
}

/** Cosine similarity of two L2-normalised vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
