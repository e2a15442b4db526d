// Removes personal data that people type into free text despite the instructions: Finnish personal identity
// codes, phone numbers and e-mail addresses. Redaction errs towards removing: a missed identity code is a data
// leak, an over-eager "[phone]" only costs a few digits of context. Shared so the browser can warn as you type.

export type RedactionKind = 'personal_id' | 'phone' | 'email';

export interface RedactionResult {
  text: string;
  redactions: Partial<Record<RedactionKind, number>>;
  changed: boolean;
}

export const REDACTION_MARKERS: Record<RedactionKind, string> = {
  personal_id: '[personal-id]',
  phone: '[phone]',
  email: '[email]',
};

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

/** Replaces identity codes, phone numbers and e-mail addresses with neutral markers and counts them. */
export function redactText(text: string): RedactionResult {
  const redactions: RedactionResult['redactions'] = {};
  let current = text;
  // E-mail first: an address may hold digits ("matti.040123@example.fi") that would otherwise look like a number.
  if (EMAIL_HINT.test(current)) {
    const email = replaceAll(current, EMAIL, REDACTION_MARKERS.email);
    if (email.count > 0) redactions.email = email.count;
    current = email.text;
  }
  const personalId = replaceAll(current, PERSONAL_ID, REDACTION_MARKERS.personal_id);
  if (personalId.count > 0) redactions.personal_id = personalId.count;
  current = personalId.text;
  if (/\d/.test(current)) {
    const phone = replacePhones(current);
    if (phone.count > 0) redactions.phone = phone.count;
    current = phone.text;
  }
  return { text: current, redactions, changed: current !== text };
}
