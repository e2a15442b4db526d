// Staff pages of the text analysis (rendered by src/web/staff/analysis): the theme view with its comments and a
// correction form that posts back to the same page. Scope is checked on the server like the JSON API's.
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import { DomainError, ForbiddenError } from '../../errors.ts';
import { t } from '../../../i18n/index.ts';
import { staffViewer, type StaffPrincipal } from '../staff/index.ts';
import { renderAnalysisPage, type AnalysisPageModel } from '../../../web/staff/analysis/analysis.page.ts';
import { AGGREGATE_ROLES, TEXT_ROLES, correctionRef, type AnalysisRouteDeps } from './analysis.routes.ts';

const PageQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  theme: Type.Optional(Type.String({ maxLength: 64 })),
  tone: Type.Optional(Type.String({ maxLength: 16 })),
  language: Type.Optional(Type.String({ maxLength: 2 })),
  saved: Type.Optional(Type.String({ maxLength: 1 })),
  lang: Type.Optional(Type.String({ maxLength: 2 })),
});

const CorrectionForm = Type.Object({
  responseId: Type.Optional(Type.String({ maxLength: 64 })),
  questionId: Type.Optional(Type.String({ maxLength: 200 })),
  feedbackId: Type.Optional(Type.String({ maxLength: 64 })),
  themes: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 64 }),
      Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 }),
    ]),
  ),
  tone: Type.Optional(Type.String({ maxLength: 16 })),
  back: Type.Optional(Type.String({ maxLength: 1000 })),
  _csrf: Type.Optional(Type.String()),
});

const TONES = ['positive', 'neutral', 'negative', 'mixed'] as const;
type ToneValue = (typeof TONES)[number];
const isTone = (value: string | undefined): value is ToneValue =>
  (TONES as readonly string[]).includes(value ?? '');

function defaultPeriod(now: Date) {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 89 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export function analysisPageRoutes(deps: AnalysisRouteDeps & { minGroupSize: number }): RouteRegistrar {
  const { auth, views, service } = deps;
  return (scope: HttpApp) => {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/staff/analysis',
      {
        preHandler: auth.requireStaff({ roles: AGGREGATE_ROLES }),
        schema: { hide: true, querystring: PageQuery },
      },
      async (request, reply) => {
        const principal = request.staff as StaffPrincipal;
        const q = request.query;
        const period = defaultPeriod(new Date());
        const query = {
          unit: q.unit ?? principal.roles.find((r) => r.unitId)?.unitId ?? '',
          from: q.from || period.from,
          to: q.to || period.to,
          ...(q.theme ? { theme: q.theme } : {}),
          ...(isTone(q.tone) ? { tone: q.tone } : {}),
          ...(q.language ? { language: q.language } : {}),
        };
        const model: AnalysisPageModel = {
          lang: request.lang,
          viewer: staffViewer(principal),
          query,
          minGroupSize: deps.minGroupSize,
          summary: null,
          alerts: [],
          comments: null,
          taxonomy: await views.listThemes(),
          saved: q.saved === '1',
        };
        if (query.unit) {
          try {
            const ancestors = await deps.ancestorIds(query.unit);
            if (ancestors.length > 0 && !auth.hasRoleFor(principal, AGGREGATE_ROLES, ancestors)) {
              throw new ForbiddenError('forbidden', 'errors.forbidden');
            }
            const scopeOf = { unitId: query.unit, from: query.from, to: query.to };
            const summary = await views.themeSummary(scopeOf);
            model.summary = {
              total: summary.total.n,
              themes: summary.themes.map((th) => ({
                ...th,
                previousShare: 'previousShare' in th ? th.previousShare : null,
              })),
              keyPhrases: summary.keyPhrases,
            };
            model.alerts = await views.listAlerts(query.unit, 20);
            if (auth.hasRoleFor(principal, TEXT_ROLES, ancestors)) {
              model.comments = await views.comments({
                unitId: query.unit,
                from: query.from,
                to: query.to,
                ...(query.theme ? { theme: query.theme } : {}),
                ...(query.tone ? { tone: query.tone } : {}),
                ...(query.language ? { language: query.language } : {}),
                limit: 50,
              });
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            model.error = t(request.lang)(error.messageKey, error.params);
            reply.code(error instanceof ForbiddenError ? 403 : 400);
          }
        }
        return reply.type('text/html; charset=utf-8').send(renderAnalysisPage(model).toString());
      },
    );

    app.post(
      '/staff/analysis/corrections',
      {
        preValidation: auth.requireStaff({ roles: TEXT_ROLES }),
        schema: { hide: true, body: CorrectionForm },
      },
      async (request, reply) => {
        const principal = request.staff as StaffPrincipal;
        const body = request.body;
        const ref = correctionRef({
          ...(body.responseId ? { responseId: body.responseId } : {}),
          ...(body.questionId ? { questionId: body.questionId } : {}),
          ...(body.feedbackId ? { feedbackId: body.feedbackId } : {}),
        });
        const unitId = ref ? await views.unitOfItem(ref) : undefined;
        if (!ref || unitId === undefined) return reply.code(404).send();
        const ancestors = unitId === null ? [] : await deps.ancestorIds(unitId);
        if (!auth.hasRoleFor(principal, TEXT_ROLES, ancestors))
          throw new ForbiddenError('forbidden', 'errors.forbidden');
        const themes =
          body.themes === undefined ? [] : Array.isArray(body.themes) ? body.themes : [body.themes];
        await service.correct({
          ref,
          themes,
          ...(isTone(body.tone) ? { tone: body.tone } : {}),
          actorId: principal.userId,
        });
        const back = new URLSearchParams(body.back ?? '');
        back.set('saved', '1');
        return reply.redirect(`/staff/analysis?${back.toString()}`, 303);
      },
    );
  };
}
