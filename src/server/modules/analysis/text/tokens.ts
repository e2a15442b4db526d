// Words of a free-text answer, lower-cased and without the redaction markers ("[phone]") that stand in for
// personal data: a marker says nothing about the theme.

const MARKER = /\[(?:personal-id|phone|email|iban|name)\]/g;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower-cased words in order; hyphenated words come as their parts ("ajanvaraus-palvelu" → two words). */
export function words(text: string): string[] {
  const clean = text.normalize('NFC').toLowerCase().replace(MARKER, ' ');
  return clean.match(WORD) ?? [];
}

/** Whether a word is only digits (times, amounts, counts): kept out of word features. */
export function isNumber(word: string): boolean {
  return /^\p{N}+$/u.test(word);
}
