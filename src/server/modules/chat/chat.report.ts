import { suppressCells } from '../insights/index.ts';
import type { OrgUnit } from '../organisation/index.ts';
import type { ChatReport, Count, Mean } from './index.ts';
import { RATING_BANDS } from './chat.validation.ts';
import type { RatingGroup } from './chat.repository.ts';

// Figures of the chat measure with the same suppression rules as every result: a partition whose total is visible
// (bands, months, the child units with the root's own ratings) goes through primary and secondary suppression
// together; a mean is shown only with its count.

function total(groups: readonly RatingGroup[]): { n: number; sum: number } {
  return groups.reduce((acc, g) => ({ n: acc.n + g.ratings, sum: acc.sum + g.sum }), { n: 0, sum: 0 });
}

function shown(partition: readonly RatingGroup[][], min: number): { count: Count; mean: Mean }[] {
  const totals = partition.map(total);
  const reasons = suppressCells(
    totals.map((x) => x.n),
    min,
  );
  return totals.map((x, i) =>
    reasons[i] === null
      ? {
          count: { suppressed: false, n: x.n },
          mean: x.n > 0 ? { suppressed: false, n: x.n, mean: x.sum / x.n } : { suppressed: true },
        }
      : { count: { suppressed: true }, mean: { suppressed: true } },
  );
}

export function buildChatReport(input: {
  unit: OrgUnit;
  from: string;
  to: string;
  minGroupSize: number;
  groups: readonly RatingGroup[];
  /** The root's children with the unit ids of each one's subtree. */
  children: { unit: OrgUnit; unitIds: ReadonlySet<string> }[];
}): ChatReport {
  const { groups, minGroupSize: min } = input;
  const all = total(groups);
  const tooFew = all.n > 0 && all.n < min;
  const hidden = { suppressed: true } as const;
  const bands = shown(
    RATING_BANDS.map((_, band) => groups.filter((g) => g.band === band)),
    min,
  ).map((b) => (tooFew ? hidden : b.count));
  const monthKeys = [...new Set(groups.map((g) => g.month))].sort();
  const months = shown(
    monthKeys.map((m) => groups.filter((g) => g.month === m)),
    min,
  ).map((m, i) => ({
    month: monthKeys[i]!,
    ratings: tooFew ? hidden : m.count,
    mean: tooFew ? hidden : m.mean,
  }));
  // The root's own ratings close the partition of the children, so they take part in secondary suppression.
  const inChild = (g: RatingGroup) => input.children.some((c) => c.unitIds.has(g.unitId));
  const childFigures = shown(
    [
      ...input.children.map((c) => groups.filter((g) => c.unitIds.has(g.unitId))),
      groups.filter((g) => !inChild(g)),
    ],
    min,
  );
  return {
    unit: input.unit,
    from: input.from,
    to: input.to,
    minGroupSize: min,
    ratings: tooFew ? hidden : { suppressed: false, n: all.n },
    mean: tooFew || all.n === 0 ? hidden : { suppressed: false, n: all.n, mean: all.sum / all.n },
    bands,
    months,
    children: input.children.map((c, i) => ({
      unit: c.unit,
      ratings: tooFew ? hidden : childFigures[i]!.count,
      mean: tooFew ? hidden : childFigures[i]!.mean,
    })),
  };
}
