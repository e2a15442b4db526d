import { afterAll, expect, test } from 'vitest';
import { compoundParts, openVoikko, VoikkoUnavailableError } from './voikko.ts';

// Real libvoikko + voikko-fi (Debian packages; scripts/ensure-system-packages.sh installs them in CI).
const voikko = openVoikko();
afterAll(() => voikko.close());

test('inflected Finnish words get their base form and compound parts', () => {
  expect(voikko.analyse('terveysasemalla')[0]).toMatchObject({
    baseForm: 'terveysasema',
    parts: ['terveys', 'asema'],
  });
  expect(voikko.analyse('ajanvarauksen')[0]).toMatchObject({
    baseForm: 'ajanvaraus',
    parts: ['aika', 'varaus'],
  });
  expect(voikko.analyse('odotusajat')[0]).toMatchObject({
    baseForm: 'odotusaika',
    parts: ['odotus', 'aika'],
  });
  expect(voikko.analyse('ystävällisesti')[0]?.baseForm).toBe('ystävällinen');
});

test('a word Voikko does not know has no analysis', () => {
  expect(voikko.analyse('takaisinsoittoa')).toEqual([]);
  expect(voikko.analyse('xqzzt')).toEqual([]);
});

test("Voikko's WORDBASES become compound parts, derivations joined to their part", () => {
  expect(compoundParts('+terve(terve)+ys(+ys)+asema(asema)')).toEqual(['terveys', 'asema']);
  expect(compoundParts('+ajan(aika)+vara(varata)+us(+us)')).toEqual(['aika', 'varaus']);
  expect(compoundParts('+lääkäri(lääkäri)')).toEqual(['lääkäri']);
});

test('a missing library fails with a message that says what to install', () => {
  expect(() => openVoikko({ library: '/nonexistent/libvoikko.so.1' })).toThrow(VoikkoUnavailableError);
  expect(() => openVoikko({ library: '/nonexistent/libvoikko.so.1' })).toThrow(/libvoikko1 and voikko-fi/);
});
