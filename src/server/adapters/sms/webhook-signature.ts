import { createHmac, timingSafeEqual } from 'node:crypto';

// HMAC-SHA-256 request signatures for the generic HTTPS SMS API, both ways: Kuulo signs its send requests, the
// provider signs its callbacks. Header value: `t=<unix seconds>,v1=<hex hmac of "<t>.<raw body>">`. A callback
// older or newer than the tolerance is a replay and is refused, as is any signature that does not match.

export const SIGNATURE_HEADER = 'x-kuulo-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'stale' | 'mismatch';

export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  now: Date,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return 'missing';
  const fields = Object.fromEntries(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  const timestamp = Number(fields.t);
  const given = fields.v1 ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return 'malformed';
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return 'stale';
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? 'ok' : 'mismatch';
}

/** Compares two secrets without leaking where they differ (lengths are hashed to equal size first). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'kuulo-compare').update(given).digest();
  const b = createHmac('sha256', 'kuulo-compare').update(expected).digest();
  return timingSafeEqual(a, b);
}
