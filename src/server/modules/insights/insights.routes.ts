// JSON API of the aggregates: parse the query (TypeBox), check the staff user's subtree, call the service.
// Every figure in the answer has passed suppression in the service.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import { ForbiddenError } from '../../errors.ts';
import { rolesWith, type StaffAuth, type StaffPrincipal, type StaffRole } from '../staff/index.ts';
import type { AlertsService, InsightsFilters, InsightsScope, InsightsService } from './index.ts';
import {
  AlertList,
  AlertsQuery,
  ChildrenResponse,
  CompareResponse,
  Rule,
  RuleBody,
  ScopeQuery,
  SummaryResponse,
  TrendQuery,
  TrendResponse,
  errors,
} from './insights.schemas.ts';

export const READ_ROLES: StaffRole[] = rolesWith('read_aggregates');
/** Who may set alert rules for a subtree. */
export const RULE_ROLES: StaffRole[] = ['admin', 'coordinator', 'manager'];

export interface InsightsRouteDeps {
  service: InsightsService;
  alerts: AlertsService;
  auth: StaffAuth;
  /** Ancestor ids of a unit, root first, the unit last; [] for an unknown unit. */
  ancestorIds(unitId: string): Promise<string[]>;
}

function split(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return parts.length > 0 ? parts : undefined;
}

export function scopeFrom(query: ScopeQuery): InsightsScope {
  const filters: InsightsFilters = {};
  const channels = split(query.channels);
  const respondentTypes = split(query.respondentTypes);
  const languages = split(query.languages);
  const ageGroups = split(query.ageGroups);
  if (channels) filters.channels = channels;
  if (respondentTypes) filters.respondentTypes = respondentTypes;
  if (languages) filters.languages = languages;
  if (ageGroups) filters.ageGroups = ageGroups;
  if (query.survey) filters.surveyId = query.survey;
  return { unitId: query.unit, from: query.from, to: query.to, filters };
}

/** Roots of the subtrees where the principal holds one of the roles; null: the whole organisation. */
export function rootsFor(principal: StaffPrincipal, roles: StaffRole[]): string[] | null {
  const held = principal.roles.filter((r) => roles.includes(r.role));
  if (held.some((r) => r.unitId === null)) return null;
  return [...new Set(held.map((r) => r.unitId as string))];
}

export function insightsRoutes(deps: InsightsRouteDeps): RouteRegistrar {
  const { service, alerts, auth } = deps;

  async function mayRead(request: FastifyRequest, unitId: string, roles = READ_ROLES): Promise<void> {
    const principal = request.staff as StaffPrincipal;
    const ancestors = await deps.ancestorIds(unitId);
    // An unknown unit is left to the service (404); a known one outside the subtree is 403.
    if (ancestors.length > 0 && !auth.hasRoleFor(principal, roles, ancestors)) {
      throw new ForbiddenError('forbidden', 'errors.forbidden');
    }
  }

  return (scope: HttpApp) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const guard = auth.requireStaff({ roles: READ_ROLES });
    // Signed-in staff only (session cookie); the OpenAPI document has no security scheme for it yet.
    const common = { tags: ['insights'] };
    const failures = errors([400, 401, 403, 404]);

    app.get(
      '/api/v1/insights/summary',
      {
        preHandler: guard,
        schema: {
          ...common,
          summary: 'Figures of a subtree and period: n, NPS with 95 % CI, statements, breakdowns',
          description:
            'Read from aggregates. Every figure carries its n; a figure based on fewer than minGroupSize respondents, or one that would let such a group be worked out by subtraction, is { suppressed: true, reason, n: null }.',
          querystring: ScopeQuery,
          response: { 200: SummaryResponse, ...failures },
        },
      },
      async (request) => {
        await mayRead(request, request.query.unit);
        return service.summary(scopeFrom(request.query));
      },
    );

    app.get(
      '/api/v1/insights/trend',
      {
        preHandler: guard,
        schema: {
          ...common,
          summary: 'Figures by week, month or quarter over the period',
          querystring: TrendQuery,
          response: { 200: TrendResponse, ...failures },
        },
      },
      async (request) => {
        await mayRead(request, request.query.unit);
        return service.trend(scopeFrom(request.query), request.query.grain);
      },
    );

    app.get(
      '/api/v1/insights/children',
      {
        preHandler: guard,
        schema: {
          ...common,
          summary: "The unit's children (each a subtree) and its own responses, with monthly sparklines",
          querystring: ScopeQuery,
          response: { 200: ChildrenResponse, ...failures },
        },
      },
      async (request) => {
        await mayRead(request, request.query.unit);
        return service.children(scopeFrom(request.query));
      },
    );

    app.get(
      '/api/v1/insights/compare',
      {
        preHandler: guard,
        schema: {
          ...common,
          summary: 'The period against the period of equal length before it, with the CI of the NPS change',
          querystring: ScopeQuery,
          response: { 200: CompareResponse, ...failures },
        },
      },
      async (request) => {
        await mayRead(request, request.query.unit);
        return service.compare(scopeFrom(request.query));
      },
    );

    app.get(
      '/api/v1/insights/alerts',
      {
        preHandler: guard,
        schema: {
          ...common,
          summary: 'Alerts raised within the subtrees the user may read (or within one unit)',
          querystring: AlertsQuery,
          response: { 200: AlertList, ...failures },
        },
      },
      async (request) => {
        const principal = request.staff as StaffPrincipal;
        let roots = rootsFor(principal, READ_ROLES);
        if (request.query.unit) {
          await mayRead(request, request.query.unit);
          roots = [request.query.unit];
        }
        const limit = request.query.limit ? Number(request.query.limit) : 100;
        const list = await alerts.listAlerts({ rootIds: roots, limit });
        return list.map((a) => ({
          ...a,
          createdAt: a.createdAt.toISOString(),
          emailedAt: a.emailedAt?.toISOString() ?? null,
        }));
      },
    );

    app.post(
      '/api/v1/insights/alert-rules',
      {
        preValidation: auth.requireStaff({ roles: RULE_ROLES }),
        schema: {
          ...common,
          summary: 'Creates an alert rule for a unit (and optionally every unit below it)',
          body: RuleBody,
          response: { 201: Rule, ...errors([400, 401, 403, 404]) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const ancestors = await deps.ancestorIds(body.unitId);
        if (ancestors.length > 0) await mayRead(request, body.unitId, RULE_ROLES);
        const rule = await alerts.createRule({
          kind: body.kind,
          unitId: body.unitId,
          includeDescendants: body.includeDescendants ?? false,
          threshold: body.threshold ?? null,
          periodDays: body.periodDays ?? 30,
          actorId: (request.staff as StaffPrincipal).userId,
        });
        return reply.code(201).send(rule);
      },
    );
  };
}
