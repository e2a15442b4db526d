// Picks a demo comment for a response. A few carry a phone number, an e-mail address or a personal identity code,
// as real feedback does; they are redacted like intake redacts before anything is stored.
import type { Language } from '../../../shared/languages.ts';
import type { Random } from './demo.random.ts';
import { COMMENTS, PERSONAL_DATA_SENTENCES, type CommentTone } from './data/comments.ts';

const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** A personal identity code with an individual number of 900–999: the range used for temporary codes, so a demo
 * code never belongs to a real person. One in five has a wrong check character, as typed codes sometimes do. */
export function demoIdentityCode(random: Random): string {
  const year = random.int(1935, 2012);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const individual = random.int(900, 999);
  const pad = (n: number) => String(n).padStart(2, '0');
  const dateDigits = `${pad(day)}${pad(month)}${pad(year % 100)}`;
  const check = HETU_CHECK[Number(`${dateDigits}${individual}`) % 31] ?? '0';
  const sign = year >= 2000 ? random.pick(['A', 'B', 'C', 'D', 'E', 'F']) : random.pick(['-', 'Y', 'X', 'W']);
  const shown = random.chance(0.2) ? HETU_CHECK[(HETU_CHECK.indexOf(check) + 7) % 31] : check;
  return `${dateDigits}${sign}${individual}${shown}`;
}

function demoPhone(random: Random): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  return random.pick([
    () => `040 ${digits(3)} ${digits(4)}`,
    () => `050-${digits(7)}`,
    () => `+358 44 ${digits(3)} ${digits(4)}`,
    () => `045${digits(7)}`,
  ])();
}

function demoEmail(random: Random): string {
  const first = random.pick(['matti', 'maija', 'anna', 'mikko', 'liisa', 'erik', 'sara']);
  const last = random.pick(['meikalainen', 'virtanen', 'korhonen', 'lindqvist', 'nieminen']);
  return `${first}.${last}@example.com`;
}

export function writeComment(
  random: Random,
  language: Language,
  tone: CommentTone,
  withPersonalData: boolean,
): string {
  const bank = COMMENTS[language][tone];
  let text = random.pick(bank);
  // Some people write two thoughts; keeps the texts from looking copied.
  if (tone !== 'child' && random.chance(0.25)) {
    const second = random.pick(COMMENTS[language][tone === 'praise' ? 'praise' : 'complaint']);
    if (second !== text) text = `${text} ${second}`;
  }
  if (withPersonalData) {
    const sentence = random
      .pick(PERSONAL_DATA_SENTENCES[language])
      .replace('{phone}', demoPhone(random))
      .replace('{hetu}', demoIdentityCode(random))
      .replace('{email}', demoEmail(random));
    text = `${text} ${sentence}`;
  }
  return text;
}
