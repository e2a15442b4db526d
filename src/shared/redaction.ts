// Removes personal data that people type into free text despite the instructions: Finnish personal identity
// codes, phone numbers, e-mail addresses, IBANs and person names where a cue shows them ("lääkäri Virtanen"). Redaction errs towards removing: a missed identity code is a data
// leak, an over-eager "[phone]" only costs a few digits of context. Shared so the browser can warn as you type.

export type RedactionKind = 'personal_id' | 'phone' | 'email' | 'iban' | 'name';

export interface RedactionResult {
  text: string;
  redactions: Partial<Record<RedactionKind, number>>;
  changed: boolean;
}

export const REDACTION_MARKERS: Record<RedactionKind, string> = {
  personal_id: '[personal-id]',
  phone: '[phone]',
  email: '[email]',
  iban: '[iban]',
  name: '[name]',
};

// An IBAN: country, check digits and 11–30 letters or digits, written solid or in groups of four. Finnish ones
// (FI + 16 digits) go even with a wrong checksum (a typo is still somebody's account); others need a valid
// mod-97 checksum so that product codes and the like stay.
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

/** Whether the compact IBAN (no spaces) has a valid ISO 13616 mod-97 checksum. */
export function isValidIban(compact: string): boolean {
  const value = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(value)) return false;
  const digits = (value.slice(4) + value.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

function isIban(candidate: string): boolean {
  const compact = candidate.replace(/ /g, '');
  return /^FI\d{16}$/.test(compact) || isValidIban(compact);
}

// Person names are only recognisable next to a cue: a title or role ("lääkäri Virtanen", "hoitaja Annalle",
// "sjuksköterska Lind", "Dr Smith", "nurse Mary"), a self-introduction ("nimeni on", "jag heter", "my name is")
// or a signature ("terveisin", "hälsningar", "regards"). One or two capitalised words after the cue go; the cue
// stays, so the text still says who it was about. Finnish cues take any case ending ("lääkärin Virtasen").
const NAME_CUES = [
  'lääkär\\p{Ll}*',
  'hoitaj\\p{Ll}*',
  'sairaanhoitaj\\p{Ll}*',
  'terveydenhoitaj\\p{Ll}*',
  'lähihoitaj\\p{Ll}*',
  'hammaslääkär\\p{Ll}*',
  'fysioterapeut\\p{Ll}*',
  'kätilö\\p{Ll}*',
  'tohtori\\p{Ll}*',
  'psykologi\\p{Ll}*',
  'sosiaalityöntekijä\\p{Ll}*',
  'nimeni on',
  'olen nimeltäni',
  'terveisin',
  't\\.',
  'läkare(?:n)?',
  'sjuksköterska(?:n)?',
  'skötare(?:n)?',
  'tandläkare(?:n)?',
  'jag heter',
  'hälsningar',
  'mvh',
  'doctor',
  'dr\\.?',
  'nurse',
  'midwife',
  'my name is',
  'regards',
  'mr\\.?',
  'mrs\\.?',
  'ms\\.?',
];
const caseless = (cue: string) => cue.replace(/^\p{Ll}|^[a-zåäö]/u, (c) => `[${c}${c.toUpperCase()}]`);
const NAME = new RegExp(
  `(?<![\\p{L}])((?:${NAME_CUES.map(caseless).join('|')})[ \\u00a0]+)(\\p{Lu}[\\p{Ll}'’-]+(?:[ \\u00a0]\\p{Lu}[\\p{Ll}'’-]+)?)`,
  'gu',
);
// Capitalised words after a cue that are not names: sentence starts and common words.
const NOT_NAMES = new Set([
  'Ja',
  'Ei',
  'Oli',
  'On',
  'Och',
  'Var',
  'Är',
  'And',
  'Was',
  'The',
  'Kiitos',
  'Tack',
  'Thanks',
]);

const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

// DDMMYY, century sign (+ 1800s; - Y X W V U 1900s; A B C D E F 2000s), individual number ZZZ, check character.
// The check character is optional and need not be valid: a wrong one is still somebody's birth date and number.
// Letters may touch the code ("hetu:010190-123A," or "x010190a123bx"); digits may not, so longer numbers stay.
const PERSONAL_ID =
  /(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d\d[-+ABCDEFYXWVU]\d{3}(?:[0-9A-Z](?!\d)|(?![0-9A-Z]))/giu;

// Local part and domain are bounded so a long run of letters cannot make the match quadratic. "(at)" and "[at]"
// are the usual Finnish way of hiding an address from spam robots ("etunimi.sukunimi(at)hel.fi").
const EMAIL =
  /[\p{L}\p{N}._%+-]{1,64}(?:@|\s?[([]\s?(?:at|ät)\s?[)\]]\s?)[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}/giu;
const EMAIL_HINT = /@|[([]\s?(?:at|ät)\s?[)\]]/i;

// A run of digits with the separators people put in phone numbers; decided group by group in phoneSpan().
// Dots are not separators: "12.03.2025" and "14.30" are dates and times, never phone numbers here.
const PHONE_CANDIDATE = /(?<![\p{N}_])(?:\+\s?)?[\d(][\d \u00a0()/-]{0,32}\d/gu;

/** The check character that a valid identity code with these nine digits (DDMMYY + ZZZ) must end with. */
export function personalIdCheckCharacter(nineDigits: string): string {
  return CHECK_CHARACTERS.charAt(Number(nineDigits) % 31);
}

/** Whether the code is a well-formed Finnish personal identity code with a correct check character. */
export function isValidPersonalId(code: string): boolean {
  const match = /^(\d{6})[-+ABCDEFYXWVU](\d{3})([0-9A-Y])$/i.exec(code);
  if (!match) return false;
  return personalIdCheckCharacter(`${match[1]}${match[2]}`) === (match[3] ?? '').toUpperCase();
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

function groupsOf(candidate: string): Group[] {
  return [...candidate.matchAll(/\d+/g)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    digits: m[0],
  }));
}

function looksLikeDate(text: string): boolean {
  const separated = /^(\d{1,2})([-/])(\d{1,2})\2(\d{2}|\d{4})$/.exec(text);
  if (separated) return Number(separated[1]) <= 31 && Number(separated[3]) <= 12;
  const compact = /^(\d\d)(\d\d)(19|20)\d\d$/.exec(text);
  return compact !== null && Number(compact[1]) >= 1 && Number(compact[1]) <= 31 && Number(compact[2]) <= 12;
}

/** Whether the groups (a slice of one candidate, first group first) form a plausible phone number. */
function isPhone(groups: Group[], international: boolean): boolean {
  const digits = groups.map((g) => g.digits).join('');
  // Inner single digits are only the "(0)" of "+358 (0)40": "0 1 2 3 4 5 6" is not a number anybody dials.
  if (groups.slice(1).some((g) => g.digits.length < 2 && g.digits !== '0')) return false;
  if (international) return /^[1-9]/.test(digits) && digits.length >= 8 && digits.length <= 15;
  if (digits.startsWith('00')) return /^00[1-9]/.test(digits) && digits.length >= 10 && digits.length <= 17;
  if (!/^0[1-9]/.test(digits) || digits.length < 7 || digits.length > 12) return false;
  // Finnish numbers: area or operator code (0 + 1–3 digits) and at most 8 subscriber digits after it.
  const first = groups[0]?.digits ?? '';
  return first.length > 4 || digits.length - first.length <= 8;
}

/** The span of the phone number in a candidate run, or undefined: the earliest start, then the longest end. */
function phoneSpan(candidate: string): { start: number; end: number } | undefined {
  const groups = groupsOf(candidate);
  const international = candidate.startsWith('+');
  for (let s = 0; s < groups.length; s++) {
    for (let e = groups.length; e > s; e--) {
      let slice = groups.slice(s, e);
      const plus = international && s === 0;
      if (!isPhone(slice, plus)) continue;
      // "040 123 4567 3 kertaa": a trailing single digit is a count, not part of the number.
      while (
        slice.length > 2 &&
        (slice.at(-1)?.digits.length ?? 0) === 1 &&
        isPhone(slice.slice(0, -1), plus)
      )
        slice = slice.slice(0, -1);
      const first = slice[0] as Group;
      const last = slice.at(-1) as Group;
      const start = s === 0 ? 0 : first.start - (candidate[first.start - 1] === '(' ? 1 : 0);
      if (looksLikeDate(candidate.slice(start, last.end))) continue;
      return { start, end: last.end };
    }
  }
  return undefined;
}

function replacePhones(text: string): { text: string; count: number } {
  let count = 0;
  const replaced = text.replace(PHONE_CANDIDATE, (candidate) => {
    let out = '';
    let rest = candidate;
    // A run can hold a phone number after something else ("vuonna 2024 040 123 4567"): look again after it.
    for (;;) {
      const span = phoneSpan(rest);
      if (!span) return out + rest;
      count++;
      out += rest.slice(0, span.start) + REDACTION_MARKERS.phone;
      rest = rest.slice(span.end);
    }
  });
  return { text: replaced, count };
}

function replaceAll(text: string, pattern: RegExp, marker: string): { text: string; count: number } {
  let count = 0;
  const replaced = text.replace(pattern, () => {
    count++;
    return marker;
  });
  return { text: replaced, count };
}

function replaceIbans(text: string): { text: string; count: number } {
  let count = 0;
  const replaced = text.replace(IBAN, (candidate) => {
    if (!isIban(candidate)) return candidate;
    count++;
    return REDACTION_MARKERS.iban;
  });
  return { text: replaced, count };
}

function replaceNames(text: string): { text: string; count: number } {
  let count = 0;
  const replaced = text.replace(NAME, (whole, cue: string, name: string) => {
    if (NOT_NAMES.has(name.split(/[ \u00a0]/)[0] ?? '')) return whole;
    count++;
    return cue + REDACTION_MARKERS.name;
  });
  return { text: replaced, count };
}

/** Replaces identity codes, phone numbers, e-mail addresses, IBANs and cued names with markers; counts them. */
export function redactText(text: string): RedactionResult {
  const redactions: RedactionResult['redactions'] = {};
  let current = text;
  // E-mail first: an address may hold digits ("matti.040123@example.fi") that would otherwise look like a number.
  if (EMAIL_HINT.test(current)) {
    const email = replaceAll(current, EMAIL, REDACTION_MARKERS.email);
    if (email.count > 0) redactions.email = email.count;
    current = email.text;
  }
  // IBANs before identity codes and phone numbers: their digit groups would otherwise look like numbers.
  if (/\d{2}/.test(current)) {
    const iban = replaceIbans(current);
    if (iban.count > 0) redactions.iban = iban.count;
    current = iban.text;
  }
  const personalId = replaceAll(current, PERSONAL_ID, REDACTION_MARKERS.personal_id);
  if (personalId.count > 0) redactions.personal_id = personalId.count;
  current = personalId.text;
  if (/\d/.test(current)) {
    const phone = replacePhones(current);
    if (phone.count > 0) redactions.phone = phone.count;
    current = phone.text;
  }
  const name = replaceNames(current);
  if (name.count > 0) redactions.name = name.count;
  current = name.text;
  return { text: current, redactions, changed: current !== text };
}
