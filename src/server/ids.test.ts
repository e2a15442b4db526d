import { expect, test } from 'vitest';
import { pooledRandomBytes, uuidv7 } from './ids.ts';

test('ids are valid version-7 UUIDs', () => {
  expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('ids made later sort after ids made earlier', () => {
  const earlier = uuidv7(1_700_000_000_000);
  const later = uuidv7(1_700_000_000_001);
  expect(earlier < later).toBe(true);
});

test('ids made in the same millisecond still differ', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(1_700_000_000_000)));
  expect(ids.size).toBe(1000);
});

test('pooled random bytes never repeat across pool refills and each caller owns its copy', () => {
  const draws = Array.from({ length: 1000 }, () => pooledRandomBytes(12));
  expect(new Set(draws.map((b) => b.toString('hex'))).size).toBe(1000);
  const first = draws[0] as Buffer;
  const copy = Buffer.from(first);
  pooledRandomBytes(4096);
  expect(first.equals(copy)).toBe(true);
  expect(() => pooledRandomBytes(4097)).toThrow(RangeError);
});
