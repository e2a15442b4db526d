import { expect, test } from 'vitest';
import { monthDates, quarterDates } from './dates.ts';
import { periodLabel } from './figures.presenter.ts';
import { recentQuarters } from './dashboard.presenter.ts';

test('quarters and months become their first and last day, leap years included', () => {
  expect(quarterDates('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  expect(quarterDates('2026Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  expect(quarterDates('2026Q5')).toBeNull();
  expect(monthDates('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  expect(monthDates('2026-00')).toBeNull();
});

test('period labels are written in the page language', () => {
  expect(periodLabel('fi', '2026-W07')).toBe('2026 vk 7');
  expect(periodLabel('en', '2026-W07')).toBe('2026 wk 7');
  expect(periodLabel('sv', '2026Q1')).toBe('2026Q1');
  expect(periodLabel('en', '2026-02')).toBe('Feb 2026');
});

test('the quarter picker offers the last eight quarters, newest first', () => {
  expect(recentQuarters('2026-02-10', 3)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
});
