import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { HttpApp } from '../../http/app.ts';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from '../../errors.ts';
import { isChannel } from '../../../shared/channels.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import type { SafeHtml } from '../../../web/ui/html.ts';
import { surveyListPage } from '../../../web/staff/surveys/survey-list.page.ts';
import { surveyDetailPage, type DetailNotice } from '../../../web/staff/surveys/survey-detail.page.ts';
import { surveyEditPage } from '../../../web/staff/surveys/survey-edit.page.ts';
import { applyTextEdits, type FormBody } from '../../../web/staff/surveys/survey-edit.form.ts';
import {
  surveyPublishPage,
  type PublishFormErrors,
  type PublishFormValues,
} from '../../../web/staff/surveys/survey-publish.page.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';
import { staffViewer } from '../staff/index.ts';
import type {
  SurveyAdministration,
  SurveyVersionView,
  SurveysOrganisation,
  SurveysService,
} from './index.ts';
import { canEditSurveys, canPublishAt, SURVEY_ROLES } from './surveys.policy.ts';
import { unitChoices } from './unit-choices.ts';

export interface StaffPagesDeps {
  service: SurveysService & SurveyAdministration;
  organisation: SurveysOrganisation;
  auth: StaffAuth;
}

const SurveyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const PublicationParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  publicationId: Type.String({ minLength: 1, maxLength: 100 }),
});
const PageQuery = Type.Object({
  lang: Type.Optional(Type.String()),
  notice: Type.Optional(Type.String()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
const FormValue = Type.Union([
  Type.String({ maxLength: 10_000 }),
  Type.Array(Type.String({ maxLength: 10_000 })),
]);
const Form = Type.Record(Type.String(), FormValue);
const NOTICES: readonly string[] = ['saved', 'published', 'ended'] satisfies DetailNotice[];
const UNIT_LIST_LIMIT = 500;

function principalOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
  return request.staff;
}

/** ?lang= wins, then the person's own setting: staff pages follow the account, not the browser. */
function langOf(request: FastifyRequest, principal: StaffPrincipal): Language {
  const fromQuery = (request.query as { lang?: unknown } | undefined)?.lang;
  return isLanguage(fromQuery) ? fromQuery : principal.locale;
}

const viewerOf = staffViewer;

function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page.value);
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

export function registerSurveysStaffPages(scope: HttpApp, deps: StaffPagesDeps): void {
  const { service, organisation, auth } = deps;
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  // Before schema validation, so a request without a session or CSRF token learns nothing about the form.
  const preValidation = auth.requireStaff({ roles: SURVEY_ROLES });
  const hidden = { hide: true };

  async function loadSurvey(ref: string): Promise<SurveyVersionView> {
    const view = await service.getCurrent(ref);
    if (!view) throw new NotFoundError('survey_not_found', 'surveys.error_survey_not_found');
    return view;
  }

  const ancestorIds = async (unitId: string) => (await organisation.ancestors(unitId)).map((u) => u.id);

  app.get(
    '/staff/surveys',
    { preValidation, schema: { ...hidden, querystring: PageQuery } },
    async (request, reply) => {
      const principal = principalOf(request);
      const surveys = await service.listSurveys();
      return sendPage(
        reply,
        surveyListPage({ lang: langOf(request, principal), viewer: viewerOf(principal), surveys }),
      );
    },
  );

  app.get(
    '/staff/surveys/:id',
    { preValidation, schema: { ...hidden, params: SurveyParams, querystring: PageQuery } },
    async (request, reply) => {
      const principal = principalOf(request);
      const lang = langOf(request, principal);
      const view = await loadSurvey(request.params.id);
      const [versions, publications] = await Promise.all([
        service.listVersions(view.surveyId),
        service.listPublications(view.surveyId, { includeEnded: true }),
      ]);
      const unitIds = [...new Set(publications.map((p) => p.unitId))];
      const units = new Map(
        await Promise.all(
          unitIds.map(
            async (id) =>
              [id, { unit: await organisation.getUnit(id), chain: await ancestorIds(id) }] as const,
          ),
        ),
      );
      const notice = request.query.notice;
      return sendPage(
        reply,
        surveyDetailPage({
          lang,
          viewer: viewerOf(principal),
          survey: {
            id: view.surveyId,
            slug: view.slug,
            template: view.template,
            version: view.version,
            definition: view.definition,
          },
          versions,
          publications: publications.map((p) => {
            const unit = units.get(p.unitId);
            return {
              ...p,
              unitName: unit?.unit ? (unit.unit.names[lang] ?? unit.unit.names.fi) : null,
              canEnd: !p.endedAt && canPublishAt(auth, principal, unit?.chain ?? []),
            };
          }),
          canEdit: canEditSurveys(auth, principal),
          notice: notice && NOTICES.includes(notice) ? (notice as DetailNotice) : undefined,
        }),
      );
    },
  );

  app.get(
    '/staff/surveys/:id/edit',
    { preValidation, schema: { ...hidden, params: SurveyParams, querystring: PageQuery } },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!canEditSurveys(auth, principal)) throw new ForbiddenError('forbidden', 'errors.forbidden');
      const view = await loadSurvey(request.params.id);
      return sendPage(
        reply,
        surveyEditPage({
          lang: langOf(request, principal),
          viewer: viewerOf(principal),
          surveyId: view.surveyId,
          definition: view.definition,
          version: view.version,
        }),
      );
    },
  );

  app.post(
    '/staff/surveys/:id/edit',
    // Every text in five languages, percent-encoded, outgrows the default 64 KiB limit.
    {
      preValidation,
      bodyLimit: 1024 * 1024,
      schema: { ...hidden, params: SurveyParams, querystring: PageQuery, body: Form },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (!canEditSurveys(auth, principal)) throw new ForbiddenError('forbidden', 'errors.forbidden');
      const lang = langOf(request, principal);
      const tr = t(lang);
      const view = await loadSurvey(request.params.id);
      const body = request.body as FormBody;
      const note = first(body.note);
      const expectedVersion = Number.parseInt(first(body.expectedVersion), 10);
      const page = (
        status: number,
        extra: { fieldErrors?: ReturnType<typeof applyTextEdits>['errors']; formErrors?: string[] },
      ) =>
        sendPage(
          reply,
          surveyEditPage({
            lang,
            viewer: viewerOf(principal),
            surveyId: view.surveyId,
            definition: view.definition,
            version: view.version,
            submitted: body,
            note,
            ...extra,
          }),
          status,
        );
      if (expectedVersion !== view.version) {
        return page(409, { formErrors: [tr('surveys.error_edited_meanwhile', { version: view.version })] });
      }
      const { definition, errors } = applyTextEdits(view.definition, body);
      if (errors.length > 0) return page(400, { fieldErrors: errors });
      try {
        await service.saveVersion({
          surveyId: view.surveyId,
          definition,
          note,
          actorId: principal.userId,
          expectedVersion,
        });
      } catch (error) {
        if (error instanceof ConflictError) {
          return page(409, { formErrors: [tr('surveys.error_edited_meanwhile', { version: view.version })] });
        }
        if (error instanceof DomainError && error.code.startsWith('survey_')) {
          return page(400, { formErrors: [tr(error.messageKey, error.params)] });
        }
        throw error;
      }
      return reply.redirect(`/staff/surveys/${view.surveyId}?notice=saved&lang=${lang}`, 303);
    },
  );

  async function publishPage(
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      ref: string;
      query: string;
      values: PublishFormValues;
      errors?: PublishFormErrors;
      status?: number;
    },
  ) {
    const principal = principalOf(request);
    const lang = langOf(request, principal);
    const view = await loadSurvey(input.ref);
    const choices = unitChoices(await organisation.listUnits(), {
      query: input.query,
      lang,
      limit: UNIT_LIST_LIMIT,
      mayPublishAt: (chain) => canPublishAt(auth, principal, chain),
    });
    return sendPage(
      reply,
      surveyPublishPage({
        lang,
        viewer: viewerOf(principal),
        surveyId: view.surveyId,
        surveyTitle: view.definition.title,
        query: input.query,
        ...choices,
        values: input.values,
        errors: input.errors,
      }),
      input.status,
    );
  }

  app.get(
    '/staff/surveys/:id/publish',
    { preValidation, schema: { ...hidden, params: SurveyParams, querystring: PageQuery } },
    async (request, reply) =>
      publishPage(request, reply, {
        ref: request.params.id,
        query: request.query.q ?? '',
        values: { unitId: '', includeSubtree: true, channels: ['web', 'qr'] },
      }),
  );

  app.post(
    '/staff/surveys/:id/publish',
    { preValidation, schema: { ...hidden, params: SurveyParams, querystring: PageQuery, body: Form } },
    async (request, reply) => {
      const principal = principalOf(request);
      const tr = t(langOf(request, principal));
      const view = await loadSurvey(request.params.id);
      const body = request.body as FormBody;
      const submitted = Array.isArray(body.channels) ? body.channels : body.channels ? [body.channels] : [];
      const values: PublishFormValues = {
        unitId: first(body.unitId),
        includeSubtree: first(body.includeSubtree) === 'on',
        channels: submitted.filter(isChannel),
      };
      const errors: PublishFormErrors = {};
      const chain = values.unitId ? await ancestorIds(values.unitId) : [];
      if (!values.unitId) errors.unit = tr('surveys.error_unit_required');
      else if (chain.length === 0) errors.unit = tr('surveys.error_unit_not_found');
      if (values.channels.length === 0) errors.channels = tr('surveys.error_channels_invalid');
      if (errors.unit || errors.channels) {
        return publishPage(request, reply, { ref: view.surveyId, query: '', values, errors, status: 400 });
      }
      if (!canPublishAt(auth, principal, chain)) throw new ForbiddenError('forbidden', 'errors.forbidden');
      try {
        await service.publish({ surveyId: view.surveyId, ...values, actorId: principal.userId });
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof ForbiddenError) throw error;
        const form = [tr(error.messageKey, error.params)];
        return publishPage(request, reply, {
          ref: view.surveyId,
          query: '',
          values,
          errors: { form },
          status: 400,
        });
      }
      return reply.redirect(
        `/staff/surveys/${view.surveyId}?notice=published&lang=${langOf(request, principal)}`,
        303,
      );
    },
  );

  app.post(
    '/staff/surveys/:id/publications/:publicationId/end',
    { preValidation, schema: { ...hidden, params: PublicationParams, querystring: PageQuery } },
    async (request, reply) => {
      const principal = principalOf(request);
      const view = await loadSurvey(request.params.id);
      const publication = await service.getPublication(request.params.publicationId);
      if (!publication || publication.surveyId !== view.surveyId) {
        throw new NotFoundError('publication_not_found', 'surveys.error_publication_not_found');
      }
      if (!canPublishAt(auth, principal, await ancestorIds(publication.unitId))) {
        throw new ForbiddenError('forbidden', 'errors.forbidden');
      }
      try {
        await service.endPublication({ publicationId: publication.id, actorId: principal.userId });
      } catch (error) {
        // A double click or a second tab: it is ended either way.
        if (!(error instanceof ConflictError)) throw error;
      }
      return reply.redirect(
        `/staff/surveys/${view.surveyId}?notice=ended&lang=${langOf(request, principal)}`,
        303,
      );
    },
  );
}
