import { expect, test } from 'vitest';
import { countScores, countsFromDistribution, npsOf } from './nps.ts';

test('promoters are 9–10, passives 7–8 and detractors 0–6', () => {
  expect(countScores([0, 6, 7, 8, 9, 10])).toEqual({ promoters: 2, passives: 2, detractors: 2 });
});

test('NPS is the share of promoters minus the share of detractors, in points', () => {
  // 6 promoters, 2 passives, 2 detractors of 10: 60 % − 20 % = 40.
  expect(npsOf({ promoters: 6, passives: 2, detractors: 2 }).nps).toBeCloseTo(40);
  expect(npsOf({ promoters: 5, passives: 0, detractors: 0 }).nps).toBe(100);
  expect(npsOf({ promoters: 0, passives: 0, detractors: 3 }).nps).toBe(-100);
  expect(npsOf({ promoters: 0, passives: 4, detractors: 0 }).nps).toBe(0);
});

test('scores outside 0–10, fractions and non-numbers are not counted', () => {
  expect(countScores([11, -1, 9.5, '10', null, 10])).toEqual({ promoters: 1, passives: 0, detractors: 0 });
});

test('no answers give no figure rather than zero', () => {
  expect(npsOf({ promoters: 0, passives: 0, detractors: 0 })).toMatchObject({ n: 0, nps: null, ci95: null });
});

test('the confidence interval narrows as n grows and contains the estimate', () => {
  const small = npsOf({ promoters: 6, passives: 2, detractors: 2 });
  const large = npsOf({ promoters: 600, passives: 200, detractors: 200 });
  expect(small.nps).toBeCloseTo(large.nps!);
  const width = (r: typeof small) => r.ci95!.high - r.ci95!.low;
  expect(width(small)).toBeGreaterThan(width(large) * 9);
  expect(large.ci95!.low).toBeLessThan(40);
  expect(large.ci95!.high).toBeGreaterThan(40);
  // Known value: n = 1000, 60/20/20 → SE = sqrt((0.8 − 0.16) / 1000) = 0.0253 → ±4.96 points.
  expect(large.ci95!.high - 40).toBeCloseTo(4.96, 1);
});

test('the interval stays within −100…100 for unanimous small groups', () => {
  const all = npsOf({ promoters: 3, passives: 0, detractors: 0 });
  expect(all.ci95).toEqual({ low: 100, high: 100 });
  const mixed = npsOf({ promoters: 2, passives: 0, detractors: 1 });
  expect(mixed.ci95!.low).toBeGreaterThanOrEqual(-100);
  expect(mixed.ci95!.high).toBeLessThanOrEqual(100);
});

test('a 0–10 distribution folds into the same counts as the raw scores', () => {
  const scores = [0, 3, 6, 7, 8, 8, 9, 10, 10, 10];
  const distribution = Array.from({ length: 11 }, (_, s) => scores.filter((x) => x === s).length);
  expect(countsFromDistribution(distribution)).toEqual(countScores(scores));
});
