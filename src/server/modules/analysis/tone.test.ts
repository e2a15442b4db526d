import { afterAll, beforeAll, expect, test } from 'vitest';
import { openVoikko, type Voikko } from '../../adapters/voikko/voikko.ts';
import { createAnalysisEngine, type AnalysisEngine } from './analysis.engine.ts';
import { detectLanguage } from '../intake/index.ts';
import { createBaseFormer } from './text/base-forms.ts';
import { lexiconPolarity, lexiconTone } from './tone.ts';

let voikko: Voikko;
let engine: AnalysisEngine;
beforeAll(() => {
  voikko = openVoikko();
  engine = createAnalysisEngine({ morphology: voikko, detectLanguage });
  engine.currentModel();
}, 60_000);
afterAll(() => voikko.close());

test.each([
  ['Hoitaja oli todella ystävällinen, kiitos!', 'positive'],
  ['Tack för ett vänligt bemötande.', 'positive'],
  ['Excellent service, thank you.', 'positive'],
  ['Odotin kolme tuntia eikä kukaan kertonut mitään.', 'negative'],
  ['Ingen svarade i telefon.', 'negative'],
  ['The waiting room was dirty.', 'negative'],
  ['Lääkäri oli ystävällinen, mutta jonotin puhelimessa tunnin.', 'mixed'],
])('the tone of "%s" is %s', async (text, tone) => {
  const result = await engine.analyse(text);
  expect(result.tone).toBe(tone);
  if (tone === 'positive') expect(result.toneScore).toBeGreaterThan(0);
  if (tone === 'negative') expect(result.toneScore).toBeLessThan(0);
});

test('negation flips the lexicon polarity of the next words', () => {
  const baseForm = createBaseFormer({ morphology: voikko });
  expect(lexiconTone(lexiconPolarity('Hoitaja ei ollut ystävällinen', 'fi', baseForm)).tone).toBe('negative');
  expect(lexiconTone(lexiconPolarity('Det var inte bra', 'sv', baseForm)).tone).toBe('negative');
  expect(lexiconTone(lexiconPolarity("The staff weren't helpful", 'en', baseForm)).tone).toBe('negative');
  expect(lexiconTone(lexiconPolarity('Kävin tiistaina', 'fi', baseForm))).toEqual({
    tone: 'neutral',
    score: 0,
  });
});

test.each([
  ['Terveysasemalla jonotin kolme tuntia.', 'access'],
  ['Ajanvarauksen tekeminen oli hankalaa.', 'booking'],
  ['Takaisinsoittoa ei koskaan tullut.', 'phone'],
  ['Odotusajat ovat liian pitkät.', 'access'],
  ['Parkkipaikkaa oli vaikea löytää sairaalan pihalta.', 'parking'],
  ['Jag fick vänta i fyra timmar på akuten.', 'access'],
  ['Nobody called me back even though they promised.', 'phone'],
])('the built-in model finds the theme of "%s" (%s)', async (text, theme) => {
  const result = await engine.analyse(text);
  expect(result.themes).toContain(theme);
});

test('personal data is redacted before anything else sees the text, and key phrases are base forms', async () => {
  const result = await engine.analyse('Soittakaa 040 123 4567, odotusajat terveysasemalla ovat pitkiä.');
  expect(result.redacted).toContain('[phone]');
  expect(result.redacted).not.toContain('4567');
  expect(result.keyPhrases).toContain('odotusaika terveysasema');
  expect(result.language).toBe('fi');
});
