import { createHmac } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import type { Logger } from '../../logger.ts';
import { UnauthorizedError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import { renderLoginPage } from '../../../web/staff/login/login-page.ts';
import type { LoginService } from './login.service.ts';
import type { OidcClient, OidcFlow } from './oidc.client.ts';
import {
  LOGIN_CSRF_COOKIE,
  SESSION_COOKIE,
  loginCsrfCookieOptions,
  sessionCookieOptions,
} from './cookies.ts';
import { SESSION_ABSOLUTE_HOURS } from './session-limits.ts';
import { safeNextPath } from './staff.policy.ts';
import { isWellFormedToken, randomToken, safeEqual } from './tokens.ts';

// OpenID Connect sign-in: /staff/login/oidc sends the browser to the provider with state, nonce and a PKCE
// challenge kept in a signed HttpOnly cookie; /staff/login/oidc/callback checks them, maps the identity to a
// staff account (roles stay managed in Kuulo) and opens the same kind of session as a password sign-in.
export const OIDC_FLOW_COOKIE = 'kuulo_oidc_flow';
const FLOW_PATH = '/staff/login/oidc';
const FLOW_SECONDS = 600;

export interface OidcRoutesDeps {
  login: LoginService;
  client: OidcClient;
  match: 'email' | 'subject';
  redirectUri: string;
  secureCookies: boolean;
  /** Signs the flow cookie. */
  key: string | Buffer;
  label?: string | undefined;
  logger?: Logger | undefined;
}

const StartQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 1000 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
});
const CallbackQuery = Type.Object({}, { additionalProperties: Type.String({ maxLength: 4000 }) });

function sign(value: string, key: string | Buffer): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

export function encodeFlow(flow: OidcFlow, key: string | Buffer): string {
  const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${body}.${sign(body, key)}`;
}

export function decodeFlow(cookie: string | undefined, key: string | Buffer): OidcFlow | null {
  if (!cookie) return null;
  const [body, mac] = cookie.split('.');
  if (!body || !mac || !safeEqual(mac, sign(body, key))) return null;
  try {
    const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<OidcFlow>;
    if (typeof flow.state !== 'string' || typeof flow.nonce !== 'string') return null;
    if (typeof flow.codeVerifier !== 'string' || typeof flow.next !== 'string') return null;
    return flow as OidcFlow;
  } catch {
    return null;
  }
}

export function oidcRoutes(deps: OidcRoutesDeps) {
  const flowCookie = {
    httpOnly: true,
    // Lax: the provider's redirect back is a cross-site top-level GET, which must carry the cookie.
    sameSite: 'lax' as const,
    path: FLOW_PATH,
    secure: deps.secureCookies,
  };

  /** The sign-in page again, with the reason, and a working password form (its double-submit token). */
  function refused(request: FastifyRequest, reply: FastifyReply, messageKey: string, next: string) {
    let formToken = request.cookies[LOGIN_CSRF_COOKIE];
    if (!isWellFormedToken(formToken)) {
      formToken = randomToken();
      reply.setCookie(LOGIN_CSRF_COOKIE, formToken, loginCsrfCookieOptions(deps.secureCookies));
    }
    const page = renderLoginPage({
      lang: request.lang,
      email: '',
      next,
      formToken,
      errors: [{ field: 'email', message: t(request.lang)(messageKey) }],
      oidcHref: `${FLOW_PATH}?next=${encodeURIComponent(next)}`,
      ...(deps.label ? { oidcLabel: deps.label } : {}),
    });
    return reply.status(401).type('text/html; charset=utf-8').send(page.value);
  }

  return (root: HttpApp) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get(FLOW_PATH, { schema: { querystring: StartQuery, hide: true } }, async (request, reply) => {
      const { url, flow } = await deps.client.begin(safeNextPath(request.query.next));
      reply.setCookie(OIDC_FLOW_COOKIE, encodeFlow(flow, deps.key), { ...flowCookie, maxAge: FLOW_SECONDS });
      return reply.redirect(url, 303);
    });

    app.get(
      `${FLOW_PATH}/callback`,
      { schema: { querystring: CallbackQuery, hide: true } },
      async (request, reply) => {
        const flow = decodeFlow(request.cookies[OIDC_FLOW_COOKIE], deps.key);
        reply.clearCookie(OIDC_FLOW_COOKIE, flowCookie);
        if (!flow) return refused(request, reply, 'staff.oidc_failed', '/staff');
        const query = request.url.slice(request.url.indexOf('?') + 1);
        // The redirect URI as registered (not this request's host): the token request must repeat it exactly.
        const callbackUrl = new URL(`${deps.redirectUri}?${request.url.includes('?') ? query : ''}`);
        try {
          const identity = await deps.client.complete(callbackUrl, flow);
          const session = await deps.login.signInWithIdentity({
            identity,
            match: deps.match,
            previousToken: request.cookies[SESSION_COOKIE],
          });
          reply.setCookie(
            SESSION_COOKIE,
            session.token,
            sessionCookieOptions(deps.secureCookies, SESSION_ABSOLUTE_HOURS * 3600),
          );
          return reply.redirect(safeNextPath(flow.next), 303);
        } catch (error) {
          if (error instanceof UnauthorizedError) return refused(request, reply, error.messageKey, flow.next);
          // Provider errors (access_denied, a bad code, a failed ID token check): their names, not their text.
          const code =
            (error as { code?: string; error?: string }).error ?? (error as { code?: string }).code;
          deps.logger?.warn({ code: code ?? 'unknown' }, 'oidc sign-in failed');
          return refused(request, reply, 'staff.oidc_failed', flow.next);
        }
      },
    );
  };
}
