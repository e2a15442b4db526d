import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  easterSunday,
  finnishHolidays,
  holidayOn,
  isWorkingDay,
  weekday,
  workingDaysBetween,
} from './finnish-holidays.ts';

describe('easterSunday', () => {
  it.each([
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('finds Easter Sunday of %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(weekday(date)).toBe(0);
  });
});

describe('finnishHolidays', () => {
  it('lists the holidays of 2026 in date order', () => {
    expect(finnishHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'new_year' },
      { date: '2026-01-06', name: 'epiphany' },
      { date: '2026-04-03', name: 'good_friday' },
      { date: '2026-04-05', name: 'easter_sunday' },
      { date: '2026-04-06', name: 'easter_monday' },
      { date: '2026-05-01', name: 'may_day' },
      { date: '2026-05-14', name: 'ascension_day' },
      { date: '2026-05-24', name: 'whitsun' },
      { date: '2026-06-19', name: 'midsummer_eve' },
      { date: '2026-06-20', name: 'midsummer_day' },
      { date: '2026-10-31', name: 'all_saints_day' },
      { date: '2026-12-06', name: 'independence_day' },
      { date: '2026-12-24', name: 'christmas_eve' },
      { date: '2026-12-25', name: 'christmas_day' },
      { date: '2026-12-26', name: 'boxing_day' },
    ]);
  });

  it.each([
    [2024, '2024-06-21', '2024-11-02'],
    [2025, '2025-06-20', '2025-11-01'],
    [2027, '2027-06-25', '2027-11-06'],
    [2028, '2028-06-23', '2028-11-04'],
  ])('puts Midsummer Eve and All Saints’ Day of %i on %s and %s', (year, eve, allSaints) => {
    const byName = new Map(finnishHolidays(year).map((h) => [h.name, h.date]));
    expect(byName.get('midsummer_eve')).toBe(eve);
    expect(byName.get('midsummer_day')).toBe(addDays(eve, 1));
    expect(byName.get('all_saints_day')).toBe(allSaints);
  });

  it('keeps Midsummer Day a Saturday between 20 and 26 June and All Saints’ Day between 31 Oct and 6 Nov', () => {
    for (let year = 1990; year <= 2100; year += 1) {
      const byName = new Map(finnishHolidays(year).map((h) => [h.name, h.date]));
      const midsummer = byName.get('midsummer_day') ?? '';
      const allSaints = byName.get('all_saints_day') ?? '';
      expect(weekday(midsummer)).toBe(6);
      expect(midsummer >= `${year}-06-20` && midsummer <= `${year}-06-26`).toBe(true);
      expect(weekday(allSaints)).toBe(6);
      expect(allSaints >= `${year}-10-31` && allSaints <= `${year}-11-06`).toBe(true);
      expect(weekday(byName.get('good_friday') ?? '')).toBe(5);
      expect(weekday(byName.get('ascension_day') ?? '')).toBe(4);
    }
  });

  it('names a holiday by its date and nothing on an ordinary day', () => {
    expect(holidayOn('2027-12-06')?.name).toBe('independence_day');
    expect(holidayOn('2026-11-23')).toBeUndefined();
  });
});

describe('isWorkingDay', () => {
  it('treats weekends and holidays as days off and other days as working days', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(isWorkingDay('2026-06-19')).toBe(false); // Midsummer Eve
    expect(isWorkingDay('2026-12-24')).toBe(false); // Christmas Eve
    expect(isWorkingDay('2027-01-06')).toBe(false); // Epiphany, a Wednesday
    expect(isWorkingDay('2026-12-31')).toBe(true); // New Year's Eve is a working day
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['a Monday to the next Monday', '2026-11-23', '2026-11-30'],
    ['a Friday to the next Friday', '2026-11-20', '2026-11-27'],
    ['a Saturday to the Friday after', '2026-11-21', '2026-11-27'],
    ['a Sunday to the Friday after', '2026-11-22', '2026-11-27'],
    ['over Easter (Good Friday and Easter Monday)', '2026-04-02', '2026-04-13'],
    ['over May Day', '2026-04-29', '2026-05-07'],
    ['over Ascension Day', '2026-05-12', '2026-05-20'],
    ['over Midsummer Eve', '2026-06-17', '2026-06-25'],
    ['over Christmas', '2026-12-21', '2026-12-30'],
    ['over the year end and Epiphany', '2026-12-29', '2027-01-07'],
    ['over Independence Day on a Monday', '2027-12-03', '2027-12-13'],
    ['from Christmas Eve itself', '2026-12-24', '2027-01-04'],
  ])('counts five working days from %s', (_label, from, due) => {
    expect(addWorkingDays(from, 5)).toBe(due);
    expect(workingDaysBetween(from, due)).toBe(5);
  });

  it('returns the same day for zero and refuses negative or fractional counts', () => {
    expect(addWorkingDays('2026-11-21', 0)).toBe('2026-11-21');
    expect(() => addWorkingDays('2026-11-21', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-21', 1.5)).toThrow(RangeError);
  });

  it('refuses a date that does not exist', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => isWorkingDay('tomorrow')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
