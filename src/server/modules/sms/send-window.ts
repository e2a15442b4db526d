// Quiet hours for SMS invitations, in Helsinki wall-clock time (src/shared/helsinki-time.ts).
import { helsinkiInstant, helsinkiWallTime } from '../../../shared/helsinki-time.ts';

export interface SendWindow {
  startHour: number;
  endHour: number;
}

/** The first moment at or after `at` that falls inside the daily window (Helsinki time). */
export function nextInWindow(at: Date, window: SendWindow): Date {
  const w = helsinkiWallTime(at);
  if (w.hour >= window.startHour && w.hour < window.endHour) return at;
  const day = w.hour < window.startHour ? w.day : w.day + 1;
  return helsinkiInstant(w.year, w.month, day, window.startHour);
}

/** Quiet hours: never on the day of the visit; from the next day's window start, or later if it came late. */
export function sendTimeFor(visitAt: Date, now: Date, window: SendWindow): Date {
  const v = helsinkiWallTime(visitAt);
  const nextDayStart = helsinkiInstant(v.year, v.month, v.day + 1, window.startHour);
  return nextInWindow(nextDayStart > now ? nextDayStart : now, window);
}
