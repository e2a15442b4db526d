// Figures of handled open feedback for one subtree and quarter (the quarterly review, docs/quarterly-review.md).
// What counts where:
//  - received: items that arrived in the quarter, with their status at its end (done, duplicate, rejected, open);
//  - deadlines: items whose deadline (docs/inbox.md) fell in the quarter; met when the item was first closed
//    before the deadline instant, as the inbox's "overdue" means; a deadline still ahead is left out;
//  - handling time: items marked done for the first time in the quarter, in working days from the day of receipt
//    (Helsinki dates, Finnish holidays): received and done on the same day is 0;
//  - open and overdue at the end: every item open at the quarter's end, whenever it arrived.
// Item counts are not respondent figures, but the project's rule holds: a unit with fewer than minGroupSize items
// received is never broken down (the subtree's totals stay), and a hidden unit cannot be found by subtraction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addDays, workingDaysBetween } from '../../../shared/finnish-holidays.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';
import { OBJECTION_TAG } from '../../../shared/inbox-tags.ts';
import { FEEDBACK_TYPES, type FeedbackStatus, type FeedbackType } from '../feedback/index.ts';
import { helsinkiMidnight } from './inbox.deadlines.ts';
import { isClosed } from './inbox.status.ts';
import * as repo from './inbox.quarterly.repository.ts';
import type {
  DeadlineShare,
  FeedbackQuarterFigures,
  FeedbackQuarterInput,
  ObjectionQuarterFigures,
  OutcomeCounts,
  UnitFeedbackRow,
} from './index.ts';

/** '2026Q3' → '2026Q2'; '2026Q1' → '2025Q4'. */
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}

/** The first and last day of a quarter ('2026Q3' → 2026-07-01, 2026-09-30). */
export function quarterDays(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const first = (Number(quarter.slice(5)) - 1) * 3 + 1;
  const to = new Date(Date.UTC(year, first + 2, 0)).toISOString().slice(0, 10);
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to };
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
}

function emptyOutcome(): OutcomeCounts {
  return { received: 0, done: 0, duplicate: 0, rejected: 0, open: 0 };
}

function addOutcome(counts: OutcomeCounts, status: string): void {
  counts.received += 1;
  if (status === 'done' || status === 'duplicate' || status === 'rejected') counts[status] += 1;
  else counts.open += 1;
}

export interface UnitTally {
  childId: string | null;
  received: number;
  done: number;
  openAtEnd: number;
  overdueAtEnd: number;
}

/**
 * Units with fewer than min items are hidden; while the hidden ones together are fewer than min (but not none),
 * the smallest shown unit joins them, so their sum – total minus the shown rows – never reveals a small unit.
 */
export function suppressUnits(
  tallies: readonly UnitTally[],
  min: number,
): { shown: UnitTally[]; other: UnitTally | null; otherUnits: number } {
  const sorted = [...tallies].sort((a, b) => a.received - b.received);
  const hidden = sorted.filter((u) => u.received < min);
  const shown = sorted.filter((u) => u.received >= min);
  const sum = () => hidden.reduce((total, u) => total + u.received, 0);
  while (hidden.length > 0 && sum() < min && shown.length > 0) hidden.push(shown.shift() as UnitTally);
  if (hidden.length === 0) return { shown: shown.reverse(), other: null, otherUnits: 0 };
  const other: UnitTally = { childId: null, received: 0, done: 0, openAtEnd: 0, overdueAtEnd: 0 };
  for (const u of hidden) {
    other.received += u.received;
    other.done += u.done;
    other.openAtEnd += u.openAtEnd;
    other.overdueAtEnd += u.overdueAtEnd;
  }
  return { shown: shown.reverse(), other, otherUnits: hidden.length };
}

function share(): DeadlineShare {
  return { due: 0, met: 0, pending: 0 };
}

/** Everything counted from the items' facts, before suppression. */
export interface QuarterTally {
  total: OutcomeCounts;
  byType: Record<FeedbackType, OutcomeCounts>;
  deadlines: { workingDays: DeadlineShare; accessibility: DeadlineShare };
  handlingDays: number[];
  openAtEnd: number;
  overdueAtEnd: number;
  units: UnitTally[];
}

/** Counts one quarter: window start and end, and asOf (the end, or now while the quarter runs). */
export function tallyQuarter(
  facts: readonly repo.ItemFacts[],
  window: { start: Date; end: Date },
  asOf: Date,
): QuarterTally {
  const byType = Object.fromEntries(FEEDBACK_TYPES.map((type) => [type, emptyOutcome()])) as Record<
    FeedbackType,
    OutcomeCounts
  >;
  const tally: QuarterTally = {
    total: emptyOutcome(),
    byType,
    deadlines: { workingDays: share(), accessibility: share() },
    handlingDays: [],
    openAtEnd: 0,
    overdueAtEnd: 0,
    units: [],
  };
  const units = new Map<string | null, UnitTally>();
  for (const item of facts) {
    let unit = units.get(item.childId);
    if (!unit) {
      unit = { childId: item.childId, received: 0, done: 0, openAtEnd: 0, overdueAtEnd: 0 };
      units.set(item.childId, unit);
    }
    if (item.createdAt >= window.start) {
      addOutcome(byType[item.type], item.statusAtEnd);
      addOutcome(tally.total, item.statusAtEnd);
      unit.received += 1;
      if (item.statusAtEnd === 'done') unit.done += 1;
    }
    if (!isClosed(item.statusAtEnd as FeedbackStatus)) {
      tally.openAtEnd += 1;
      unit.openAtEnd += 1;
      if (item.replyDueAt !== null && item.replyDueAt <= asOf) {
        tally.overdueAtEnd += 1;
        unit.overdueAtEnd += 1;
      }
    }
    countDeadline(tally.deadlines, item, window, asOf);
    if (item.firstDoneAt && item.firstDoneAt >= window.start && item.firstDoneAt < window.end) {
      tally.handlingDays.push(
        workingDaysBetween(helsinkiDate(item.createdAt), helsinkiDate(item.firstDoneAt)),
      );
    }
  }
  tally.units = [...units.values()];
  return tally;
}

