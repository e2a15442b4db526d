// Public results pages (fi/sv/en, no sign-in): /results, /results/unit/:id and the embeddable
// /results/unit/:id/embed. No cookies are set, no script, nothing external (a strict CSP says so to the
// browser); answers may be cached for five minutes. Only the embed may be framed, by the configured origins.
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import type { SafeHtml } from '../../../web/ui/html.ts';
import { renderResultsIndex } from '../../../web/citizen/results/results-index-page.ts';
import { renderUnitResults } from '../../../web/citizen/results/unit-results-page.ts';
import { renderEmbed } from '../../../web/citizen/results/embed-page.ts';
import type { ResultsService } from './results.service.ts';
import { helsinkiToday } from './staff-request.ts';

const Query = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

function csp(frameAncestors: string): string {
  return `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors ${frameAncestors}`;
}

function send(reply: FastifyReply, body: SafeHtml, frameAncestors = "'none'"): FastifyReply {
  reply.header('cache-control', 'public, max-age=300');
  reply.header('content-security-policy', csp(frameAncestors));
  reply.header('vary', 'accept-language');
  return reply.type('text/html; charset=utf-8').send(body.value);
}

export function resultsRoutes(deps: {
  results: ResultsService;
  embedAncestors: string;
  now: () => Date;
}): RouteRegistrar {
  return (app: HttpApp) => {
    // The embed is meant to be framed: the CSP's frame-ancestors decides where, so the blanket DENY that every
    // other page gets is removed here (this hook runs after the root hook that added it).
    app.addHook('onSend', async (request, reply) => {
      if (/^\/results\/unit\/[^/?]+\/embed(\?|$)/.test(request.url)) reply.removeHeader('x-frame-options');
    });

    app.get('/results', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
      const query = ((request.query as { q?: string }).q ?? '').trim().slice(0, 100);
      return send(reply, renderResultsIndex(await deps.results.index(request.lang, query)));
    });

    app.get(
      '/results/unit/:id',
      { schema: { hide: true, querystring: Query, params: Params } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const model = await deps.results.unit(id, request.lang, helsinkiToday(deps.now()));
        return send(reply, renderUnitResults(model));
      },
    );

    app.get(
      '/results/unit/:id/embed',
      { schema: { hide: true, querystring: Query, params: Params } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const model = await deps.results.unit(id, request.lang, helsinkiToday(deps.now()));
        return send(reply, renderEmbed(model), deps.embedAncestors);
      },
    );
  };
}
