import { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { UnauthorizedError } from '../../errors.ts';
import { renderAuditPage, type AuditFilterView } from '../../../web/staff/audit/audit-page.ts';
import { staffViewer, type StaffAuth, type StaffPrincipal } from '../staff/index.ts';
import type { AuditQuery, AuditService } from './index.ts';
import { AUDIT_PAGE_SIZE, dayStart } from './audit.service.ts';

// The audit log for global administrators: a search page, its CSV export, and the same search as JSON.
const Filter = {
  actor: Type.Optional(Type.String({ maxLength: 254 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  targetType: Type.Optional(Type.String({ maxLength: 100 })),
  targetId: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
};
const PageQuery = Type.Object(Filter);
const ApiQuery = Type.Object({ ...Filter, limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })) });
type Query = Static<typeof ApiQuery>;

const AuditEntryJson = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorEmail: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

function blank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function toQuery(q: Query): AuditQuery {
  const from = blank(q.from);
  const to = blank(q.to);
  return {
    actor: blank(q.actor),
    action: blank(q.action),
    targetType: blank(q.targetType),
    targetId: blank(q.targetId),
    from: from ? dayStart(from) : undefined,
    to: to ? dayStart(to, true) : undefined,
    beforeId: q.before ? Number(q.before) : undefined,
    limit: q.limit ? Number(q.limit) : undefined,
  };
}

function filterView(q: Query): AuditFilterView {
  return {
    actor: q.actor ?? '',
    action: q.action ?? '',
    targetType: q.targetType ?? '',
    targetId: q.targetId ?? '',
    from: q.from ?? '',
    to: q.to ?? '',
  };
}

function principalOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
  return request.staff;
}

export function auditRoutes(deps: { service: AuditService; auth: StaffAuth }) {
  return (root: HttpApp) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const guard = deps.auth.requireStaff({ roles: ['admin'] });

    app.get(
      '/staff/audit',
      { schema: { querystring: PageQuery, hide: true }, preHandler: guard },
      async (request, reply) => {
        const principal = principalOf(request);
        const rows = await deps.service.search(principal, {
          ...toQuery(request.query),
          limit: AUDIT_PAGE_SIZE + 1,
        });
        const more = rows.length > AUDIT_PAGE_SIZE;
        const shown = rows.slice(0, AUDIT_PAGE_SIZE);
        const page = renderAuditPage({
          lang: request.lang,
          viewer: staffViewer(principal),
          filter: filterView(request.query),
          rows: shown,
          olderBefore: more ? (shown[shown.length - 1]?.id ?? null) : null,
        });
        return reply.type('text/html; charset=utf-8').send(page.value);
      },
    );

    app.get(
      '/staff/audit/export.csv',
      { schema: { querystring: PageQuery, hide: true }, preHandler: guard },
      async (request, reply) => {
        const principal = principalOf(request);
        const query = toQuery(request.query);
        // Authorise and audit before the first byte goes out: a refusal is still a proper error response.
        const chunks = deps.service.exportCsv(principal, query)[Symbol.asyncIterator]();
        const first = await chunks.next();
        async function* rest() {
          if (!first.done) yield first.value;
          for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
        }
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="kuulo-audit-${day}.csv"`)
          .send(Readable.from(rest()));
      },
    );

    app.get(
      '/api/v1/staff/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Search the audit log (global administrators)',
          querystring: ApiQuery,
          response: {
            200: Type.Object({
              entries: Type.Array(AuditEntryJson),
              nextBefore: Type.Union([Type.Integer(), Type.Null()]),
            }),
          },
        },
        preHandler: guard,
      },
      async (request) => {
        const query = toQuery(request.query);
        const limit = Math.min(query.limit ?? AUDIT_PAGE_SIZE, 1000);
        const rows = await deps.service.search(principalOf(request), { ...query, limit });
        return {
          entries: rows.map((r) => ({
            id: r.id,
            at: r.at.toISOString(),
            actorId: r.actorId,
            actorEmail: r.actorEmail,
            action: r.action,
            targetType: r.targetType,
            targetId: r.targetId,
            details: r.details,
          })),
          nextBefore: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
        };
      },
    );
  };
}
