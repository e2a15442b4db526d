import { expect, test } from 'vitest';
import { negotiateLanguage } from './languages.ts';

test('the browser language is chosen among Finnish, Swedish and English by preference', () => {
  expect(negotiateLanguage('sv-FI,sv;q=0.9,en;q=0.8')).toBe('sv');
  expect(negotiateLanguage('de-DE,en;q=0.7,fi;q=0.9')).toBe('fi');
  expect(negotiateLanguage('en-GB')).toBe('en');
});

test('an unknown or missing language falls back to Finnish', () => {
  expect(negotiateLanguage(undefined)).toBe('fi');
  expect(negotiateLanguage('de, fr;q=0.5')).toBe('fi');
  expect(negotiateLanguage('garbage;;q=x')).toBe('fi');
});

test('Scandinavian readers get Swedish rather than Finnish', () => {
  expect(negotiateLanguage('nb-NO')).toBe('sv');
});

test('a language refused with q=0 is never chosen', () => {
  expect(negotiateLanguage('sv;q=0, en;q=0.5')).toBe('en');
});
