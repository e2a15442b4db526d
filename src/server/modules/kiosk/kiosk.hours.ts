import type { OpeningHours } from './index.ts';

// Opening hours are local times in Finland: silence at night or at weekends is no reason for an alert.
const HELSINKI = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export const DEFAULT_OPENING_HOURS: OpeningHours = { days: [1, 2, 3, 4, 5], opens: '08:00', closes: '16:00' };

function minutesOf(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** The ISO weekday and minutes since local midnight in Finland. */
export function helsinkiClock(at: Date): { day: number; minutes: number } {
  const parts = Object.fromEntries(HELSINKI.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    day: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export function isOpen(hours: OpeningHours, at: Date): boolean {
  const { day, minutes } = helsinkiClock(at);
  return hours.days.includes(day) && minutes >= minutesOf(hours.opens) && minutes < minutesOf(hours.closes);
}

/**
 * Since when a device counts as silent at `at`: its last contact, or today's opening time when that is later,
 * so a device that was quiet overnight gets its silence counted from the morning. undefined when closed.
 */
export function silentSince(hours: OpeningHours, lastContact: Date, at: Date): Date | undefined {
  if (!isOpen(hours, at)) return undefined;
  const { minutes } = helsinkiClock(at);
  const opening = new Date(at.getTime() - (minutes - minutesOf(hours.opens)) * 60_000);
  opening.setUTCSeconds(0, 0);
  return lastContact > opening ? lastContact : opening;
}

export function isTime(value: string): boolean {
  return /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value);
}
