import { expect, test } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, generateCode, normaliseCode } from './short-code.ts';

test('codes never contain characters that are easy to misread on paper', () => {
  for (const c of '0o1li') expect(CODE_ALPHABET).not.toContain(c);
  for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(/^[a-hjkmnp-z2-9]{7}$/);
});

test('short links fit an SMS: /s/ and /q/ paths are 10 characters, far under 24', () => {
  expect(`/s/${generateCode()}`.length).toBe(3 + CODE_LENGTH);
  expect(3 + CODE_LENGTH).toBeLessThanOrEqual(24);
});

test('a code typed in capitals or with spaces still resolves; junk does not reach the database', () => {
  expect(normaliseCode(' ABCD234 ')).toBe('abcd234');
  expect(normaliseCode('abc')).toBeUndefined();
  expect(normaliseCode("x'; drop table")).toBeUndefined();
  expect(normaliseCode('a'.repeat(13))).toBeUndefined();
});
