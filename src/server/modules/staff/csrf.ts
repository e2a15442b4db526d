import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../errors.ts';
import { safeEqual } from './tokens.ts';

// Cross-site request forgery defence, in layers: SameSite=Lax on the session cookie, an Origin check, and a
// per-session token that a form or script must send back (synchroniser token pattern).
export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfFailed(): ForbiddenError {
  return new ForbiddenError('csrf_failed', 'errors.csrf_failed');
}

/**
 * False when the browser says the request came from another site. Requests without Origin or Sec-Fetch-Site
 * (old browsers, command-line clients) pass here and are judged by the token alone.
 */
export function isSameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const allowed = [`${request.protocol}://${request.host}`.toLowerCase()];
    try {
      allowed.push(new URL(publicUrl).origin.toLowerCase());
    } catch {
      // A malformed public URL only narrows the allowed set.
    }
    return allowed.includes(origin.toLowerCase());
  }
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** The token a form (field _csrf) or a script (header x-csrf-token) sent with the request. */
export function submittedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body;
  if (body && typeof body === 'object' && '_csrf' in body) {
    const field = (body as { _csrf?: unknown })._csrf;
    if (typeof field === 'string') return field;
  }
  return undefined;
}

export function checkCsrf(request: FastifyRequest, expectedToken: string, publicUrl: string): void {
  if (!isSameOrigin(request, publicUrl)) throw csrfFailed();
  const submitted = submittedCsrfToken(request);
  if (submitted === undefined || !safeEqual(submitted, expectedToken)) throw csrfFailed();
}
