import { expect, test } from 'vitest';
import { parseDashboardQuery, periodRange, queryString } from './dashboard-query.ts';

const TODAY = '2026-11-22';

test('defaults follow today: this year, by month, no filters', () => {
  const q = parseDashboardQuery({}, TODAY);
  expect(q).toMatchObject({
    unit: null,
    period: 'year',
    year: '2026',
    grain: 'month',
    channel: [],
    sort: 'name',
  });
  expect(periodRange(q)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
});

test('months, quarters and custom ranges become inclusive local dates', () => {
  expect(periodRange(parseDashboardQuery({ period: 'month', month: '2024-02' }, TODAY))).toEqual({
    from: '2024-02-01',
    to: '2024-02-29',
  });
  expect(periodRange(parseDashboardQuery({ period: 'quarter', quarter: '2026q3' }, TODAY))).toEqual({
    from: '2026-07-01',
    to: '2026-09-30',
  });
  const custom = parseDashboardQuery({ period: 'custom', from: '2026-05-10', to: '2026-03-01' }, TODAY);
  expect(periodRange(custom)).toEqual({ from: '2026-03-01', to: '2026-05-10' });
});

test('bad values fall back to defaults instead of failing, and filters keep only plain codes', () => {
  const q = parseDashboardQuery(
    {
      period: 'decade',
      month: '2026-13',
      grain: 'day',
      unit: '../etc',
      channel: ['web', 'sms,kiosk', '<x>'],
    },
    TODAY,
  );
  expect(q).toMatchObject({
    period: 'year',
    month: '2026-11',
    grain: 'month',
    unit: null,
    channel: ['web', 'sms', 'kiosk'],
  });
});

test('the query string round-trips the state and writes each filter value once', () => {
  const q = parseDashboardQuery(
    {
      unit: 'u1',
      period: 'month',
      month: '2026-10',
      channel: ['web', 'sms'],
      age: '18_29',
      sort: 'nps',
      dir: 'desc',
    },
    TODAY,
  );
  const written = queryString(q, {}, { lang: 'sv' });
  expect(written).toBe(
    'unit=u1&period=month&month=2026-10&grain=month&channel=web&channel=sms&age=18_29&sort=nps&dir=desc&lang=sv',
  );
  const again = parseDashboardQuery(
    Object.fromEntries(
      [...new URLSearchParams(written)].reduce((m, [k, v]) => {
        const list = m.get(k) ?? [];
        list.push(v);
        return m.set(k, list);
      }, new Map<string, string[]>()),
    ),
    TODAY,
  );
  expect(again).toEqual(q);
});
