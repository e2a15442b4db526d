import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as base64url (43 characters): session tokens and CSRF tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** Sessions are stored only as this hash: a leaked table or backup does not let anyone sign in. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares secrets without leaking, through timing, how many leading characters matched. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/**
 * login_attempts and the audit log never hold e-mail addresses: a keyed hash (the installation's data key, or
 * KUULO_SECRET) still groups attempts by address but cannot be reversed by hashing a list of known addresses.
 */
export function emailHash(email: string, secret: string | Buffer | undefined): string {
  return createHmac('sha256', secret ?? 'kuulo-login-attempts')
    .update(email.trim().toLowerCase())
    .digest('hex')
    .slice(0, 32);
}
