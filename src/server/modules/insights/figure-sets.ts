// Builds the figures of a partition (one or more groups shown side by side) from rollup sums and applies
// suppression: primary and complement per figure, then secondary across the partition, per kind of figure.
import type {
  CountFigure,
  NpsFigure,
  StatementFigure,
  StatementScale,
  StatementValues,
  SuppressedFigure,
  SuppressionReason,
} from './index.ts';
import type { Counts } from './insights.repository.ts';
import { emptyCounts, npsFigure, responsesOf, statementFigure } from './figures.ts';
import { complementTooSmall, primaryReason, secondary } from './suppression.ts';

export interface StatementDef {
  id: string;
  scale: StatementScale;
}

/** Sums by question id ('' = the response itself) of one group. */
export type QuestionCounts = Map<string, Counts>;

export interface GroupFigures {
  count: CountFigure;
  nps: NpsFigure;
  statements: StatementFigure[];
}

export function suppressed(reason: SuppressionReason): SuppressedFigure {
  return { suppressed: true, reason, n: null };
}

function countsOf(group: QuestionCounts | undefined, questionId: string): Counts {
  return group?.get(questionId) ?? emptyCounts();
}

function decide(
  ns: number[],
  unfilteredNs: (number | null)[] | null,
  forced: (SuppressionReason | null)[],
  minGroupSize: number,
): (SuppressionReason | null)[] {
  const decided = ns.map((n, i) => {
    const force = forced[i] ?? null;
    if (force) return force;
    const primary = primaryReason(n, minGroupSize);
    if (primary) return primary;
    const unfiltered = unfilteredNs?.[i];
    if (unfiltered !== null && unfiltered !== undefined && complementTooSmall(n, unfiltered, minGroupSize)) {
      return 'complement' as const;
    }
    return null;
  });
  return secondary(ns, decided, minGroupSize);
}

/**
 * Figures for groups shown side by side (their sums add up to a total shown elsewhere). `unfiltered` holds the
 * same groups without the user's filters (null when there are none), for the complement rule.
 */
export function partitionFigures(
  groups: (QuestionCounts | undefined)[],
  unfiltered: (QuestionCounts | undefined)[] | null,
  statements: StatementDef[],
  minGroupSize: number,
): GroupFigures[] {
  const responseCounts = groups.map((g) => responsesOf(countsOf(g, '')));
  const unfilteredCounts = unfiltered?.map((g) => responsesOf(countsOf(g, ''))) ?? null;
  const countReasons = decide(responseCounts, unfilteredCounts, [], minGroupSize);

  const npsRaw = groups.map((g) => npsFigure(countsOf(g, '')));
  const npsUnfiltered = unfiltered?.map((g) => npsFigure(countsOf(g, '')).n) ?? null;
  const npsReasons = decide(
    npsRaw.map((f) => f.n),
    npsUnfiltered,
    countReasons,
    minGroupSize,
  );

  const statementColumns = statements.map((def) => {
    const raw = groups.map((g) => statementFigure(countsOf(g, def.id), def.scale));
    // Everyone who answered the statement counts, "can't say" included: shares need n ≥ minGroupSize, and a
    // handful of "can't say" answers alone is a small group as well.
    const answered = (f: { n: number; cantSay: number }) => f.n + f.cantSay;
    const unfilteredNs =
      unfiltered?.map((g) => answered(statementFigure(countsOf(g, def.id), def.scale))) ?? null;
    const forced = raw.map(
      (f, i) =>
        countReasons[i] ?? primaryReason(f.n, minGroupSize) ?? primaryReason(answered(f), minGroupSize),
    );
    // Secondary suppression must hold both for the distributions (n) and for the "can't say" counts.
    const byAnswered = decide(raw.map(answered), unfilteredNs, forced, minGroupSize);
    const reasons = secondary(
      raw.map((f) => f.n),
      byAnswered,
      minGroupSize,
    );
    return { def, raw, reasons };
  });

  return groups.map((_, i) => {
    const countReason = countReasons[i] ?? null;
    const npsReason = npsReasons[i] ?? null;
    return {
      count: countReason ? suppressed(countReason) : { suppressed: false, n: responseCounts[i] ?? 0 },
      nps: npsReason ? suppressed(npsReason) : (npsRaw[i] as NpsFigure),
      statements: statementColumns.map(({ def, raw, reasons }) => {
        const reason = reasons[i] ?? null;
        const values = reason ? suppressed(reason) : raw[i];
        return { id: def.id, scale: def.scale, ...(values as StatementValues) };
      }),
    };
  });
}

/** Indexes grouped rows by a key built from their group columns. */
export function indexRows(
  rows: { keys: Record<string, string | null>; questionId: string; counts: Counts }[],
  keyOf: (keys: Record<string, string | null>) => string,
): Map<string, QuestionCounts> {
  const index = new Map<string, QuestionCounts>();
  for (const row of rows) {
    const key = keyOf(row.keys);
    let group = index.get(key);
    if (!group) index.set(key, (group = new Map()));
    const existing = group.get(row.questionId);
    if (existing) {
      existing.nx += row.counts.nx;
      row.counts.values.forEach((v, i) => (existing.values[i] = (existing.values[i] ?? 0) + v));
    } else group.set(row.questionId, { nx: row.counts.nx, values: [...row.counts.values] });
  }
  return index;
}
