import { expect, test } from 'vitest';
import { catalogue, t } from './index.ts';
import { missingKeys } from '../shared/i18n.ts';
import { LANGUAGES } from '../shared/languages.ts';

test('Finnish, Swedish and English have exactly the same message keys', () => {
  expect(missingKeys(catalogue)).toEqual([]);
});

test('no message is empty in any language', () => {
  for (const language of LANGUAGES) {
    for (const [key, value] of Object.entries(catalogue[language])) {
      expect(value.trim(), `${language}:${key}`).not.toBe('');
    }
  }
});

test('placeholders are the same in every language', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(catalogue.fi)) {
    const expected = placeholders(catalogue.fi[key] ?? '');
    for (const language of LANGUAGES)
      expect(placeholders(catalogue[language][key] ?? ''), `${language}:${key}`).toEqual(expected);
  }
});

test('a message is translated with its parameters', () => {
  expect(t('en')('errors.rate_limited', { seconds: 30 })).toContain('30');
});
