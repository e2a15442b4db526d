// Small groups are never shown (docs/insights.md "Suppression"). Primary: a figure based on fewer than
// minGroupSize respondents is suppressed. Secondary: within a partition whose total is visible (children of a unit
// plus its own responses, the categories of a breakdown, the buckets of a trend), the suppressed cells together
// must hold at least minGroupSize respondents, or the smallest visible cells are suppressed too, so that no small
// group can be worked out by subtracting visible cells from the total. Complement: a filtered figure that differs
// from the unfiltered figure of the same group by fewer than minGroupSize respondents is suppressed, so that
// comparing a filtered and an unfiltered view cannot single out a small group either.
import type { SuppressionReason } from './index.ts';

/** No respondents reveal nothing: an empty group is shown as n = 0 (with no values), not suppressed. */
export function primaryReason(n: number, minGroupSize: number): SuppressionReason | null {
  return n > 0 && n < minGroupSize ? 'small_group' : null;
}

/** True when `filtered` could be subtracted from `unfiltered` to reveal fewer than minGroupSize respondents. */
export function complementTooSmall(filtered: number, unfiltered: number, minGroupSize: number): boolean {
  const rest = unfiltered - filtered;
  return rest > 0 && rest < minGroupSize;
}

/**
 * Reasons for the cells of one partition (their n's add up to a total that may be visible), given reasons
 * already decided (primary, complement). Adds 'secondary' to the smallest visible cells until the suppressed
 * cells with any respondents are at least two and hold at least minGroupSize respondents between them, or no
 * visible cell is left.
 */
export function secondary(
  counts: readonly number[],
  decided: readonly (SuppressionReason | null)[],
  minGroupSize: number,
): (SuppressionReason | null)[] {
  const reasons = [...decided];
  const suppressedSum = () => counts.reduce((sum, n, i) => sum + (reasons[i] !== null ? n : 0), 0);
  // A lone suppressed cell (for any reason) would be the total minus the visible cells: it needs company too.
  const suppressedWithRespondents = () => counts.filter((n, i) => reasons[i] !== null && n > 0).length;
  const needsMore = () => {
    const sum = suppressedSum();
    return sum > 0 && (sum < minGroupSize || suppressedWithRespondents() === 1);
  };
  while (needsMore()) {
    let pick = -1;
    for (let i = 0; i < counts.length; i++) {
      if (reasons[i] !== null || (counts[i] ?? 0) === 0) continue;
      if (pick === -1 || (counts[i] ?? 0) < (counts[pick] ?? 0)) pick = i;
    }
    if (pick === -1) break;
    reasons[pick] = 'secondary';
  }
  return reasons;
}

/**
 * Primary and secondary suppression of one partition of counts, for exports and anything else that shows
 * groups side by side: null means the cell may be shown.
 */
export function suppressCells(counts: readonly number[], minGroupSize: number): (SuppressionReason | null)[] {
  return secondary(
    counts,
    counts.map((n) => primaryReason(n, minGroupSize)),
    minGroupSize,
  );
}
