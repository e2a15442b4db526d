import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { UnauthorizedError } from '../../errors.ts';
import type { DeviceReport, KioskService } from './index.ts';
import { kioskAssets, type Asset } from './kiosk.assets.ts';

// The device side: the page, its script and service worker, and the JSON API a device calls with its credential.
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const Answer = Type.Object(
  {
    submissionId: Type.String({ maxLength: 64 }),
    answeredAt: Type.String({ maxLength: 40 }),
    language: Type.String({ maxLength: 16 }),
    answers: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 20 }),
    repeat: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const AnswersBody = Type.Object(
  {
    queueLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    appVersion: Type.Optional(Type.String({ maxLength: 64 })),
    answers: Type.Array(Answer, { maxItems: 100 }),
  },
  { additionalProperties: false },
);

const EnrolBody = Type.Object(
  {
    code: Type.String({ maxLength: 32 }),
    appVersion: Type.Optional(Type.String({ maxLength: 64 })),
    queueLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  },
  { additionalProperties: false },
);

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset, type: string): FastifyReply {
  reply.header('cache-control', 'no-cache').header('etag', asset.etag).header('vary', 'accept-encoding');
  reply.type(type);
  if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(asset.brotli);
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}

function deviceReport(request: FastifyRequest): DeviceReport {
  const queue = Number(request.headers['kuulo-kiosk-queue']);
  const version = request.headers['kuulo-kiosk-version'];
  return {
    ...(Number.isInteger(queue) && queue >= 0 ? { queueLength: queue } : {}),
    ...(typeof version === 'string' && version.length <= 64 ? { appVersion: version } : {}),
  };
}

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new UnauthorizedError('device_unknown', 'kiosk.error_device_unknown');
  return match[1];
}

export function kioskDeviceRoutes(service: KioskService) {
  return (scope: HttpApp) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/kiosk', { schema: { hide: true } }, async (request, reply) => {
      reply.header('content-security-policy', PAGE_CSP);
      return sendAsset(request, reply, (await kioskAssets()).page, 'text/html; charset=utf-8');
    });
    app.get('/kiosk/app.js', { schema: { hide: true } }, async (request, reply) =>
      sendAsset(request, reply, (await kioskAssets()).app, 'text/javascript; charset=utf-8'),
    );
    app.get('/kiosk/sw.js', { schema: { hide: true } }, async (request, reply) => {
      reply.header('service-worker-allowed', '/kiosk');
      return sendAsset(request, reply, (await kioskAssets()).sw, 'text/javascript; charset=utf-8');
    });
    app.get('/kiosk/ping', { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-store').status(204).send(),
    );

    app.post('/api/kiosk/enrol', { schema: { hide: true, body: EnrolBody } }, async (request, reply) => {
      const { code, appVersion, queueLength } = request.body;
      const enrolled = await service.enrol(code, { appVersion, queueLength }, request.ip);
      reply.header('cache-control', 'no-store');
      return enrolled;
    });

    app.get('/api/kiosk/config', { schema: { hide: true } }, async (request, reply) => {
      const { deviceId } = await service.authenticate(bearer(request), deviceReport(request));
      const config = await service.config(deviceId);
      const etag = `"v${config.version}"`;
      reply.header('cache-control', 'no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return config;
    });

    app.post(
      '/api/kiosk/answers',
      { schema: { hide: true, body: AnswersBody }, bodyLimit: 1024 * 1024 },
      async (request, reply) => {
        const report = deviceReport(request);
        const { deviceId } = await service.authenticate(bearer(request), {
          appVersion: request.body.appVersion ?? report.appVersion,
        });
        const results = await service.submitAnswers(
          deviceId,
          request.body.answers,
          request.lang,
          request.body.queueLength ?? report.queueLength,
        );
        reply.header('cache-control', 'no-store');
        return { results };
      },
    );
  };
}
