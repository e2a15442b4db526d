// Reply deadlines. Dates are Helsinki calendar dates: a message sent at 23:30 UTC on a Sunday arrived on Monday in
// Helsinki, and that is the day the clock starts. docs/inbox.md explains the two rules and why accessibility
// feedback counts calendar days.
import { addDays, addWorkingDays } from '../../../shared/finnish-holidays.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';

export const TIME_ZONE = 'Europe/Helsinki';
export const REPLY_WORKING_DAYS = 5;
export const ACCESSIBILITY_CALENDAR_DAYS = 14;

export type DeadlineRule = 'reply_working_days' | 'accessibility_days';

export interface Deadline {
  rule: DeadlineRule;
  /** The last Helsinki calendar day on which a reply is on time. */
  dueDate: string;
  /** The first instant that is late: midnight at the start of the day after dueDate, Helsinki time. */
  dueAt: Date;
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

export { helsinkiDate };

/** Helsinki's offset from UTC at an instant, in milliseconds (+2 h in winter, +3 h in summer). */
function offsetAt(instant: Date): number {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of a whole hour of Helsinki time on a date (not for 03:00 on the spring DST day, which is skipped). */
export function helsinkiTime(date: string, hour: number): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour);
  let instant = naive - offsetAt(new Date(naive));
  instant = naive - offsetAt(new Date(instant));
  return new Date(instant);
}

/** The instant of 00:00 Helsinki time on a date (DST changes happen at 03:00/04:00, never at midnight). */
export function helsinkiMidnight(date: string): Date {
  return helsinkiTime(date, 0);
}

/** The Helsinki hour (0–23) of an instant. */
export function helsinkiHour(instant: Date): number {
  const parts = partsFormat.formatToParts(instant);
  return Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
}

/**
 * When the writer must have an answer by, or null when no deadline applies. Accessibility feedback always has
 * one (the law requires an answer whether or not one was asked for); other feedback only when a reply was asked.
 */
export function replyDeadline(input: {
  type: string;
  replyRequested: boolean;
  receivedAt: Date;
}): Deadline | null {
  const received = helsinkiDate(input.receivedAt);
  let rule: DeadlineRule;
  let dueDate: string;
  if (input.type === 'accessibility') {
    rule = 'accessibility_days';
    dueDate = addDays(received, ACCESSIBILITY_CALENDAR_DAYS);
  } else if (input.replyRequested) {
    rule = 'reply_working_days';
    dueDate = addWorkingDays(received, REPLY_WORKING_DAYS);
  } else {
    return null;
  }
  return { rule, dueDate, dueAt: helsinkiMidnight(addDays(dueDate, 1)) };
}

/** Overdue: a deadline exists, it has passed, and the item is not closed. */
export function isOverdue(dueAt: Date | null, closed: boolean, now: Date): boolean {
  return dueAt !== null && !closed && now.getTime() >= dueAt.getTime();
}
