import { expect, test } from 'vitest';
import { passwordProblems } from './password-policy.ts';

const EMAIL = 'maija.meikalainen@example.fi';

test('a long passphrase and a mixed password are accepted', () => {
  expect(passwordProblems('sininen talo mäen päällä', EMAIL)).toEqual([]);
  expect(passwordProblems('Kesä2026Loma', EMAIL)).toEqual([]);
});

test('a password shorter than 12 characters is refused', () => {
  expect(passwordProblems('Abc123!xyz', EMAIL)).toEqual(['password_too_short']);
});

test('length is counted in characters, not bytes', () => {
  expect(passwordProblems('ääööååÄÖ12ab', EMAIL)).toEqual([]);
});

test('a password of one character class or few distinct characters is too simple', () => {
  expect(passwordProblems('aaaaaaaaaaaaaaaa', EMAIL)).toContain('password_too_simple');
  expect(passwordProblems('123456789012', EMAIL)).toContain('password_too_simple');
  expect(passwordProblems('abababab1212', EMAIL)).toContain('password_too_simple');
});

test('the e-mail address or its local part cannot be the password', () => {
  expect(passwordProblems('Maija.Meikalainen@example.fi', EMAIL)).toContain('password_is_email');
  expect(passwordProblems('maija.meikalainen', EMAIL)).toContain('password_is_email');
});

test('an absurdly long password is refused', () => {
  expect(passwordProblems('Ab1'.repeat(100), EMAIL)).toContain('password_too_long');
});
