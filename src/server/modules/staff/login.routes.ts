import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { RateLimitedError, UnauthorizedError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import type { FieldError } from '../../../web/staff/layout.ts';
import { renderLoginPage } from '../../../web/staff/login/login-page.ts';
import { renderHomePage } from '../../../web/staff/home/home-page.ts';
import type { StaffAuth } from './index.ts';
import type { LoginService } from './login.service.ts';
import {
  LOGIN_CSRF_COOKIE,
  SESSION_COOKIE,
  loginCsrfCookieOptions,
  sessionCookieOptions,
} from './cookies.ts';
import { isSameOrigin } from './csrf.ts';
import { SESSION_ABSOLUTE_HOURS } from './session-limits.ts';
import { canManageUsers, safeNextPath } from './staff.policy.ts';
import { isWellFormedToken, randomToken, safeEqual } from './tokens.ts';

// Sign-in, sign-out and the staff home page. The sign-in form has no session yet, so its CSRF defence is a
// double-submit token (a random value in a SameSite=Strict cookie scoped to /staff/login that the form must echo)
// plus the Origin check; see docs/security.md.
export interface LoginRoutesDeps {
  login: LoginService;
  auth: StaffAuth;
  secureCookies: boolean;
  publicUrl: string;
  /** Set when OpenID Connect sign-in is configured: the login page offers it. */
  oidc?: { label?: string | undefined } | undefined;
}

const LoginForm = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 1000 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  next: Type.Optional(Type.String({ maxLength: 1000 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

const LoginQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 1000 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
  signed_out: Type.Optional(Type.String({ maxLength: 5 })),
});

function sendHtml(reply: FastifyReply, status: number, body: { value: string }): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(body.value);
}

export function loginRoutes(deps: LoginRoutesDeps) {
  const sessionCookie = sessionCookieOptions(deps.secureCookies, SESSION_ABSOLUTE_HOURS * 3600);

  /** Reuses the browser's form token so several open tabs keep working; issues one otherwise. */
  function formToken(request: FastifyRequest, reply: FastifyReply, fresh = false): string {
    const existing = request.cookies[LOGIN_CSRF_COOKIE];
    if (!fresh && isWellFormedToken(existing)) return existing;
    const token = randomToken();
    reply.setCookie(LOGIN_CSRF_COOKIE, token, loginCsrfCookieOptions(deps.secureCookies));
    return token;
  }

  function loginPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    view: { email?: string; next?: string; errors?: FieldError[]; notice?: string; freshToken?: boolean },
  ): FastifyReply {
    const page = renderLoginPage({
      lang: request.lang,
      email: view.email ?? '',
      next: safeNextPath(view.next),
      formToken: formToken(request, reply, view.freshToken),
      errors: view.errors ?? [],
      ...(view.notice ? { notice: view.notice } : {}),
      ...(deps.oidc
        ? {
            oidcHref: `/staff/login/oidc?next=${encodeURIComponent(safeNextPath(view.next))}`,
            ...(deps.oidc.label ? { oidcLabel: deps.oidc.label } : {}),
          }
        : {}),
    });
    return sendHtml(reply, status, page);
  }

  return (root: HttpApp) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/staff/login', { schema: { querystring: LoginQuery, hide: true } }, async (request, reply) => {
      if (request.staff) return reply.redirect(safeNextPath(request.query.next), 303);
      const notice = request.query.signed_out ? t(request.lang)('staff.signed_out') : undefined;
      return loginPage(request, reply, 200, { next: request.query.next, ...(notice ? { notice } : {}) });
    });

    app.post('/staff/login', { schema: { body: LoginForm, hide: true } }, async (request, reply) => {
      const tr = t(request.lang);
      const form = request.body;
      const email = (form.email ?? '').trim();
      const view = { email, next: form.next };
      const cookieToken = request.cookies[LOGIN_CSRF_COOKIE];
      const tokenOk =
        isWellFormedToken(cookieToken) &&
        typeof form._csrf === 'string' &&
        safeEqual(form._csrf, cookieToken);
      if (!tokenOk || !isSameOrigin(request, deps.publicUrl)) {
        const errors = [{ field: 'email', message: tr('errors.csrf_failed') }];
        return loginPage(request, reply, 403, { ...view, errors, freshToken: true });
      }
      const errors: FieldError[] = [];
      if (email === '') errors.push({ field: 'email', message: tr('staff.email_required') });
      if (!form.password) errors.push({ field: 'password', message: tr('staff.password_required') });
      if (errors.length > 0) return loginPage(request, reply, 400, { ...view, errors });
      try {
        const session = await deps.login.signIn({
          email,
          password: form.password ?? '',
          ip: request.ip,
          previousToken: request.cookies[SESSION_COOKIE],
        });
        reply.setCookie(SESSION_COOKIE, session.token, sessionCookie);
        // A fresh form token after every sign-in: an old one seen by anyone is useless now.
        reply.clearCookie(LOGIN_CSRF_COOKIE, loginCsrfCookieOptions(deps.secureCookies));
        return reply.redirect(safeNextPath(form.next), 303);
      } catch (error) {
        if (error instanceof RateLimitedError) {
          reply.header('retry-after', String(error.retryAfterSeconds));
          const message = tr('staff.login_rate_limited', { seconds: error.retryAfterSeconds });
          return loginPage(request, reply, 429, { ...view, errors: [{ field: 'email', message }] });
        }
        if (error instanceof UnauthorizedError) {
          const message = tr('staff.login_failed');
          return loginPage(request, reply, 401, { ...view, errors: [{ field: 'email', message }] });
        }
        throw error;
      }
    });

    app.post(
      '/staff/logout',
      { schema: { hide: true }, preValidation: deps.auth.requireStaff() },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await deps.login.signOut(token, request.staff?.userId ?? null);
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.secureCookies));
        return reply.redirect(`/staff/login?signed_out=1&lang=${request.lang}`, 303);
      },
    );

    app.get(
      '/staff',
      { schema: { hide: true }, preHandler: deps.auth.requireStaff() },
      async (request, reply) => {
        const viewer = request.staff;
        if (!viewer) return reply.redirect('/staff/login', 303);
        return sendHtml(reply, 200, renderHomePage(request.lang, viewer, canManageUsers(viewer)));
      },
    );
  };
}
