import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../../../web/ui/html.ts';

// Public pages load nothing from outside and run only our own script (/feedback/form.js): the policy makes that a
// browser-enforced fact. Pages behind a tracking link are not cached anywhere and tell no other site their address.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function sendFeedbackPage(
  reply: FastifyReply,
  body: SafeHtml,
  options: { status?: number; cache?: 'no-store' | 'short' } = {},
): FastifyReply {
  reply.header('cache-control', options.cache === 'short' ? 'public, max-age=300' : 'no-store');
  reply.header('content-security-policy', CSP);
  return reply
    .status(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(body.value);
}
