import { randomInt } from 'node:crypto';

// Codes are read off posters and typed from SMS: no 0/o, 1/l/i to confuse, lowercase only. 31^7 ≈ 2.8e10
// codes keeps random collisions rare even with hundreds of thousands of unit × survey pairs.
export const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const CODE_LENGTH = 7;

export function generateCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** People type codes from paper: accept capitals and stray spaces, reject anything the table cannot hold. */
export function normaliseCode(input: string): string | undefined {
  const code = input.trim().toLowerCase();
  return /^[a-z0-9]{4,12}$/.test(code) ? code : undefined;
}
