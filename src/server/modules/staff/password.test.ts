import { expect, test } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from './password.ts';

test('a hash verifies its own password and no other', async () => {
  const hash = await hashPassword('correct horse battery staple');
  expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
});

test('the encoded hash carries scrypt, its parameters, a 16-byte salt and a 32-byte hash', async () => {
  const hash = await hashPassword('correct horse battery staple');
  const [name, N, r, p, salt, digest] = hash.split('$');
  expect([name, Number(N), Number(r), Number(p)]).toEqual(['scrypt', 2 ** 15, 8, 1]);
  expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
  expect(Buffer.from(digest ?? '', 'base64')).toHaveLength(32);
});

test('two hashes of one password differ because each has its own salt', async () => {
  expect(await hashPassword('same password 123')).not.toBe(await hashPassword('same password 123'));
});

test('a hash made with weaker old parameters still verifies and asks to be upgraded', async () => {
  const old = await hashPassword('an older password 42', { N: 2 ** 12, r: 8, p: 1 });
  expect(old.startsWith('scrypt$4096$8$1$')).toBe(true);
  expect(await verifyPassword('an older password 42', old)).toBe(true);
  expect(needsRehash(old)).toBe(true);
  const current = await hashPassword('an older password 42', DEFAULT_SCRYPT_PARAMS);
  expect(needsRehash(current)).toBe(false);
});

test('a malformed or hostile stored hash never verifies', async () => {
  expect(await verifyPassword('x', 'not a hash')).toBe(false);
  expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
  // N = 2^30 would ask for a terabyte of memory: refused before scrypt runs.
  expect(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==`)).toBe(
    false,
  );
  expect(needsRehash('garbage')).toBe(true);
});

test('checking a password for an unknown account runs a full scrypt verification', async () => {
  await verifyAgainstDummy('warm-up creates the dummy hash');
  const real = await hashPassword('real account password 1');
  const time = async (fn: () => Promise<boolean>) => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const dummy = await time(() => verifyAgainstDummy('guess number one'));
  const genuine = await time(() => verifyPassword('guess number one', real));
  // A lookup without hashing would take well under a millisecond; scrypt at N=2^15 takes tens of them.
  expect(dummy).toBeGreaterThan(Math.min(15, genuine / 3));
});
