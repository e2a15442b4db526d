import { suppressCells } from '../insights/index.ts';
import type { OrgUnit } from '../organisation/index.ts';
import { AFFECTED_BY, ON_TIME } from './home-care.values.ts';
import { type Count, type HomeCareReport, type OnTime, type ShareFigure } from './index.ts';
import type { VisitGroup } from './home-care.repository.ts';

// Turns grouped visit counts into the side-by-side report. Every partition whose total is visible (faces, on-time
// answers, reasons, months) goes through primary and secondary suppression together, so a hidden small group
// cannot be worked out by subtracting the visible ones from the total.

const GOOD_FACES = new Set([3, 4]);

function sum(groups: readonly VisitGroup[], keep: (g: VisitGroup) => boolean): number {
  return groups.reduce((total, g) => total + (keep(g) ? g.visits : 0), 0);
}

function counts(values: readonly number[], minGroupSize: number): Count[] {
  const reasons = suppressCells(values, minGroupSize);
  return values.map((n, i) => (reasons[i] === null ? { suppressed: false, n } : { suppressed: true }));
}

/**
 * A share a/n is a partition of n into a and n − a: it is shown only when n and both parts are either empty or at
 * least the minimum group size, so that neither the share nor its complement singles out a small group.
 */
function share(part: number, of: number, minGroupSize: number, hidden = false): ShareFigure {
  const small = (k: number) => k > 0 && k < minGroupSize;
  if (hidden || of < minGroupSize || small(part) || small(of - part)) return { suppressed: true };
  return { suppressed: false, n: of, share: part / of };
}

function byKey<K extends string>(keys: readonly K[], values: Count[]): Record<K, Count> {
  return Object.fromEntries(keys.map((k, i) => [k, values[i]!])) as Record<K, Count>;
}

export function buildReport(input: {
  unit: OrgUnit;
  from: string;
  to: string;
  minGroupSize: number;
  groups: readonly VisitGroup[];
}): HomeCareReport {
  const { groups, minGroupSize: min } = input;
  const visits = sum(groups, () => true);
  const answered = (g: VisitGroup) => g.face !== null;
  const answeredN = sum(groups, answered);
  const declinedN = sum(groups, (g) => g.declined);
  // Visits without an answer or a decline (the client form was left) complete the partition of all visits.
  const [answeredCount, declinedCount] = counts([answeredN, declinedN, visits - answeredN - declinedN], min);
  const faces = counts(
    [1, 2, 3, 4].map((face) => sum(groups, (g) => g.face === face)),
    min,
  );
  const assessedN = sum(groups, (g) => g.onTime !== null);
  const onTimeCounts = ON_TIME.map((o) => sum(groups, (g) => g.onTime === o));
  const affectedCounts = AFFECTED_BY.map((a) => sum(groups, (g) => g.affectedBy === a));

  const sideN = ON_TIME.map((o) => sum(groups, (g) => g.onTime === o && answered(g)));
  const sideHidden = suppressCells(sideN, min);
  const sideBySide = Object.fromEntries(
    ON_TIME.map((o, i) => [
      o,
      share(
        sum(groups, (g) => g.onTime === o && g.face !== null && GOOD_FACES.has(g.face)),
        sideN[i]!,
        min,
        sideHidden[i] !== null,
      ),
    ]),
  ) as Record<OnTime, ShareFigure>;

  const monthKeys = [...new Set(groups.map((g) => g.month))].sort();
  const monthVisits = monthKeys.map((m) => sum(groups, (g) => g.month === m));
  const monthHidden = suppressCells(monthVisits, min);
  const months = monthKeys.map((month, i) => {
    const inMonth = groups.filter((g) => g.month === month);
    const hidden = monthHidden[i] !== null;
    return {
      month,
      visits: hidden ? ({ suppressed: true } as const) : ({ suppressed: false, n: monthVisits[i]! } as const),
      good: share(
        sum(inMonth, (g) => g.face !== null && GOOD_FACES.has(g.face)),
        sum(inMonth, answered),
        min,
        hidden,
      ),
      onTime: share(
        sum(inMonth, (g) => g.onTime === 'yes'),
        sum(inMonth, (g) => g.onTime !== null),
        min,
        hidden,
      ),
    };
  });

  // Zero visits reveals nothing and lets the page say "nothing recorded" instead of "hidden".
  const tooFew = visits > 0 && visits < min;
  return {
    unit: input.unit,
    from: input.from,
    to: input.to,
    minGroupSize: min,
    visits: tooFew ? { suppressed: true } : { suppressed: false, n: visits },
    client: {
      answered: tooFew ? { suppressed: true } : answeredCount!,
      declined: tooFew ? { suppressed: true } : declinedCount!,
      faces: tooFew ? faces.map(() => ({ suppressed: true })) : faces,
      // With a face hidden, the good share would give away sums of hidden faces: then it is hidden too.
      good: share(
        sum(groups, (g) => g.face !== null && GOOD_FACES.has(g.face)),
        answeredN,
        min,
        tooFew || faces.some((f) => f.suppressed),
      ),
    },
    staff: {
      assessed: tooFew || assessedN < min ? { suppressed: true } : { suppressed: false, n: assessedN },
      onTime: byKey(ON_TIME, tooFew ? ON_TIME.map(() => ({ suppressed: true })) : counts(onTimeCounts, min)),
      affectedBy: byKey(
        AFFECTED_BY,
        tooFew ? AFFECTED_BY.map(() => ({ suppressed: true })) : counts(affectedCounts, min),
      ),
    },
    sideBySide,
    months,
  };
}
