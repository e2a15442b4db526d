import { describe, expect, test } from 'vitest';
import { complementTooSmall, secondary, suppressCells } from './suppression.ts';

/** A small deterministic generator, so a failing case can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** What subtraction can learn: the total minus the visible cells is the sum of the suppressed cells. */
function revealedBySubtraction(counts: number[], reasons: (string | null)[]): number[] {
  const hidden = counts.filter((_, i) => reasons[i] !== null);
  return hidden.filter((n) => n > 0).length === 1 ? hidden : [hidden.reduce((a, b) => a + b, 0)];
}

describe('primary and secondary suppression', () => {
  test('a cell under the minimum is suppressed, an empty one is shown as zero', () => {
    expect(suppressCells([3, 0, 10, 12], 5)).toEqual(['small_group', null, 'secondary', null]);
  });

  test('exactly one small child makes the next smallest sibling suppressed too', () => {
    expect(suppressCells([40, 2, 9, 30], 5)).toEqual([null, 'small_group', 'secondary', null]);
  });

  test('two small children that together reach the minimum need no third', () => {
    expect(suppressCells([3, 2, 9, 30], 5)).toEqual(['small_group', 'small_group', null, null]);
  });

  test('two small children that together stay under the minimum pull in the smallest other one', () => {
    expect(suppressCells([1, 2, 9, 30], 5)).toEqual(['small_group', 'small_group', 'secondary', null]);
  });

  test('nothing is suppressed when every cell is big enough', () => {
    expect(suppressCells([5, 6, 100], 5)).toEqual([null, null, null]);
  });

  test('a lone cell suppressed for another reason gets company too', () => {
    expect(secondary([50, 20, 30], ['complement', null, null], 5)).toEqual(['complement', 'secondary', null]);
  });

  test('random partitions: no cell under the minimum is shown or can be worked out by subtraction', () => {
    const next = random(20261122);
    for (let round = 0; round < 2000; round++) {
      const minGroupSize = 2 + Math.floor(next() * 9);
      const cells = Array.from({ length: 1 + Math.floor(next() * 8) }, () =>
        next() < 0.2 ? 0 : Math.floor(next() ** 2 * 3 * minGroupSize),
      );
      const reasons = suppressCells(cells, minGroupSize);
      cells.forEach((n, i) => {
        if (n > 0 && n < minGroupSize) expect(reasons[i], `round ${round}`).not.toBeNull();
      });
      // A total under the minimum is itself suppressed, so there is nothing to subtract from.
      const total = cells.reduce((a, b) => a + b, 0);
      if (total < minGroupSize) continue;
      for (const derived of revealedBySubtraction(cells, reasons)) {
        expect(derived === 0 || derived >= minGroupSize, `round ${round}: ${cells} → ${reasons}`).toBe(true);
      }
    }
  });
});

describe('complement rule', () => {
  test('a filtered figure within the minimum of the unfiltered one is flagged; equal or far apart is not', () => {
    expect(complementTooSmall(97, 100, 5)).toBe(true);
    expect(complementTooSmall(100, 100, 5)).toBe(false);
    expect(complementTooSmall(90, 100, 5)).toBe(false);
  });
});
