// Staff dashboard and its downloads. Parse the query string, check scope (in the service), present HTML or a
// file. Every download carries the same unit, period and filters as the page it was linked from.
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import { ValidationError } from '../../errors.ts';
import { renderDashboardPage } from '../../../web/staff/dashboard/dashboard-page.ts';
import {
  parseDashboardQuery,
  periodRange,
  type DashboardQuery,
  type RawQuery,
} from '../../../web/staff/dashboard/dashboard-query.ts';
import type { InsightsFilters, InsightsScope } from '../insights/index.ts';
import type { ResponsesService } from '../responses/index.ts';
import type { StaffAuth } from '../staff/index.ts';
import { staffViewer } from '../staff/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import { AGGREGATE_TABLES, aggregateTables, type AggregateTable } from './aggregates-export.ts';
import { buildDashboardModel } from './dashboard.presenter.ts';
import type { DashboardService } from './dashboard.service.ts';
import type { DashboardThemesProvider } from './index.ts';
import {
  DASHBOARD_ROLES,
  NATIONAL_ROLES,
  RESPONSE_EXPORT_ROLES,
  isGlobal,
  mayRead,
} from './reports.scope.ts';
import { fileSafe, helsinkiToday, langOf, principalOf } from './staff-request.ts';
import { surveyLabels } from './survey-labels.ts';
import { tableToCsv, tablesToXlsx } from './tabular.ts';

