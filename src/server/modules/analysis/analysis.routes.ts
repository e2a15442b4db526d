// JSON API of the text analysis: theme views of a subtree and period, the redacted comments behind them, staff
// corrections, the taxonomy and emerging-theme alerts. Every route checks the staff user's subtree on the server.
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';
import type { StaffAuth, StaffPrincipal, StaffRole } from '../staff/index.ts';
import type { AnalysisService } from './analysis.service.ts';
import type { AnalysisViews } from './analysis.views.service.ts';
import type { SimilarityService } from './analysis.similarity.service.ts';

/** Figures (aggregates, suppressed): every role. */
export const AGGREGATE_ROLES: StaffRole[] = [
  'admin',
  'coordinator',
  'manager',
  'handler',
  'analyst',
  'viewer',
];
/** Redacted texts, and correcting their themes and tone. */
export const TEXT_ROLES: StaffRole[] = ['admin', 'coordinator', 'manager', 'handler', 'analyst'];
/** Editing the organisation-wide taxonomy: a global admin or coordinator. */
export const TAXONOMY_ROLES: StaffRole[] = ['admin', 'coordinator'];

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});
const ToneSchema = Type.Union([
  Type.Literal('positive'),
  Type.Literal('neutral'),
  Type.Literal('negative'),
  Type.Literal('mixed'),
]);

