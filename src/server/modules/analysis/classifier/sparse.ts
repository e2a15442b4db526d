// Compressed sparse rows: the documents × features matrix of TF-IDF weights.

export interface SparseRows {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Builds the matrix from per-row (index, value) lists. */
export function sparseRows(cols: number, rows: { indices: number[]; values: number[] }[]): SparseRows {
  const nnz = rows.reduce((sum, r) => sum + r.indices.length, 0);
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  rows.forEach((row, i) => {
    indices.set(row.indices, at);
    values.set(row.values, at);
    at += row.indices.length;
    indptr[i + 1] = at;
  });
  return { rows: rows.length, cols, indptr, indices, values };
}

/** w·x for one row; w has cols + 1 entries, the last one the bias. */
export function dot(x: SparseRows, row: number, w: ArrayLike<number>): number {
  let sum = w[x.cols] ?? 0;
  for (let k = x.indptr[row] as number, end = x.indptr[row + 1] as number; k < end; k++) {
    sum += (w[x.indices[k] as number] as number) * (x.values[k] as number);
  }
  return sum;
}

/** A deterministic generator (mulberry32) so that training twice on the same data gives the same model. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace(array: Int32Array, random: () => number): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = array[i] as number;
    array[i] = array[j] as number;
    array[j] = tmp;
  }
}
