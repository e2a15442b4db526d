import { seededRandom, type SparseRows } from './sparse.ts';

// A binary linear SVM with squared hinge loss trained by dual coordinate descent (Hsieh et al. 2008, the
// algorithm of LIBLINEAR and of scikit-learn's LinearSVC), with a bias feature of value 1 like LinearSVC's
// intercept. Positive and negative examples can have different costs (class weighting for rare themes).

export interface SvmOptions {
  /** Cost of a positive example's loss. */
  cPositive: number;
  /** Cost of a negative example's loss. */
  cNegative: number;
  /** Stop when the projected gradient's spread is below this (LIBLINEAR's default 0.1). */
  tolerance?: number;
  maxEpochs?: number;
  seed?: number;
  /**
   * Dual variables to start from (one per entry of rows), e.g. the solution for a smaller C on the same rows:
   * still feasible, and much closer to the new optimum than zero. Updated in place.
   */
  alpha?: Float64Array;
}

/**
 * Trains on the given rows of x; positive(row) says which are positive. Returns the weights (x.cols + 1 entries,
 * the last the bias) as Float64Array.
 */
export function trainLinearSvm(
  x: SparseRows,
  rows: Int32Array,
  positive: Uint8Array,
  squaredNorms: Float64Array,
  options: SvmOptions,
): Float64Array {
  const tolerance = options.tolerance ?? 0.1;
  const maxEpochs = options.maxEpochs ?? 1000;
  const random = seededRandom(options.seed ?? 1);
  const n = rows.length;
  const w = new Float64Array(x.cols + 1);
  const alpha = options.alpha ?? new Float64Array(n);
  const diag = new Float64Array(n);
  const qii = new Float64Array(n);
  const sign = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as number;
    const pos = positive[row] === 1;
    sign[i] = pos ? 1 : -1;
    diag[i] = 0.5 / (pos ? options.cPositive : options.cNegative);
    qii[i] = (squaredNorms[row] as number) + 1 + (diag[i] as number);
  }
  for (let i = 0; i < n; i++) {
    const a = alpha[i] as number;
    if (a === 0) continue;
    const row = rows[i] as number;
    const delta = a * (sign[i] as number);
    for (let k = x.indptr[row] as number; k < (x.indptr[row + 1] as number); k++) {
      const j = x.indices[k] as number;
      w[j] = (w[j] as number) + delta * (x.values[k] as number);
    }
    w[x.cols] = (w[x.cols] as number) + delta;
  }
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const { indptr, indices, values } = x;
  const bias = x.cols;
  // LIBLINEAR's shrinking: an example at its bound whose gradient says it will stay there leaves the active set
  // until the active set converges; then all are checked once more.
  let activeSize = n;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    for (let k = activeSize - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      const tmp = index[k] as number;
      index[k] = index[j] as number;
      index[j] = tmp;
    }
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < activeSize; s++) {
      const i = index[s] as number;
      const row = rows[i] as number;
      const start = indptr[row] as number;
      const end = indptr[row + 1] as number;
      let wx = w[bias] as number;
      for (let k = start; k < end; k++) wx += (w[indices[k] as number] as number) * (values[k] as number);
      const yi = sign[i] as number;
      const a = alpha[i] as number;
      const g = yi * wx - 1 + (diag[i] as number) * a;
      let pg = 0;
      if (a === 0) {
        if (g > pgMaxOld) {
          activeSize--;
          index[s] = index[activeSize] as number;
          index[activeSize] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else pg = g;
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const next = Math.max(a - g / (qii[i] as number), 0);
        const delta = (next - a) * yi;
        alpha[i] = next;
        for (let k = start; k < end; k++) {
          const j = indices[k] as number;
          w[j] = (w[j] as number) + delta * (values[k] as number);
        }
        w[bias] = (w[bias] as number) + delta;
      }
    }
    if (pgMax - pgMin <= tolerance) {
      if (activeSize === n) break;
      activeSize = n;
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    pgMinOld = pgMin >= 0 ? -Infinity : pgMin;
  }
  void pgMinOld;
  return w;
}

/** Squared L2 norm of every row (the diagonal of the Gram matrix, needed by the solver). */
export function rowSquaredNorms(x: SparseRows): Float64Array {
  const norms = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let sum = 0;
    for (let k = x.indptr[r] as number; k < (x.indptr[r + 1] as number); k++)
      sum += (x.values[k] as number) ** 2;
    norms[r] = sum;
  }
  return norms;
}
