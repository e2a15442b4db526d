import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { negotiateLanguage, isLanguage, type Language } from '../../shared/languages.ts';
import { sendError } from './errors.ts';
import { t } from '../../i18n/index.ts';
import type { Logger } from '../logger.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of this request: ?lang=, then Accept-Language; Finnish by default. */
    lang: Language;
  }
}

export type HttpApp = FastifyInstance;
export type RouteRegistrar = (app: HttpApp) => Promise<void> | void;

export interface HttpOptions {
  logger: Logger;
  trustProxy: boolean;
  bodyLimitBytes?: number;
  /** Hooks that must apply to every route (e.g. reading the staff session); run on the root app, in order. */
  rootHooks?: RouteRegistrar[];
  /** Registers each feature's routes in its own encapsulated scope; order does not matter. */
  routes: RouteRegistrar[];
}

export const PUBLIC_API_VERSION = '1.0.0';

export async function buildHttpApp(options: HttpOptions): Promise<HttpApp> {
  const serverOptions: FastifyServerOptions = {
    loggerInstance: options.logger,
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    // Per-request logs would dominate at intake rates; errors are logged by http/errors.ts with request ids.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
  };
  const app = Fastify(serverOptions).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('lang', 'fi');
  app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    const fromQuery = query?.lang;
    request.lang = isLanguage(fromQuery) ? fromQuery : negotiateLanguage(request.headers['accept-language']);
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    // Not 'no-referrer': with it browsers send `Origin: null` on same-origin form posts, which the CSRF origin
    // check must refuse. 'same-origin' still tells other sites nothing (no short-link codes leak out).
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: options.bodyLimitBytes ?? 64 * 1024 });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kuulo API',
        version: PUBLIC_API_VERSION,
        description: 'Customer feedback for public social and health services.',
      },
    },
    hideUntagged: true,
  });

  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, Object.assign(new Error('not found'), { statusCode: 404 })),
  );

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  for (const hook of options.rootHooks ?? []) await hook(app);
  for (const register of options.routes) await app.register(async (scope) => register(scope));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Proves every language has the error keys the mapper uses, at start rather than at the first error.
  for (const lang of ['fi', 'sv', 'en'] as const) t(lang)('errors.internal_error');
  return app;
}
