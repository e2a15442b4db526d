import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';
import { unitName } from '../../../web/citizen/text.ts';
import { renderChatPage, type ChatPageModel } from '../../../web/staff/chat/chat-page.ts';
import { staffViewer, type StaffPrincipal } from '../staff/index.ts';
import type { ChatDeps, ChatRatingInput, ChatService } from './index.ts';
import { COMMENT_MAX } from './chat.validation.ts';
import { IMPORT_ROLES, REPORT_ROLES } from './chat.policy.ts';

const BODY_LIMIT = 4 * 1024 * 1024;

const Rating = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200, description: "The chat system's id for the rating" }),
    system: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, description: "Which chat system; default 'default'" }),
    ),
    unit: Type.String({ minLength: 1, maxLength: 64, description: 'Kuulo unit id or national OID' }),
    ratedAt: Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 with a time zone' }),
    rating: Type.Integer({ minimum: 0, maximum: 100 }),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX })),
    language: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
const BatchBody = Type.Object(
  { ratings: Type.Array(Rating, { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);
const BatchResult = Type.Object({ stored: Type.Integer(), duplicates: Type.Integer() });
const PageQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  unit: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
});
const ImportBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  content: Type.String({ maxLength: 3_000_000 }),
  action: Type.Union([Type.Literal('check'), Type.Literal('apply')]),
});

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

function page(reply: FastifyReply, markup: { value: string }, status = 200) {
  reply.header('cache-control', 'no-store');
  return reply.code(status).type('text/html; charset=utf-8').send(markup.value);
}

function monthsBack(today: string, months: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - months, 1)).toISOString().slice(0, 10);
}

export function chatRoutes(deps: ChatDeps & { service: ChatService }) {
  const { service, auth, organisation } = deps;
  const principal = (request: FastifyRequest): StaffPrincipal => request.staff!;

  /** The report's unit: asked for, else the person's first scoped unit, else the top of the tree. */
  async function defaultUnit(
    request: FastifyRequest,
    asked: string | undefined,
  ): Promise<string | undefined> {
    if (asked) return asked;
    const scoped = principal(request).roles.find((r) => REPORT_ROLES.includes(r.role) && r.unitId !== null);
    if (scoped?.unitId) return scoped.unitId;
    return (await organisation.listUnits()).find((u) => u.parentId === null)?.id;
  }

  async function model(
    request: FastifyRequest<{ Querystring: { unit?: string; from?: string; to?: string } }>,
    imported?: ChatPageModel['imported'],
  ): Promise<ChatPageModel> {
    const lang = request.lang;
    const today = helsinkiDate(new Date());
    const from = request.query.from || monthsBack(today, 2);
    const to = request.query.to || today;
    const unitId = await defaultUnit(request, request.query.unit);
    const report = unitId ? await service.report({ unitId, from, to }, principal(request)) : undefined;
    const p = principal(request);
    return {
      lang,
      viewer: staffViewer(p),
      mayImport: p.roles.some((r) => IMPORT_ROLES.includes(r.role)),
      report: report && {
        ...report,
        unitName: unitName(report.unit.names, lang),
        children: report.children.map((c) => ({ ...c, name: unitName(c.unit.names, lang) })),
      },
      from,
      to,
      imported,
    };
  }

  return (app: HttpApp) => {
    app.post<{ Body: { ratings: ChatRatingInput[] } }>(
      '/api/v1/chat-ratings',
      {
        schema: {
          tags: ['chat'],
          summary: 'Store chat satisfaction ratings (0–100) in a batch; idempotent by system and id',
          body: BatchBody,
          response: { 200: BatchResult },
        },
        bodyLimit: BODY_LIMIT,
        preValidation: async (request) => {
          await deps.authenticate(bearer(request));
        },
      },
      async (request) => service.ingest(request.body.ratings, 'api', request.lang),
    );

    app.get<{ Querystring: { unit?: string; from?: string; to?: string } }>(
      '/staff/chat',
      { schema: { querystring: PageQuery }, preHandler: auth.requireStaff({ roles: REPORT_ROLES }) },
      async (request, reply) => page(reply, renderChatPage(await model(request))),
    );

    app.post<{ Querystring: { unit?: string }; Body: { content: string; action: 'check' | 'apply' } }>(
      '/staff/chat/import',
      {
        schema: { querystring: PageQuery, body: ImportBody },
        bodyLimit: BODY_LIMIT,
        preValidation: auth.requireStaff({ roles: IMPORT_ROLES }),
      },
      async (request, reply) => {
        const result = await service.importCsv(
          request.body.content,
          { dryRun: request.body.action === 'check', lang: request.lang },
          principal(request),
        );
        const status = result.problems.length > 0 ? 422 : 200;
        const content = result.applied ? '' : request.body.content;
        return page(reply, renderChatPage(await model(request, { ...result, content })), status);
      },
    );
  };
}
