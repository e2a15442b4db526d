// The demo year in Helsinki time: which days exist, how busy each is (weekdays, holidays, the summer dip, SMS
// uptake over the year) and how a local time becomes an instant. Local dates follow Europe/Helsinki because
// responses.local_date does (reports group by the day the client experienced).

export const TIME_ZONE = 'Europe/Helsinki';

export interface DemoDay {
  /** YYYY-MM-DD in Helsinki. */
  date: string;
  /** 0 for the oldest day, 1 for the newest. */
  position: number;
  weight: number;
  /** Minutes east of UTC at local noon (120 or 180). */
  offsetMinutes: number;
}

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZoneName: 'shortOffset',
});

function helsinkiParts(instant: Date): { date: string; offsetMinutes: number } {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(parts.timeZoneName ?? '');
  const offset = match ? (Number(match[2]) * 60 + Number(match[3] ?? 0)) * (match[1] === '-' ? -1 : 1) : 0;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, offsetMinutes: offset };
}

export function helsinkiDate(instant: Date): string {
  return helsinkiParts(instant).date;
}

const MONTH_FACTOR = [1.05, 1.05, 1.05, 1.0, 1.0, 0.8, 0.5, 0.85, 1.1, 1.1, 1.1, 0.9];

function isHoliday(month: number, day: number, weekday: number): boolean {
  const fixed = ['1-1', '1-6', '5-1', '12-6', '12-24', '12-25', '12-26'];
  if (fixed.includes(`${month}-${day}`)) return true;
  // Midsummer Eve is the Friday between 19 and 25 June.
  return month === 6 && weekday === 5 && day >= 19 && day <= 25;
}

/** The 365 full days before `now`'s Helsinki date, oldest first. */
export function demoYear(now: Date): DemoDay[] {
  const [y, m, d] = helsinkiDate(now).split('-').map(Number) as [number, number, number];
  const todayUtc = Date.UTC(y, m - 1, d);
  const days: DemoDay[] = [];
  for (let back = 365; back >= 1; back--) {
    const day = new Date(todayUtc - back * 86_400_000);
    const month = day.getUTCMonth() + 1;
    const dom = day.getUTCDate();
    const weekday = day.getUTCDay();
    const position = (365 - back) / 364;
    let weight = weekday === 0 ? 0.15 : weekday === 6 ? 0.22 : 1;
    if (isHoliday(month, dom, weekday)) weight = 0.2;
    if (month === 12 && dom >= 20) weight *= 0.6;
    weight *= (MONTH_FACTOR[month - 1] ?? 1) * (0.85 + 0.3 * position);
    const noon = new Date(day.getTime() + 10 * 3_600_000);
    days.push({
      date: day.toISOString().slice(0, 10),
      position,
      weight,
      offsetMinutes: helsinkiParts(noon).offsetMinutes,
    });
  }
  return days;
}

/** The instant of a Helsinki local time on a demo day. */
export function instantAt(day: DemoDay, minuteOfDay: number, second: number): Date {
  const [y, m, d] = day.date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + (minuteOfDay - day.offsetMinutes) * 60_000 + second * 1000);
}
