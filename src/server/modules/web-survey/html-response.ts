import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import type { SafeHtml } from '../../../web/ui/html.ts';

// Public pages promise no outside resources and no script: the policy makes that a browser-enforced fact.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function sendPage(
  reply: FastifyReply,
  body: SafeHtml,
  options: { status?: number; cache?: 'no-store' | 'short' | 'long' } = {},
): FastifyReply {
  const cache = options.cache ?? 'no-store';
  reply.header(
    'cache-control',
    cache === 'no-store' ? 'no-store' : cache === 'short' ? 'public, max-age=300' : 'public, max-age=86400',
  );
  reply.header('content-security-policy', CSP);
  return reply
    .status(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(body.value);
}

function accepts(request: FastifyRequest, encoding: string): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.find((p) => p.trim().startsWith('q='));
    return name.trim().toLowerCase() === encoding && (q === undefined || Number(q.trim().slice(2)) > 0);
  });
}

/**
 * Compresses this scope's HTML and SVG answers (the survey page's size budget is counted compressed). Small
 * payloads and binary images go out as they are.
 */
export function registerCompression(app: HttpApp): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || payload.length < 1024 || reply.hasHeader('content-encoding'))
      return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') && !type.startsWith('image/svg+xml')) return payload;
    reply.header('vary', 'accept-encoding');
    if (accepts(request, 'br')) {
      reply.header('content-encoding', 'br');
      return brotliCompressSync(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    }
    if (accepts(request, 'gzip')) {
      reply.header('content-encoding', 'gzip');
      return gzipSync(payload);
    }
    return payload;
  });
}
