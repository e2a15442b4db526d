import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import type { SmsGateway, SmsWebhookRequest } from '../../adapters/sms/sms-gateway.ts';
import { NotFoundError } from '../../errors.ts';
import type { SmsService } from './sms.service.ts';
import type { Dispatcher } from './dispatch.service.ts';
import { parseVisitEventsCsv } from './visit-events.csv.ts';
import { parseEncounterBundle } from './visit-events.fhir.ts';
import type { VisitEventInput } from './visit-event.ts';

// Visit events in from outside systems (an integration key as `Authorization: Bearer <key>`), and the SMS
// gateway's callbacks (incoming messages, delivery reports) which the configured adapter authenticates.

const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

const VisitEventSchema = Type.Object(
  {
    eventId: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    visitTime: Type.String({ maxLength: 40 }),
    visitType: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    unit: Type.String({ minLength: 1, maxLength: 200 }),
    language: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    age: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 130 }), Type.Null()])),
    consent: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    nonDisclosure: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  },
  { additionalProperties: false },
);
const BatchBody = Type.Object(
  { events: Type.Array(VisitEventSchema, { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization ?? '';
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
}

function webhookRequest(request: FastifyRequest): SmsWebhookRequest {
  return {
    query: (request.query ?? {}) as Record<string, unknown>,
    headers: request.headers,
    rawBody: typeof request.body === 'string' ? request.body : '',
  };
}

export function smsApiRoutes(deps: {
  service: SmsService;
  dispatcher: Dispatcher;
  gateway: SmsGateway | undefined;
  now: () => Date;
}) {
  return async (app: HttpApp) => {
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    app.addContentTypeParser(
      'application/fhir+json',
      { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT },
      (_req, body, done) => {
        try {
          done(null, JSON.parse(String(body)));
        } catch (error) {
          done(Object.assign(error as Error, { statusCode: 400 }), undefined);
        }
      },
    );
    // Before the body is read: an unauthenticated client cannot make Kuulo parse megabytes.
    const authenticate = async (request: FastifyRequest) => {
      await deps.service.authenticate(bearer(request));
    };
    const tags = ['sms'];

    app.post<{ Body: { events: VisitEventInput[] } }>(
      '/api/v1/sms/visit-events',
      { schema: { tags, body: BatchBody }, bodyLimit: BATCH_BODY_LIMIT, onRequest: authenticate },
      async (request) => deps.service.acceptEvents(request.body.events, 'api'),
    );

    app.post<{ Body: string }>(
      '/api/v1/sms/visit-events.csv',
      { schema: { tags }, bodyLimit: BATCH_BODY_LIMIT, onRequest: authenticate },
      async (request) => {
        const { events, lines } = parseVisitEventsCsv(String(request.body ?? ''));
        return deps.service.acceptEvents(events, 'csv', { lines });
      },
    );

    app.post<{ Body: unknown }>(
      '/api/v1/sms/fhir/Bundle',
      { schema: { tags }, bodyLimit: BATCH_BODY_LIMIT, onRequest: authenticate },
      async (request) => {
        const { events, skipped } = parseEncounterBundle(request.body);
        const result = await deps.service.acceptEvents(events, 'fhir');
        return { ...result, skipped };
      },
    );

    // Gateway callbacks: the body stays a string, since the HTTPS adapter's signature covers its exact bytes.
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
        done(null, body),
      );
      const gatewayOrThrow = () => {
        const webhooks = deps.gateway?.webhooks;
        if (!webhooks) throw new NotFoundError('sms_gateway_not_configured', 'sms.gateway_not_configured');
        return webhooks;
      };
      scope.route({
        method: ['GET', 'POST'],
        url: '/api/v1/sms/gateway/incoming',
        schema: { hide: true },
        handler: async (request, reply) => {
          const incoming = gatewayOrThrow().incoming(webhookRequest(request), deps.now());
          await deps.service.receiveSms(incoming);
          // Kannel would send a non-empty body back to the phone as a reply: answer with nothing.
          return reply.type('text/plain; charset=utf-8').send('');
        },
      });
      scope.route({
        method: ['GET', 'POST'],
        url: '/api/v1/sms/gateway/delivery',
        schema: { hide: true },
        handler: async (request, reply) => {
          const report = gatewayOrThrow().deliveryReport(webhookRequest(request), deps.now());
          await deps.dispatcher.deliveryReport(report);
          return reply.type('text/plain; charset=utf-8').send('');
        },
      });
    });
  };
}
