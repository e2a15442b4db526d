import { expect, test } from 'vitest';
import { findEmergingThemes, holmRejections, normalUpperTail, twoProportionTest } from './emerging.ts';

test('the normal upper tail matches known quantiles', () => {
  expect(normalUpperTail(0)).toBeCloseTo(0.5, 6);
  expect(normalUpperTail(1.6449)).toBeCloseTo(0.05, 3);
  expect(normalUpperTail(2.3263)).toBeCloseTo(0.01, 3);
  expect(normalUpperTail(-1.96)).toBeCloseTo(0.975, 3);
});

test('the two-proportion z-test: a clear rise is significant, no change is not', () => {
  expect(twoProportionTest(18, 60, 10, 200).pValue).toBeLessThan(0.001);
  expect(twoProportionTest(12, 60, 40, 200).pValue).toBeGreaterThan(0.4);
});

test("Holm's step-down rejects in order of p-value while p ≤ alpha / remaining", () => {
  expect(holmRejections([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, false, false, true]);
  expect(holmRejections([0.001, 0.2], 0.05)).toEqual([true, false]);
});

test('emerging themes: a real rise is found; a small group, a steady theme and a chance rise among many are not', () => {
  const base = { recentTexts: 60, baselineTexts: 200 };
  const counts = [
    { unitId: 'a', theme: 'parking', ...base, recentHits: 18, baselineHits: 10 },
    { unitId: 'a', theme: 'access', ...base, recentHits: 12, baselineHits: 40 },
    { unitId: 'small', theme: 'parking', recentTexts: 4, recentHits: 4, baselineTexts: 200, baselineHits: 1 },
    // 40 units whose theme rose by chance a little (p ≈ 0.03 each): not significant after Holm.
    ...Array.from({ length: 40 }, (_, i) => ({
      unitId: `u${i}`,
      theme: 'food',
      ...base,
      recentHits: 11,
      baselineHits: 20,
    })),
  ];
  const found = findEmergingThemes(counts, { minGroupSize: 5 });
  expect(found.map((f) => `${f.unitId}:${f.theme}`)).toEqual(['a:parking']);
  expect(found[0]?.recentShare).toBeCloseTo(0.3);
  expect(found[0]?.baselineShare).toBeCloseTo(0.05);
});
