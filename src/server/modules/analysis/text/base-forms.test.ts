import { afterAll, expect, test } from 'vitest';
import { openVoikko } from '../../../adapters/voikko/voikko.ts';
import { createBaseFormer } from './base-forms.ts';
import { stemEnglish, stemSwedish } from './stemmers.ts';
import { words } from './tokens.ts';

const voikko = openVoikko();
afterAll(() => voikko.close());
const baseForm = createBaseFormer({ morphology: voikko });

test('Finnish inflections and compounds reach one base form and their parts', () => {
  expect(baseForm('terveysasemalla', 'fi')).toEqual({ base: 'terveysasema', parts: ['terveys', 'asema'] });
  expect(baseForm('ajanvarauksen', 'fi').base).toBe(baseForm('ajanvaraus', 'fi').base);
  expect(baseForm('odotusajat', 'fi').base).toBe(baseForm('odotusaika', 'fi').base);
});

test('an unknown Finnish compound is split into two known words', () => {
  expect(baseForm('takaisinsoittoa', 'fi')).toEqual({
    base: 'takaisinsoitto',
    parts: ['takaisin', 'soitto'],
  });
  expect(baseForm('takaisinsoitto', 'fi').base).toBe('takaisinsoitto');
});

test('Swedish and English inflections share a stem', () => {
  expect(stemSwedish('väntetiderna')).toBe(stemSwedish('väntetider'));
  expect(stemSwedish('bokningen')).toBe(stemSwedish('bokning'));
  expect(stemEnglish('appointments')).toBe(stemEnglish('appointment'));
  expect(stemEnglish('waiting')).toBe(stemEnglish('waited'));
});

test('without Voikko Finnish words still lose their case endings', () => {
  const plain = createBaseFormer();
  expect(plain('terveysasemalla', 'fi').base).toBe(plain('terveysasemalta', 'fi').base);
});

test('words drop redaction markers and split hyphenated words', () => {
  expect(words('Soita [phone] tai ajanvaraus-palvelu!')).toEqual(['soita', 'tai', 'ajanvaraus', 'palvelu']);
});