/** A deadline falling in the quarter is met when the item was first closed before it; one still ahead is pending. */
function countDeadline(
  deadlines: QuarterTally['deadlines'],
  item: repo.ItemFacts,
  window: { start: Date; end: Date },
  asOf: Date,
): void {
  const due = item.replyDueAt;
  if (!due || due <= window.start || due > window.end) return;
  const rule = item.type === 'accessibility' ? deadlines.accessibility : deadlines.workingDays;
  if (item.firstClosedAt && item.firstClosedAt < due) {
    rule.due += 1;
    rule.met += 1;
  } else if (due <= asOf) rule.due += 1;
  else rule.pending += 1;
}

function unitRow(reportUnitId: string, u: UnitTally): UnitFeedbackRow {
  return {
    unitId: u.childId ?? reportUnitId,
    own: u.childId === null,
    received: u.received,
    done: u.done,
    openAtEnd: u.openAtEnd,
    overdueAtEnd: u.overdueAtEnd,
  };
}

/** Leaves out every breakdown of a quarter with fewer than min items, and small units (suppressUnits). */
function suppressed(
  input: FeedbackQuarterInput,
  tally: QuarterTally,
): Pick<
  FeedbackQuarterFigures,
  'suppressed' | 'byType' | 'deadlines' | 'handlingDays' | 'units' | 'otherUnits'
> {
  if (tally.total.received < input.minGroupSize) {
    return {
      suppressed: true,
      byType: null,
      deadlines: null,
      handlingDays: null,
      units: [],
      otherUnits: null,
    };
  }
  const units = suppressUnits(tally.units, input.minGroupSize);
  const days = tally.handlingDays;
  return {
    suppressed: false,
    byType: tally.byType,
    deadlines: tally.deadlines,
    handlingDays: { n: days.length, median: median(days), p90: percentile(days, 0.9) },
    units: units.shown.map((u) => unitRow(input.unitId, u)),
    otherUnits: units.other
      ? { ...unitRow(input.unitId, units.other), unitId: null, own: false, units: units.otherUnits }
      : null,
  };
}

export function createQuarterlyFigures(deps: { db: Kysely<DB>; now: () => Date }) {
  function window(unitId: string, quarter: string) {
    const { from, to } = quarterDays(quarter);
    return { unitId, start: helsinkiMidnight(from), end: helsinkiMidnight(addDays(to, 1)) };
  }

  async function feedbackFigures(input: FeedbackQuarterInput): Promise<FeedbackQuarterFigures> {
    const w = window(input.unitId, input.quarter);
    const now = deps.now();
    const asOf = now < w.end ? now : w.end;
    const tally = tallyQuarter(await repo.quarterItemFacts(deps.db, w), w, asOf);
    const replies = { email: 0, sms: 0, failed: 0 };
    for (const row of await repo.quarterReplies(deps.db, w)) {
      if (row.status === 'failed') replies.failed += row.n;
      else replies[row.channel] += row.n;
    }
    const published = await repo.quarterPublished(deps.db, w);
    return {
      quarter: input.quarter,
      complete: now >= w.end,
      asOf,
      minGroupSize: input.minGroupSize,
      received: tally.total,
      openAtEnd: tally.openAtEnd,
      overdueAtEnd: tally.overdueAtEnd,
      replies,
      published: published.published,
      publishedWithReply: published.withReply,
      ...suppressed(input, tally),
    };
  }

  async function objectionFigures(input: FeedbackQuarterInput): Promise<ObjectionQuarterFigures> {
    const w = window(input.unitId, input.quarter);
    const rows = await repo.quarterTagged(deps.db, w, OBJECTION_TAG);
    const redirected = rows.reduce((sum, r) => sum + r.n, 0);
    const received = await repo.quarterReceived(deps.db, w);
    const byType = Object.fromEntries(
      FEEDBACK_TYPES.map((type) => [type, rows.find((r) => r.type === type)?.n ?? 0]),
    ) as Record<FeedbackType, number>;
    const small = received < input.minGroupSize;
    return {
      quarter: input.quarter,
      complete: deps.now() >= w.end,
      minGroupSize: input.minGroupSize,
      received,
      redirected,
      suppressed: small,
      byType: small ? null : byType,
    };
  }

  return { feedbackFigures, objectionFigures };
}

export type QuarterlyFigures = ReturnType<typeof createQuarterlyFigures>;
