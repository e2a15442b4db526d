import type { CookieSerializeOptions } from '@fastify/cookie';

/** The session cookie: HttpOnly, SameSite=Lax (links from e-mail still arrive signed in), Path=/. */
export const SESSION_COOKIE = 'kuulo_session';
/** Double-submit token for the sign-in form, which has no session yet to carry a CSRF token. */
export const LOGIN_CSRF_COOKIE = 'kuulo_login_csrf';

export function sessionCookieOptions(secure: boolean, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

export function loginCsrfCookieOptions(secure: boolean): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/staff/login', secure };
}
