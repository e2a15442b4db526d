// Calendar arithmetic on local dates ('YYYY-MM-DD'), done in UTC so no time zone or DST can shift a day.
import type { Grain } from './index.ts';

const DAY_MS = 86_400_000;

export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function toDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

function fromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(value: string, days: number): string {
  return fromDate(new Date(toDate(value).getTime() + days * DAY_MS));
}

/** Inclusive number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS) + 1;
}

export function monthStart(value: string): string {
  return `${value.slice(0, 7)}-01`;
}

export function addMonths(value: string, months: number): string {
  const date = toDate(monthStart(value));
  date.setUTCMonth(date.getUTCMonth() + months);
  return fromDate(date);
}

export function monthEnd(value: string): string {
  return addDays(addMonths(value, 1), -1);
}

/** Monday of the ISO week (PostgreSQL's date_trunc('week')). */
export function weekStart(value: string): string {
  const date = toDate(value);
  const offset = (date.getUTCDay() + 6) % 7;
  return addDays(value, -offset);
}

export function quarterStart(value: string): string {
  const month = Number(value.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${value.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

export function bucketStart(value: string, grain: Grain): string {
  if (grain === 'week') return weekStart(value);
  if (grain === 'month') return monthStart(value);
  return quarterStart(value);
}

function nextBucket(start: string, grain: Grain): string {
  if (grain === 'week') return addDays(start, 7);
  return addMonths(start, grain === 'month' ? 1 : 3);
}

/** ISO 8601 week label, e.g. 2026-W07. */
function isoWeekLabel(start: string): string {
  const thursday = toDate(addDays(start, 3));
  const year = thursday.getUTCFullYear();
  const firstThursday = toDate(weekStart(`${year}-01-04`));
  const week = Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(Math.max(1, week)).padStart(2, '0')}`;
}

export function bucketLabel(start: string, grain: Grain): string {
  if (grain === 'week') return isoWeekLabel(start);
  if (grain === 'month') return start.slice(0, 7);
  return `${start.slice(0, 4)}Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
}

export interface Bucket {
  /** Bucket's own first day (may be before the period's from). */
  key: string;
  start: string;
  end: string;
  label: string;
}

/** The buckets covering [from, to], clipped to it, in order. */
export function buckets(from: string, to: string, grain: Grain): Bucket[] {
  const result: Bucket[] = [];
  for (let key = bucketStart(from, grain); key <= to; key = nextBucket(key, grain)) {
    const end = addDays(nextBucket(key, grain), -1);
    result.push({
      key,
      start: key < from ? from : key,
      end: end > to ? to : end,
      label: bucketLabel(key, grain),
    });
  }
  return result;
}

export interface PeriodParts {
  /** Whole months, as first days of months (inclusive); null when none. */
  months: { first: string; last: string } | null;
  /** Day ranges outside whole months. */
  days: { from: string; to: string }[];
}

/** Splits a period into whole months (read from the monthly rollup) and the days at its edges. */
export function splitPeriod(from: string, to: string): PeriodParts {
  const firstFull = from === monthStart(from) ? from : addMonths(from, 1);
  const lastFullEnd = to === monthEnd(to) ? to : addDays(monthStart(to), -1);
  if (firstFull > lastFullEnd) return { months: null, days: [{ from, to }] };
  const days: { from: string; to: string }[] = [];
  if (from < firstFull) days.push({ from, to: addDays(firstFull, -1) });
  if (lastFullEnd < to) days.push({ from: addDays(lastFullEnd, 1), to });
  return { months: { first: firstFull, last: monthStart(lastFullEnd) }, days };
}

/** The period of equal length just before [from, to]. Whole calendar months map to whole months. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (from === monthStart(from) && to === monthEnd(to)) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
      Number(to.slice(5, 7)) -
      Number(from.slice(5, 7)) +
      1;
    return { from: addMonths(from, -months), to: addDays(from, -1) };
  }
  const length = daysBetween(from, to);
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
