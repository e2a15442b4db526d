// Emerging themes: a theme whose share of a subtree's analysed texts in the recent period is significantly
// higher than in the same subtree's own baseline period. One-sided two-proportion z-test (pooled variance) per
// subtree × theme, with Holm's step-down correction over all tests of one run so that checking hundreds of
// subtree × theme pairs does not produce alerts by chance. Small groups are not tested at all.

export interface ThemeCounts {
  unitId: string;
  theme: string;
  recentTexts: number;
  recentHits: number;
  baselineTexts: number;
  baselineHits: number;
}

export interface EmergingTheme extends ThemeCounts {
  recentShare: number;
  baselineShare: number;
  z: number;
  pValue: number;
}

export interface EmergingOptions {
  /** Family-wise error rate over one run (default 0.05). */
  alpha?: number;
  /** Least texts in each period, and least recent hits, for a pair to be tested (default 5 = minGroupSize). */
  minGroupSize?: number;
}

/** Standard normal upper tail P(Z > z), by the complementary error function (Abramowitz–Stegun 7.1.26). */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** One-sided test that the recent share is higher: z and p-value. */
export function twoProportionTest(
  hits1: number,
  n1: number,
  hits0: number,
  n0: number,
): { z: number; pValue: number } {
  const pooled = (hits1 + hits0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (hits1 / n1 - hits0 / n0) / se;
  return { z, pValue: normalUpperTail(z) };
}

/** Holm's step-down procedure: which of the p-values are rejected at family-wise level alpha. */
export function holmRejections(pValues: number[], alpha: number): boolean[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const rejected = pValues.map(() => false);
  for (let k = 0; k < order.length; k++) {
    const { p, i } = order[k] as { p: number; i: number };
    if (p > alpha / (order.length - k)) break;
    rejected[i] = true;
  }
  return rejected;
}

export function findEmergingThemes(counts: ThemeCounts[], options: EmergingOptions = {}): EmergingTheme[] {
  const alpha = options.alpha ?? 0.05;
  const min = options.minGroupSize ?? 5;
  const tested = counts
    .filter((c) => c.recentTexts >= min && c.baselineTexts >= min && c.recentHits >= min)
    .map((c) => {
      const recentShare = c.recentHits / c.recentTexts;
      const baselineShare = c.baselineHits / c.baselineTexts;
      return {
        ...c,
        recentShare,
        baselineShare,
        ...twoProportionTest(c.recentHits, c.recentTexts, c.baselineHits, c.baselineTexts),
      };
    });
  const rejected = holmRejections(
    tested.map((t) => t.pValue),
    alpha,
  );
  return tested.filter((t, i) => rejected[i] && t.recentShare > t.baselineShare);
}
