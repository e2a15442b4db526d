import { createHash, randomBytes, randomInt } from 'node:crypto';

// Enrolment codes are typed on a touch screen from a coordinator's screen: no 0/o, 1/l/i, upper case shown,
// any case accepted. 31^8 ≈ 8.5e11 codes, valid for minutes and once, with enrolment attempts rate-limited.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROL_CODE_LENGTH = 8;

export function newEnrolCode(): string {
  let code = '';
  for (let i = 0; i < ENROL_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Accepts spaces, dashes and lower case as people type them; undefined when it cannot be a code. */
export function normaliseEnrolCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return code.length === ENROL_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : undefined;
}

/** The device credential: 256 random bits. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
