import { expect, test } from 'vitest';
import { helsinkiDate } from './helsinki-time.ts';

test('an instant late on a UTC evening is already the next day in Finland, in summer and in winter', () => {
  expect(helsinkiDate(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01');
  expect(helsinkiDate(new Date('2026-06-30T20:59:59Z'))).toBe('2026-06-30');
  expect(helsinkiDate(new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01');
  expect(helsinkiDate(new Date('2026-12-31T21:59:00Z'))).toBe('2026-12-31');
});

test('two instants in the same UTC minute but different calls give the same date, and a new minute is recomputed', () => {
  expect(helsinkiDate(new Date('2026-03-29T00:59:10Z'))).toBe('2026-03-29');
  expect(helsinkiDate(new Date('2026-03-29T00:59:50Z'))).toBe('2026-03-29');
  expect(helsinkiDate(new Date('2026-03-28T21:59:50Z'))).toBe('2026-03-28');
});