const Many = Type.Union([
  Type.String({ maxLength: 200 }),
  Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 }),
]);
export const DashboardQuerySchema = Type.Object(
  {
    lang: Type.Optional(Type.String({ maxLength: 8 })),
    unit: Type.Optional(Type.String({ maxLength: 64 })),
    period: Type.Optional(Type.String({ maxLength: 10 })),
    month: Type.Optional(Type.String({ maxLength: 10 })),
    quarter: Type.Optional(Type.String({ maxLength: 10 })),
    year: Type.Optional(Type.String({ maxLength: 10 })),
    from: Type.Optional(Type.String({ maxLength: 10 })),
    to: Type.Optional(Type.String({ maxLength: 10 })),
    grain: Type.Optional(Type.String({ maxLength: 10 })),
    channel: Type.Optional(Many),
    rtype: Type.Optional(Many),
    language: Type.Optional(Many),
    age: Type.Optional(Many),
    sort: Type.Optional(Type.String({ maxLength: 10 })),
    dir: Type.Optional(Type.String({ maxLength: 10 })),
    table: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function filtersOf(q: DashboardQuery): InsightsFilters {
  const filters: InsightsFilters = {};
  if (q.channel.length) filters.channels = q.channel;
  if (q.rtype.length) filters.respondentTypes = q.rtype;
  if (q.language.length) filters.languages = q.language;
  if (q.age.length) filters.ageGroups = q.age;
  return filters;
}

export function dashboardRoutes(deps: {
  auth: StaffAuth;
  dashboard: DashboardService;
  surveys: Pick<SurveysService, 'getCurrent'>;
  responses: ResponsesService;
  /** The themes panel's source (text analysis), when one is registered. */
  themes?: { provider: DashboardThemesProvider | null };
  now: () => Date;
}): RouteRegistrar {
  const { auth, dashboard } = deps;
  const guard = auth.requireStaff({ roles: [...DASHBOARD_ROLES] });
  const schema = { hide: true, querystring: DashboardQuerySchema };

  async function scopeOf(request: FastifyRequest): Promise<{ q: DashboardQuery; scope: InsightsScope }> {
    const principal = principalOf(request);
    const q = parseDashboardQuery(request.query as RawQuery, helsinkiToday(deps.now()));
    const unitId = q.unit ?? (await dashboard.defaultUnit(principal));
    return { q: { ...q, unit: unitId }, scope: { unitId, ...periodRange(q), filters: filtersOf(q) } };
  }

  async function loadFor(request: FastifyRequest) {
    const principal = principalOf(request);
    const { q, scope } = await scopeOf(request);
    const data = await dashboard.load(principal, scope, q.grain);
    return { principal, q, scope, data, lang: langOf(request, principal) };
  }

  function attachment(reply: FastifyReply, type: string, name: string): FastifyReply {
    return reply.type(type).header('content-disposition', `attachment; filename="${name}"`);
  }

  return (app: HttpApp) => {
    app.get('/staff/dashboard', { preHandler: guard, schema }, async (request, reply) => {
      const { principal, q, data, lang, scope } = await loadFor(request);
      const chain = data.chain.map((c) => c.unit.id);
      const provider = deps.themes?.provider;
      const themes = provider
        ? await provider.load({ unitId: scope.unitId, from: scope.from, to: scope.to, lang })
        : null;
      const model = buildDashboardModel({
        lang,
        viewer: staffViewer(principal),
        query: q,
        data,
        labels: await surveyLabels(deps.surveys, lang),
        today: helsinkiToday(deps.now()),
        canExportResponses: mayRead(principal, RESPONSE_EXPORT_ROLES, chain),
        canExportNational: isGlobal(principal, NATIONAL_ROLES),
        themes,
      });
      return reply.type('text/html; charset=utf-8').send(renderDashboardPage(model).value);
    });

    app.get('/staff/dashboard/aggregates.csv', { preHandler: guard, schema }, async (request, reply) => {
      const table = ((request.query as { table?: string }).table ?? 'units') as AggregateTable;
      if (!AGGREGATE_TABLES.includes(table)) {
        throw new ValidationError('invalid_table', 'reports.invalid_table', {
          tables: AGGREGATE_TABLES.join(', '),
        });
      }
      const { data, lang, scope } = await loadFor(request);
      const tables = aggregateTables(data, lang, (await surveyLabels(deps.surveys, lang)).statements);
      const chosen = tables.find((x) => x.name === table) ?? tables[0];
      const name = `kuulo-${table}-${fileSafe(scope.unitId)}-${scope.from}-${scope.to}.csv`;
      return attachment(reply, 'text/csv; charset=utf-8', name).send(
        tableToCsv(chosen ?? { name: table, columns: [], rows: [] }),
      );
    });

    app.get('/staff/dashboard/aggregates.xlsx', { preHandler: guard, schema }, async (request, reply) => {
      const { data, lang, scope, q } = await loadFor(request);
      const tables = aggregateTables(data, lang, (await surveyLabels(deps.surveys, lang)).statements);
      const about: [string, string][] = [
        ['unit_id', scope.unitId],
        ['from', scope.from],
        ['to', scope.to],
        ['filters', JSON.stringify(filtersOf(q))],
        ['min_group_size', String(data.summary.minGroupSize)],
        [
          'suppressed',
          'fewer than min_group_size respondents, or hidden so that a small group cannot be worked out',
        ],
      ];
      const body = await tablesToXlsx(tables, about);
      return attachment(
        reply,
        XLSX_TYPE,
        `kuulo-aggregates-${fileSafe(scope.unitId)}-${scope.from}-${scope.to}.xlsx`,
      ).send(body);
    });

    for (const format of ['csv', 'xlsx'] as const) {
      app.get(
        `/staff/dashboard/responses.${format}`,
        { preHandler: guard, schema },
        async (request, reply) => {
          const principal = principalOf(request);
          const { q, scope } = await scopeOf(request);
          // Redacted free text is more than aggregates: viewers may not download it.
          await dashboard.authorise(principal, scope.unitId, RESPONSE_EXPORT_ROLES);
          const out = new PassThrough();
          const done = deps.responses.exportResponses(
            format,
            {
              unitId: scope.unitId,
              from: scope.from,
              to: scope.to,
              channels: q.channel,
              respondentTypes: q.rtype,
              languages: q.language,
              ageGroups: q.age,
              excludeFlagged: true,
            },
            out,
            undefined,
            { actorId: principal.userId },
          );
          done.then(
            () => out.end(),
            (error: unknown) => out.destroy(error as Error),
          );
          const type = format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE;
          return attachment(
            reply,
            type,
            `kuulo-responses-${fileSafe(scope.unitId)}-${scope.from}-${scope.to}.${format}`,
          ).send(out);
        },
      );
    }
  };
}
