// Figures from rollup counts: NPS with its split and 95 % CI, statement shares, means and distributions.
// Pure functions; suppression is decided elsewhere (suppression.ts) and applied on top.
import { countsFromDistribution, npsOf } from '../../../shared/nps.ts';
import type { NpsShown, StatementScale, StatementShown } from './index.ts';
import type { Counts } from './insights.repository.ts';

export function emptyCounts(): Counts {
  return { nx: 0, values: Array.from({ length: 11 }, () => 0) };
}

export function addCounts(into: Counts, more: Counts): Counts {
  into.nx += more.nx;
  for (let i = 0; i < 11; i++) into.values[i] = (into.values[i] ?? 0) + (more.values[i] ?? 0);
  return into;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Responses counted in question '' (each response once: a score or "no recommendation"). */
export function responsesOf(counts: Counts): number {
  return counts.nx + sum(counts.values);
}

export function npsFigure(counts: Counts): NpsShown {
  const split = countsFromDistribution(counts.values);
  const result = npsOf(split);
  const share = (count: number) => ({ count, share: result.n === 0 ? 0 : count / result.n });
  return {
    suppressed: false,
    n: result.n,
    value: result.nps,
    ci95: result.ci95 ? [result.ci95.low, result.ci95.high] : null,
    promoters: share(split.promoters),
    passives: share(split.passives),
    detractors: share(split.detractors),
  };
}

export function scaleMax(scale: StatementScale): number {
  return scale === 'smiley' ? 4 : 5;
}

/** Agreement: 4–5 of 1–5 agree. Faces: 3–4 of 1–4 (satisfied, very satisfied). "Can't say" is outside n. */
export function statementFigure(counts: Counts, scale: StatementScale): StatementShown {
  const max = scaleMax(scale);
  const distribution: Record<string, number> = {};
  let n = 0;
  let total = 0;
  let agree = 0;
  for (let value = 1; value <= max; value++) {
    const count = counts.values[value] ?? 0;
    distribution[String(value)] = count;
    n += count;
    total += value * count;
    if (value >= max - 1) agree += count;
  }
  return {
    suppressed: false,
    n,
    agreeShare: n === 0 ? null : agree / n,
    mean: n === 0 ? null : total / n,
    distribution,
    cantSay: counts.nx,
  };
}

/** Difference of two independent NPS values with the CI of the difference (standard errors combined). */
export function npsChange(
  current: NpsShown,
  previous: NpsShown,
): { value: number; ci95: [number, number]; significant: boolean } | null {
  if (current.value === null || previous.value === null) return null;
  const se = (f: NpsShown) => {
    if (f.n === 0) return 0;
    const p = f.promoters.share;
    const d = f.detractors.share;
    return (100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2))) / Math.sqrt(f.n);
  };
  const value = current.value - previous.value;
  const margin = 1.959964 * Math.sqrt(se(current) ** 2 + se(previous) ** 2);
  const low = value - margin;
  const high = value + margin;
  return { value, ci95: [low, high], significant: low > 0 || high < 0 };
}
