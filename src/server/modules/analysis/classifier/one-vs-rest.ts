import { trainLinearSvm, rowSquaredNorms } from './linear-svm.ts';
import { dot, seededRandom, shuffleInPlace, type SparseRows } from './sparse.ts';

// One binary linear SVM per label. Model selection by k-fold cross-validation on the training data only: the
// cost C (per label or shared), and per-label decision thresholds that maximise that label's F1 on the
// out-of-fold decision values. Thresholds matter most for rare labels, where a plain SVM at 0 predicts too few.

export interface OneVsRestOptions {
  cGrid: number[];
  folds: number;
  /** Choose each label's C by its own cross-validated F1 (else one C for all, by macro-F1). */
  perLabelC: boolean;
  tuneThresholds: boolean;
  /** Weight positives by sqrt(negatives / positives), at most maxPositiveWeight. */
  balance: boolean;
  maxPositiveWeight: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

export interface OneVsRest {
  /** Per label: x.cols + 1 weights (last the bias); empty when the label had no positive example. */
  weights: Float32Array[];
  thresholds: number[];
  costs: number[];
  /** Cross-validated F1 per label at the chosen C and threshold (NaN where not cross-validated). */
  cvF1: number[];
}

interface Best {
  f1: number;
  threshold: number;
}

/** The threshold that maximises F1 on (score, truth) pairs; midway between neighbouring scores. */
export function bestThreshold(
  scores: Float64Array,
  truth: Uint8Array,
  rows: Int32Array,
  tune: boolean,
): Best {
  let positives = 0;
  for (const row of rows) positives += truth[row] as number;
  if (!tune) {
    let tp = 0;
    let fp = 0;
    for (const row of rows) {
      if ((scores[row] as number) <= 0) continue;
      if ((truth[row] as number) === 1) tp++;
      else fp++;
    }
    return { f1: tp === 0 ? 0 : (2 * tp) / (tp + fp + positives), threshold: 0 };
  }
  const order = Array.from(rows).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let best: Best = { f1: 0, threshold: 0 };
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const row = order[k] as number;
    if ((truth[row] as number) === 1) tp++;
    else fp++;
    const here = scores[row] as number;
    const next = k + 1 < order.length ? (scores[order[k + 1] as number] as number) : here - 1;
    if (next === here) continue;
    const f1 = (2 * tp) / (tp + fp + positives);
    const threshold = (here + next) / 2;
    // Ties go to the threshold nearer the SVM's own 0: less fitted to this sample.
    if (
      f1 > best.f1 + 1e-12 ||
      (Math.abs(f1 - best.f1) <= 1e-12 && Math.abs(threshold) < Math.abs(best.threshold))
    ) {
      best = { f1, threshold };
    }
  }
  // A threshold far outside the margin is fitted to a handful of examples.
  return { f1: best.f1, threshold: Math.min(1, Math.max(-1, best.threshold)) };
}

function costs(c: number, positives: number, total: number, options: OneVsRestOptions) {
  const negatives = total - positives;
  const weight = options.balance
    ? Math.min(options.maxPositiveWeight, Math.max(1, Math.sqrt(negatives / Math.max(positives, 1))))
    : 1;
  return { cPositive: c * weight, cNegative: c };
}

function countPositives(truth: Uint8Array, rows: Int32Array): number {
  let count = 0;
  for (const row of rows) count += truth[row] as number;
  return count;
}

export function trainOneVsRest(x: SparseRows, targets: Uint8Array[], options: OneVsRestOptions): OneVsRest {
  options = { ...options, cGrid: [...options.cGrid].sort((a, b) => a - b) };
  const norms = rowSquaredNorms(x);
  const all = Int32Array.from({ length: x.rows }, (_, i) => i);
  const shuffled = all.slice();
  shuffleInPlace(shuffled, seededRandom(options.seed));
  const folds = Math.max(2, Math.min(options.folds, x.rows));
  const foldOf = new Int32Array(x.rows);
  shuffled.forEach((row, position) => (foldOf[row] = position % folds));
  const grid = options.cGrid;
  const labels = targets.length;
  const oof = grid.map(() => targets.map(() => new Float64Array(x.rows)));
  const cvLabels = targets.map((t) => countPositives(t, all) >= folds);
  const total = folds * grid.length * cvLabels.filter(Boolean).length + labels;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);

  for (let f = 0; f < folds; f++) {
    const trainRows = all.filter((row) => foldOf[row] !== f);
    const testRows = all.filter((row) => foldOf[row] === f);
    targets.forEach((truth, l) => {
      if (!cvLabels[l]) return;
      const positives = countPositives(truth, trainRows);
      // The grid is walked from the smallest C up, each fit starting from the previous one's solution.
      const alpha = new Float64Array(trainRows.length);
      grid.forEach((c, g) => {
        const w = trainLinearSvm(x, trainRows, truth, norms, {
          ...costs(c, positives, trainRows.length, options),
          seed: options.seed + l,
          alpha,
        });
        const out = oof[g]?.[l] as Float64Array;
        for (const row of testRows) out[row] = dot(x, row, w);
        tick();
      });
    });
  }

  const results = grid.map((_, g) =>
    targets.map((truth, l) =>
      cvLabels[l]
        ? bestThreshold(oof[g]?.[l] as Float64Array, truth, all, options.tuneThresholds)
        : undefined,
    ),
  );
  const middle = Math.floor((grid.length - 1) / 2);
  const sharedBest = (() => {
    let bestG = middle;
    let bestMacro = -1;
    results.forEach((perLabel, g) => {
      const scored = perLabel.filter((r): r is Best => r !== undefined);
      const macro = scored.length ? scored.reduce((s, r) => s + r.f1, 0) / scored.length : 0;
      if (macro > bestMacro + 1e-12) {
        bestMacro = macro;
        bestG = g;
      }
    });
    return bestG;
  })();

  const weights: Float32Array[] = [];
  const thresholds: number[] = [];
  const chosenCosts: number[] = [];
  const cvF1: number[] = [];
  targets.forEach((truth, l) => {
    const positives = countPositives(truth, all);
    let g = sharedBest;
    if (options.perLabelC && cvLabels[l]) {
      let bestF1 = -1;
      results.forEach((perLabel, candidate) => {
        const f1 = perLabel[l]?.f1 ?? 0;
        if (f1 > bestF1 + 1e-12) {
          bestF1 = f1;
          g = candidate;
        }
      });
    }
    const c = grid[g] as number;
    const chosen = results[g]?.[l];
    chosenCosts.push(c);
    cvF1.push(chosen ? chosen.f1 : Number.NaN);
    if (positives === 0) {
      weights.push(new Float32Array(0));
      thresholds.push(0);
    } else {
      const w = trainLinearSvm(x, all, truth, norms, {
        ...costs(c, positives, x.rows, options),
        seed: options.seed + l,
      });
      weights.push(Float32Array.from(w));
      thresholds.push(chosen ? chosen.threshold : 0);
    }
    tick();
  });
  return { weights, thresholds, costs: chosenCosts, cvF1 };
}
