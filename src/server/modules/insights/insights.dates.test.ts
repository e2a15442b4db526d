import { describe, expect, test } from 'vitest';
import { bucketLabel, buckets, previousPeriod, splitPeriod } from './insights.dates.ts';

describe('periods and buckets', () => {
  test('ISO week labels: the week of 4 January is week 1, even when it starts in December', () => {
    expect(bucketLabel('2025-12-29', 'week')).toBe('2026-W01');
    expect(bucketLabel('2026-02-09', 'week')).toBe('2026-W07');
    expect(bucketLabel('2020-12-28', 'week')).toBe('2020-W53');
  });

  test('buckets are clipped to the period and labelled by month and quarter', () => {
    expect(buckets('2026-01-15', '2026-03-10', 'month').map((b) => [b.label, b.start, b.end])).toEqual([
      ['2026-01', '2026-01-15', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-28'],
      ['2026-03', '2026-03-01', '2026-03-10'],
    ]);
    expect(buckets('2026-02-01', '2026-07-31', 'quarter').map((b) => b.label)).toEqual([
      '2026Q1',
      '2026Q2',
      '2026Q3',
    ]);
  });

  test('a period splits into whole months and edge days', () => {
    expect(splitPeriod('2026-01-15', '2026-04-10')).toEqual({
      months: { first: '2026-02-01', last: '2026-03-01' },
      days: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    });
    expect(splitPeriod('2026-02-03', '2026-02-20')).toEqual({
      months: null,
      days: [{ from: '2026-02-03', to: '2026-02-20' }],
    });
    expect(splitPeriod('2026-01-01', '2026-12-31').days).toEqual([]);
  });

  test('the previous period has equal length; whole months map to whole months', () => {
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2026-01-01', '2026-06-30')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousPeriod('2026-03-10', '2026-03-16')).toEqual({ from: '2026-03-03', to: '2026-03-09' });
  });
});
