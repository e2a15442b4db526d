import { expect, test } from 'vitest';
import { uuidv7 } from './ids.ts';

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
