import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import type { IntakeService } from './index.ts';
import { ApiError, SubmissionBody, SubmissionCreated } from './intake.schemas.ts';

// JSON only. Without this, the app-wide form parser would accept a urlencoded body here and the client would
// get a confusing 400 instead of a clear 415. A callback hook, not an async one: this runs on every submission
// and an async hook costs a promise and a microtask turn.
function requireJson(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const header = request.headers['content-type'] ?? '';
  const end = header.indexOf(';');
  const type = (end === -1 ? header : header.slice(0, end)).trim().toLowerCase();
  if (type === 'application/json') return done();
  done(Object.assign(new Error('unsupported media type'), { statusCode: 415 }));
}

export function intakeRoutes(service: IntakeService): RouteRegistrar {
  return (scope: HttpApp) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/v1/responses',
      {
        onRequest: requireJson,
        schema: {
          tags: ['responses'],
          summary: 'Submit a survey response (every channel)',
          description:
            'Stores one response. The same submissionId again stores nothing and answers 200 with the first id. ' +
            'Rejections carry a stable code: see docs/intake.md.',
          body: SubmissionBody,
          response: {
            200: SubmissionCreated,
            201: SubmissionCreated,
            400: ApiError,
            404: ApiError,
            413: ApiError,
            415: ApiError,
            429: ApiError,
          },
        },
      },
      async (request, reply) => {
        const result = await service.submit(request.body, { clientKey: request.ip, lang: request.lang });
        return reply.status(result.created ? 201 : 200).send({ id: result.id });
      },
    );
  };
}
