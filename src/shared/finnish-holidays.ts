// Finnish public holidays and working days, as calendar dates ('YYYY-MM-DD'). Pure date arithmetic with no time
// zone: callers turn an instant into a Helsinki date first. Midsummer Eve and Christmas Eve are not public
// holidays in law, but offices are closed and the statutory time-limit act (150/1930, 5 §) treats them as
// non-working days, so they count as holidays here.

export type FinnishHolidayName =
  | 'new_year'
  | 'epiphany'
  | 'good_friday'
  | 'easter_sunday'
  | 'easter_monday'
  | 'may_day'
  | 'ascension_day'
  | 'whitsun'
  | 'midsummer_eve'
  | 'midsummer_day'
  | 'all_saints_day'
  | 'independence_day'
  | 'christmas_eve'
  | 'christmas_day'
  | 'boxing_day';

export interface FinnishHoliday {
  date: string;
  name: FinnishHolidayName;
}

const DAY_MS = 86_400_000;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A calendar date as a UTC-midnight Date, only for arithmetic (never shown or stored as an instant). */
function toUtc(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(utc.getTime()) || formatUtc(utc) !== date) throw new RangeError(`not a date: ${date}`);
  return utc;
}

function formatUtc(date: Date): string {
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function addDays(date: string, days: number): string {
  return formatUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return toUtc(date).getUTCDay();
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The first date on or after `from` that falls on the weekday (0 = Sunday … 6 = Saturday). */
function firstWeekdayFrom(from: string, wanted: number): string {
  return addDays(from, (wanted - weekday(from) + 7) % 7);
}

const holidayCache = new Map<number, FinnishHoliday[]>();

/** Every Finnish public holiday of the year (plus Midsummer Eve and Christmas Eve), in date order. */
export function finnishHolidays(year: number): FinnishHoliday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const midsummerDay = firstWeekdayFrom(`${year}-06-20`, 6);
  const holidays: FinnishHoliday[] = [
    { date: `${year}-01-01`, name: 'new_year' },
    { date: `${year}-01-06`, name: 'epiphany' },
    { date: addDays(easter, -2), name: 'good_friday' },
    { date: easter, name: 'easter_sunday' },
    { date: addDays(easter, 1), name: 'easter_monday' },
    { date: `${year}-05-01`, name: 'may_day' },
    { date: addDays(easter, 39), name: 'ascension_day' },
    { date: addDays(easter, 49), name: 'whitsun' },
    { date: addDays(midsummerDay, -1), name: 'midsummer_eve' },
    { date: midsummerDay, name: 'midsummer_day' },
    { date: firstWeekdayFrom(`${year}-10-31`, 6), name: 'all_saints_day' },
    { date: `${year}-12-06`, name: 'independence_day' },
    { date: `${year}-12-24`, name: 'christmas_eve' },
    { date: `${year}-12-25`, name: 'christmas_day' },
    { date: `${year}-12-26`, name: 'boxing_day' },
  ];
  holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  holidayCache.set(year, holidays);
  return holidays;
}

export function holidayOn(date: string): FinnishHoliday | undefined {
  return finnishHolidays(Number(date.slice(0, 4))).find((holiday) => holiday.date === date);
}

/** Monday to Friday and not a holiday. */
export function isWorkingDay(date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && holidayOn(date) === undefined;
}

/**
 * The n-th working day after `date` (n ≥ 1); `date` itself never counts, whatever day it is. n = 0 returns
 * `date` unchanged.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let current = date;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** Working days in (from, to]: 0 when to ≤ from. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) {
    if (isWorkingDay(current)) count += 1;
  }
  return count;
}
