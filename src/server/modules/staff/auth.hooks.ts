import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../../errors.ts';
import type { HttpApp } from '../../http/app.ts';
import type { RegisteredRoute, StaffAuth, StaffRole } from './index.ts';
import type { LoginService } from './login.service.ts';
import { SESSION_COOKIE, sessionCookieOptions } from './cookies.ts';
import { checkCsrf, UNSAFE_METHODS } from './csrf.ts';
import { hasRoleFor, holdsAnyRole } from './staff.policy.ts';

// The HTTP face of staff authentication: a root hook that turns the session cookie into request.staff, and the
// requireStaff guard every staff route uses.
/** Every guard requireStaff() made, so a route's hooks tell whether it is protected. */
const GUARDS = new WeakSet<object>();

function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function hasLangParameter(request: FastifyRequest): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.lang === 'string';
}

function loginRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const readOnly = request.method === 'GET' || request.method === 'HEAD';
  const target = readOnly ? `/staff/login?next=${encodeURIComponent(request.url)}` : '/staff/login';
  return reply.redirect(target, 303);
}

export function createStaffAuth(deps: {
  login: LoginService;
  secureCookies: boolean;
  publicUrl: string;
}): StaffAuth {
  const routes: RegisteredRoute[] = [];
  return {
    registeredRoutes: () => [...routes],
    register(app: HttpApp) {
      app.decorateRequest('staff', null);
      // Every route registered after this point (all of them: this runs as a root hook) is remembered with
      // whether a requireStaff guard protects it, for the access-control matrix test and docs.
      app.addHook('onRoute', (route) => {
        const hooks = [route.onRequest, route.preValidation, route.preHandler].flat().filter(Boolean);
        const methods = [route.method].flat().filter((m) => m !== 'HEAD');
        const querySchema = (route.schema as { querystring?: { properties?: object } } | undefined)
          ?.querystring;
        for (const method of methods) {
          routes.push({
            method,
            url: route.url,
            guarded: hooks.some((h) => GUARDS.has(h as object)),
            queryNames: Object.keys(querySchema?.properties ?? {}),
          });
        }
      });
      app.addHook('onRequest', async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        // No cookie, no query: public pages and the intake API never touch the session table.
        if (token === undefined) return;
        request.staff = await deps.login.resolveSession(token);
        if (!request.staff) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.secureCookies));
        // A signed-in person's own language choice beats the browser's; an explicit ?lang= beats both.
        else if (!hasLangParameter(request)) request.lang = request.staff.locale;
      });
      // Staff pages show personal data: never let a shared computer's browser or a proxy keep a copy.
      app.addHook('onSend', async (request, reply) => {
        if (request.url.startsWith('/staff')) reply.header('cache-control', 'no-store');
      });
    },

    requireStaff(options = {}) {
      const roles: StaffRole[] | undefined = options.roles;
      const guard = async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
        const principal = request.staff;
        if (!principal) {
          if (isApiRequest(request)) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
          return loginRedirect(request, reply);
        }
        if (UNSAFE_METHODS.has(request.method)) checkCsrf(request, principal.csrfToken, deps.publicUrl);
        if (roles && !holdsAnyRole(principal, roles))
          throw new ForbiddenError('forbidden', 'errors.forbidden');
        return undefined;
      };
      GUARDS.add(guard);
      return guard;
    },

    hasRoleFor,
  };
}