const ScopeQuery = Type.Object(
  { unit: Type.String({ minLength: 1, maxLength: 200 }), from: DateString, to: DateString },
  { additionalProperties: false },
);
const CommentsQuery = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 200 }),
    from: DateString,
    to: DateString,
    theme: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    tone: Type.Optional(ToneSchema),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
    // Query strings are not coerced (http/app.ts): numbers come as digits and are bounded by the service.
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
  },
  { additionalProperties: false },
);
// A body, not a query string: the search text may be about a person and must not land in proxies' access logs.
const SimilarBody = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 200 }),
    from: DateString,
    to: DateString,
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    theme: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
const ClustersQuery = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 200 }),
    from: DateString,
    to: DateString,
    theme: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    k: Type.Optional(Type.String({ pattern: '^([1-9]|1[0-9]|20)$' })),
    lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export const CorrectionBody = Type.Object(
  {
    responseId: Type.Optional(Uuid),
    questionId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    feedbackId: Type.Optional(Uuid),
    themes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
    tone: Type.Optional(ToneSchema),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type CorrectionBodyType = Static<typeof CorrectionBody>;
const ThemeBody = Type.Object(
  {
    fi: Type.String({ minLength: 1, maxLength: 200 }),
    sv: Type.String({ minLength: 1, maxLength: 200 }),
    en: Type.String({ minLength: 1, maxLength: 200 }),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export interface AnalysisRouteDeps {
  service: AnalysisService;
  views: AnalysisViews;
  /** Only the JSON API uses it (similarity search, clusters). */
  similarity?: SimilarityService;
  auth: StaffAuth;
  /** Ancestor ids of a unit, root first, the unit last; [] for an unknown unit. */
  ancestorIds(unitId: string): Promise<string[]>;
}

/** The item a correction is about: an answer (responseId + questionId) or a feedback item. */
export function correctionRef(body: CorrectionBodyType) {
  if (body.feedbackId && !body.responseId && !body.questionId)
    return { feedbackId: body.feedbackId.toLowerCase() };
  if (body.responseId && body.questionId && !body.feedbackId) {
    return { responseId: body.responseId.toLowerCase(), questionId: body.questionId };
  }
  return null;
}

export function analysisRoutes(deps: AnalysisRouteDeps): RouteRegistrar {
  const { auth, views, service } = deps;

  async function mayUse(request: FastifyRequest, unitId: string, roles: StaffRole[]): Promise<void> {
    const principal = request.staff as StaffPrincipal;
    const ancestors = await deps.ancestorIds(unitId);
    if (ancestors.length > 0 && !auth.hasRoleFor(principal, roles, ancestors)) {
      throw new ForbiddenError('forbidden', 'errors.forbidden');
    }
  }

  return (scope: HttpApp) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const common = { tags: ['analysis'] };

    app.get(
      '/api/v1/analysis/themes',
      {
        preHandler: auth.requireStaff({ roles: AGGREGATE_ROLES }),
        schema: { ...common, summary: 'The theme taxonomy' },
      },
      async () => ({ themes: await views.listThemes(true) }),
    );

    app.put(
      '/api/v1/analysis/themes/:key',
      {
        preValidation: auth.requireStaff({ roles: TAXONOMY_ROLES }),
        schema: {
          ...common,
          summary: 'Create or rename a theme (fi/sv/en names), reorder it or make it inactive',
          params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) }),
          body: ThemeBody,
        },
      },
      async (request) => {
        if (!auth.hasRoleFor(request.staff as StaffPrincipal, TAXONOMY_ROLES, [])) {
          throw new ForbiddenError('forbidden', 'errors.forbidden');
        }
        const { fi, sv, en, position, active } = request.body;
        await views.updateTheme({
          key: request.params.key,
          names: { fi, sv, en },
          position: position ?? 0,
          active: active ?? true,
        });
        return { themes: await views.listThemes(true) };
      },
    );

    app.get(
      '/api/v1/analysis/summary',
      {
        preHandler: auth.requireStaff({ roles: AGGREGATE_ROLES }),
        schema: {
          ...common,
          summary:
            'Themes of a subtree and period: share, tone, previous period, n; key phrases in base form',
          description: 'Groups smaller than minGroupSize are { suppressed: true } without figures.',
          querystring: ScopeQuery,
        },
      },
      async (request) => {
        await mayUse(request, request.query.unit, AGGREGATE_ROLES);
        return views.themeSummary({
          unitId: request.query.unit,
          from: request.query.from,
          to: request.query.to,
        });
      },
    );

    app.get(
      '/api/v1/analysis/comments',
      {
        preHandler: auth.requireStaff({ roles: TEXT_ROLES }),
        schema: {
          ...common,
          summary: 'Redacted comments of a subtree and period, filtered by theme, tone and language',
          querystring: CommentsQuery,
        },
      },
      async (request) => {
        const q = request.query;
        await mayUse(request, q.unit, TEXT_ROLES);
        const comments = await views.comments({
          unitId: q.unit,
          from: q.from,
          to: q.to,
          ...(q.theme ? { theme: q.theme } : {}),
          ...(q.tone ? { tone: q.tone } : {}),
          ...(q.language ? { language: q.language } : {}),
          ...(q.limit ? { limit: Number(q.limit) } : {}),
          ...(q.offset ? { offset: Number(q.offset) } : {}),
        });
        return { comments };
      },
    );

    app.post(
      '/api/v1/analysis/corrections',
      {
        preValidation: auth.requireStaff({ roles: TEXT_ROLES }),
        schema: {
          ...common,
          summary: "Correct an item's themes and/or tone; kept as training data for the organisation's model",
          body: CorrectionBody,
        },
      },
      async (request, reply) => {
        const ref = correctionRef(request.body);
        if (!ref) throw new NotFoundError('item_not_found', 'analysis.error_item_not_found');
        const unitId = await views.unitOfItem(ref);
        if (unitId === undefined) throw new NotFoundError('item_not_found', 'analysis.error_item_not_found');
        if (unitId === null) {
          if (!auth.hasRoleFor(request.staff as StaffPrincipal, TEXT_ROLES, [])) {
            throw new ForbiddenError('forbidden', 'errors.forbidden');
          }
        } else await mayUse(request, unitId, TEXT_ROLES);
        await service.correct({
          ref,
          ...(request.body.themes ? { themes: request.body.themes } : {}),
          ...(request.body.tone ? { tone: request.body.tone } : {}),
          actorId: (request.staff as StaffPrincipal).userId,
        });
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/analysis/theme-summary',
      {
        preHandler: auth.requireStaff({ roles: TEXT_ROLES }),
        schema: {
          ...common,
          summary:
            "A language model's summary of a theme's redacted comments (optional provider; 409 when off)",
          querystring: Type.Object(
            {
              unit: Type.String({ minLength: 1, maxLength: 200 }),
              from: DateString,
              to: DateString,
              theme: Type.String({ minLength: 1, maxLength: 64 }),
              lang: Type.Optional(Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')])),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const q = request.query;
        await mayUse(request, q.unit, TEXT_ROLES);
        return views.summariseTheme(
          { unitId: q.unit, from: q.from, to: q.to },
          q.theme,
          q.lang ?? request.lang,
        );
      },
    );

    app.post(
      '/api/v1/analysis/similar',
      {
        preValidation: auth.requireStaff({ roles: TEXT_ROLES }),
        schema: {
          ...common,
          summary: 'Redacted comments most like a text, by the optional local embedding model (409 when off)',
          body: SimilarBody,
        },
      },
      async (request) => {
        const b = request.body;
        await mayUse(request, b.unit, TEXT_ROLES);
        if (!deps.similarity)
          throw new ConflictError('embeddings_not_configured', 'analysis.error_embeddings_not_configured');
        const results = await deps.similarity.similar(
          { unitId: b.unit, from: b.from, to: b.to, ...(b.theme ? { theme: b.theme } : {}) },
          b.text,
          b.limit ?? 10,
        );
        return { results };
      },
    );

    app.get(
      '/api/v1/analysis/clusters',
      {
        preHandler: auth.requireStaff({ roles: TEXT_ROLES }),
        schema: {
          ...common,
          summary: 'Groups of similar redacted comments (optional local embedding model; 409 when off)',
          description:
            'Clusters smaller than minGroupSize are not shown; their texts are counted in unclustered.',
          querystring: ClustersQuery,
        },
      },
      async (request) => {
        const q = request.query;
        await mayUse(request, q.unit, TEXT_ROLES);
        if (!deps.similarity)
          throw new ConflictError('embeddings_not_configured', 'analysis.error_embeddings_not_configured');
        return deps.similarity.clusters(
          { unitId: q.unit, from: q.from, to: q.to, ...(q.theme ? { theme: q.theme } : {}) },
          { ...(q.k ? { k: Number(q.k) } : {}), language: q.lang ?? request.lang },
        );
      },
    );

    app.get(
      '/api/v1/analysis/alerts',
      {
        preHandler: auth.requireStaff({ roles: AGGREGATE_ROLES }),
        schema: {
          ...common,
          summary: 'Emerging themes of a subtree: significant rises of a theme against its own baseline',
          querystring: Type.Object(
            { unit: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        await mayUse(request, request.query.unit, AGGREGATE_ROLES);
        return { alerts: await views.listAlerts(request.query.unit) };
      },
    );
  };
}
