// The recommendation index (NPS): % of 9–10 minus % of 0–6, from −100 to +100, with a 95 % confidence
// interval so that a change of a few points on a small n is not read as news. Shared by reports, exports and
// the public pages; every figure carries its n.

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsResult extends NpsCounts {
  n: number;
  /** −100…100, or null when n is 0. */
  nps: number | null;
  /** 95 % confidence interval of nps (normal approximation, clamped to −100…100); null when n is 0. */
  ci95: { low: number; high: number } | null;
}

export function isValidRecommendation(score: unknown): score is number {
  return typeof score === 'number' && Number.isInteger(score) && score >= 0 && score <= 10;
}

/** Counts scores into promoters (9–10), passives (7–8) and detractors (0–6); anything else is ignored. */
export function countScores(scores: Iterable<unknown>): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) {
    if (!isValidRecommendation(score)) continue;
    if (score >= 9) counts.promoters++;
    else if (score >= 7) counts.passives++;
    else counts.detractors++;
  }
  return counts;
}

/** Folds a 0–10 distribution (index = score) into counts, as the aggregates store it. */
export function countsFromDistribution(distribution: readonly number[]): NpsCounts {
  const at = (i: number) => distribution[i] ?? 0;
  let detractors = 0;
  for (let i = 0; i <= 6; i++) detractors += at(i);
  return { promoters: at(9) + at(10), passives: at(7) + at(8), detractors };
}

const Z95 = 1.959964;

export function npsOf(counts: NpsCounts): NpsResult {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) return { ...counts, n, nps: null, ci95: null };
  const pPro = counts.promoters / n;
  const pDet = counts.detractors / n;
  const score = pPro - pDet;
  // Each answer is +1, 0 or −1: its variance is pPro + pDet − score², the mean's variance that over n.
  const standardError = Math.sqrt(Math.max(0, pPro + pDet - score * score) / n);
  const clamp = (x: number) => Math.max(-100, Math.min(100, x));
  return {
    ...counts,
    n,
    nps: 100 * score,
    ci95: {
      low: clamp(100 * (score - Z95 * standardError)),
      high: clamp(100 * (score + Z95 * standardError)),
    },
  };
}
