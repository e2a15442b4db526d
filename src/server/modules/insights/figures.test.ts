import { describe, expect, test } from 'vitest';
import { npsChange, npsFigure, statementFigure } from './figures.ts';
import type { Counts } from './insights.repository.ts';

/** Counts from a list of answers: numbers by value, 'x' for "can't say" / no recommendation. */
function counts(answers: (number | 'x')[]): Counts {
  const result: Counts = { nx: 0, values: Array.from({ length: 11 }, () => 0) };
  for (const a of answers) {
    if (a === 'x') result.nx++;
    else result.values[a] = (result.values[a] ?? 0) + 1;
  }
  return result;
}

describe('NPS figure', () => {
  test('is % of 9–10 minus % of 0–6 with the split, its shares and a 95 % CI around it', () => {
    const f = npsFigure(counts([10, 9, 9, 8, 7, 6, 0, 10, 3, 9]));
    expect(f.n).toBe(10);
    expect(f.promoters).toEqual({ count: 5, share: 0.5 });
    expect(f.passives).toEqual({ count: 2, share: 0.2 });
    expect(f.detractors).toEqual({ count: 3, share: 0.3 });
    expect(f.value).toBeCloseTo(20, 10);
    // Variance of the ±1/0 answers: 0.5 + 0.3 − 0.2² = 0.76; SE = sqrt(0.76/10).
    const margin = 100 * 1.959964 * Math.sqrt(0.76 / 10);
    expect(f.ci95?.[0]).toBeCloseTo(20 - margin, 6);
    expect(f.ci95?.[1]).toBeCloseTo(20 + margin, 6);
  });

  test('all passives give NPS 0 with a zero-width interval', () => {
    const f = npsFigure(counts([7, 8, 7, 8, 8]));
    expect(f.value).toBe(0);
    expect(f.ci95).toEqual([0, 0]);
    expect(f.passives.share).toBe(1);
  });

  test('n = 0 gives no value and no interval, and responses without a recommendation do not count', () => {
    const f = npsFigure(counts(['x', 'x', 'x']));
    expect(f.n).toBe(0);
    expect(f.value).toBeNull();
    expect(f.ci95).toBeNull();
    expect(f.promoters).toEqual({ count: 0, share: 0 });
  });

  test('all promoters give +100 and the interval stays within −100…100', () => {
    const f = npsFigure(counts([9, 10, 10]));
    expect(f.value).toBe(100);
    expect(f.ci95).toEqual([100, 100]);
    const mixed = npsFigure(counts([0, 10]));
    expect(mixed.ci95?.[0]).toBeGreaterThanOrEqual(-100);
    expect(mixed.ci95?.[1]).toBeLessThanOrEqual(100);
  });
});

describe('statement figure', () => {
  test('share agreeing is 4–5 of the answers, mean and distribution leave "can\'t say" outside', () => {
    const f = statementFigure(counts([5, 4, 4, 3, 1, 'x', 'x']), 'agreement');
    expect(f.n).toBe(5);
    expect(f.cantSay).toBe(2);
    expect(f.agreeShare).toBeCloseTo(3 / 5, 12);
    expect(f.mean).toBeCloseTo(17 / 5, 12);
    expect(f.distribution).toEqual({ '1': 1, '2': 0, '3': 1, '4': 2, '5': 1 });
  });

  test('"can\'t say" only gives n = 0 and no share or mean', () => {
    const f = statementFigure(counts(['x', 'x', 'x', 'x', 'x']), 'agreement');
    expect(f).toMatchObject({ n: 0, agreeShare: null, mean: null, cantSay: 5 });
  });

  test('the four faces agree at 3–4 and have no fifth value', () => {
    const f = statementFigure(counts([4, 3, 2, 1]), 'smiley');
    expect(f.agreeShare).toBe(0.5);
    expect(Object.keys(f.distribution)).toEqual(['1', '2', '3', '4']);
  });
});

describe('NPS change', () => {
  test('a large drop on large n is significant; the same drop on small n is not', () => {
    const before = npsFigure(counts([...Array(300).fill(10), ...Array(100).fill(0)]));
    const after = npsFigure(counts([...Array(200).fill(10), ...Array(200).fill(0)]));
    const big = npsChange(after, before);
    expect(big?.value).toBeCloseTo(-50, 10);
    expect(big?.significant).toBe(true);
    expect(big?.ci95[1]).toBeLessThan(0);
    const smallBefore = npsFigure(counts([10, 10, 10, 0, 8, 9]));
    const smallAfter = npsFigure(counts([10, 10, 0, 0, 8, 9]));
    expect(npsChange(smallAfter, smallBefore)?.significant).toBe(false);
  });
});
