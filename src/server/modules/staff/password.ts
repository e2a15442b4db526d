import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Passwords are hashed with scrypt from node:crypto (memory-hard, no native package to build). The encoded form
// `scrypt$N$r$p$salt$hash` carries its own parameters, so they can be raised later: old hashes still verify and
// are re-hashed with the new parameters at the next successful sign-in (needsRehash).
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** 2^15 × 8 × 128 B = 32 MiB and roughly 50–100 ms per hash on a small server: OWASP's 2026 floor or above. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default maxmem (32 MiB) is exactly the need at N=2^15, r=8; leave room for raised parameters.
    maxmem: 256 * params.N * params.r * params.p + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, HASH_BYTES);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface Decoded {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function decode(encoded: string): Decoded | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  // Bounds keep a corrupted or hostile row from asking for gigabytes of memory.
  if (!powerOfTwo || N > 2 ** 20 || !Number.isInteger(r) || r < 1 || r > 32) return undefined;
  if (!Number.isInteger(p) || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { params: { N, r, p }, salt, hash };
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (!decoded) return false;
  const candidate = await derive(password, decoded.salt, decoded.params, decoded.hash.length);
  return timingSafeEqual(candidate, decoded.hash);
}

/** True when the stored hash was made with weaker parameters than the current ones. */
export function needsRehash(encoded: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const decoded = decode(encoded);
  if (!decoded) return true;
  const p = decoded.params;
  return p.N < params.N || p.r < params.r || p.p < params.p || decoded.hash.length < HASH_BYTES;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification when the e-mail is unknown or the account disabled, so response
 * times do not reveal which e-mails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('kuulo-timing-equaliser');
  await verifyPassword(password, await dummyHash);
  return false;
}
