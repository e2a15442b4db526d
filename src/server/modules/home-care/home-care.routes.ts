import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { ValidationError } from '../../errors.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';
import { t } from '../../../i18n/index.ts';
import { EMPTY_VALUES, parseAnswerForm, type FieldError } from '../../../web/citizen/answer-form.ts';
import { unitName } from '../../../web/citizen/text.ts';
import { renderClientPage } from '../../../web/staff/home-care/client-page.ts';
import { renderAssessmentPage } from '../../../web/staff/home-care/assessment-page.ts';
import { renderStartPage, type HomeCareUnit } from '../../../web/staff/home-care/start-page.ts';
import { renderReportPage } from '../../../web/staff/home-care/report-page.ts';
import { staffViewer, type StaffPrincipal } from '../staff/index.ts';
import type { AffectedBy, HomeCareDeps, HomeCareService, OnTime } from './index.ts';
import { AFFECTED_BY, ON_TIME } from './home-care.values.ts';
import { RECORD_ROLES, REPORT_ROLES } from './home-care.policy.ts';

const Lang = Type.Optional(Type.String({ maxLength: 16 }));
const StartQuery = Type.Object({
  lang: Lang,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  done: Type.Optional(Type.String({ maxLength: 2 })),
});
const VisitQuery = Type.Object({ lang: Lang, unit: Type.String({ minLength: 1, maxLength: 64 }) });
const VisitParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const AssessmentQuery = Type.Object({
  lang: Lang,
  client: Type.Optional(Type.String({ pattern: '^(fi|sv|en)(-declined)?$' })),
});
const ReportQuery = Type.Object({
  lang: Lang,
  unit: Type.String({ minLength: 1, maxLength: 64 }),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
});
const AnyForm = Type.Record(Type.String(), Type.Unknown());

function html(reply: FastifyReply, markup: { value: string }, status = 200) {
  reply.header('cache-control', 'no-store');
  return reply.code(status).type('text/html; charset=utf-8').send(markup.value);
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function monthsBack(today: string, months: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - months, 1));
  return start.toISOString().slice(0, 10);
}

export function homeCareRoutes(deps: HomeCareDeps & { service: HomeCareService }) {
  const { service, organisation, auth } = deps;
  const recorder = auth.requireStaff({ roles: RECORD_ROLES });
  const reader = auth.requireStaff({ roles: REPORT_ROLES });
  const principal = (request: FastifyRequest): StaffPrincipal => request.staff!;

  async function unitItem(id: string, lang: Language): Promise<HomeCareUnit | undefined> {
    const chain = await organisation.ancestors(id);
    const unit = chain.at(-1);
    if (!unit) return undefined;
    const parent = chain.at(-2);
    return {
      id: unit.id,
      name: unitName(unit.names, lang),
      context: parent ? unitName(parent.names, lang) : null,
    };
  }

  async function clientPage(
    request: FastifyRequest,
    unitId: string,
    visitId: string,
    lang: Language,
    extra: { values?: typeof EMPTY_VALUES; errors?: FieldError[] } = {},
  ) {
    const unit = await service.unitFor(unitId, principal(request));
    const survey = await service.survey();
    return renderClientPage({
      lang,
      viewer: staffViewer(principal(request)),
      definition: survey.definition,
      unitName: unitName(unit.names, lang),
      unitId: unit.id,
      visitId,
      values: extra.values ?? EMPTY_VALUES,
      errors: extra.errors ?? [],
      languageHref: (l) => `/staff/home-care/visit?unit=${encodeURIComponent(unit.id)}&lang=${l}`,
    });
  }

  return (app: HttpApp) => {
    app.get<{ Querystring: { q?: string; done?: string } }>(
      '/staff/home-care',
      { schema: { querystring: StartQuery }, preHandler: recorder },
      async (request, reply) => {
        const lang = request.lang;
        const text = (request.query.q ?? '').trim().slice(0, 100);
        const own = principal(request)
          .roles.filter((r) => RECORD_ROLES.includes(r.role) && r.unitId !== null)
          .map((r) => r.unitId as string);
        const found =
          text.length >= 2 ? (await organisation.searchUnits(text, { limit: 20 })).map((h) => h.unit.id) : [];
        const ids = [...new Set([...(text ? found : own)])];
        const units = (await Promise.all(ids.map((id) => unitItem(id, lang)))).filter(
          (u): u is HomeCareUnit => u !== undefined,
        );
        return html(
          reply,
          renderStartPage({
            lang,
            viewer: staffViewer(principal(request)),
            units,
            query: text,
            searched: text !== '',
            recorded: request.query.done === '1',
          }),
        );
      },
    );

    app.get<{ Querystring: { unit: string; lang?: string } }>(
      '/staff/home-care/visit',
      { schema: { querystring: VisitQuery }, preHandler: recorder },
      async (request, reply) =>
        html(reply, await clientPage(request, request.query.unit, randomUUID(), request.lang)),
    );

    app.post<{ Querystring: { lang?: string }; Body: Record<string, unknown> }>(
      '/staff/home-care/visit',
      { schema: { body: AnyForm }, preValidation: recorder },
      async (request, reply) => {
        const lang = request.lang;
        const unitId = single(request.body.unit) ?? '';
        const survey = await service.survey();
        const parsed = parseAnswerForm(survey.definition, request.body);
        if (!parsed.submissionId || unitId === '')
          throw new ValidationError('home_care_form_invalid', 'homecare.error_form_invalid');
        const visitId = parsed.submissionId;
        if (single(request.body.declined) === '1') {
          await service.recordDeclined({ visitId, unitId }, principal(request));
          return reply.redirect(`/staff/home-care/visits/${visitId}/assessment?client=${lang}-declined`, 303);
        }
        if (parsed.errors.length > 0)
          return html(
            reply,
            await clientPage(request, unitId, visitId, lang, {
              values: parsed.values,
              errors: parsed.errors,
            }),
            422,
          );
        try {
          await service.recordClientAnswer(
            { visitId, unitId, language: lang, answers: parsed.answers },
            principal(request),
          );
        } catch (error) {
          if (!(error instanceof ValidationError) || !Array.isArray(error.details)) throw error;
          const errors: FieldError[] = [{ field: 'form', code: 'rejected' }];
          return html(
            reply,
            await clientPage(request, unitId, visitId, lang, { values: parsed.values, errors }),
            422,
          );
        }
        return reply.redirect(`/staff/home-care/visits/${visitId}/assessment?client=${lang}`, 303);
      },
    );

    app.get<{ Params: { id: string }; Querystring: { client?: string } }>(
      '/staff/home-care/visits/:id/assessment',
      { schema: { params: VisitParams, querystring: AssessmentQuery }, preHandler: recorder },
      async (request, reply) => {
        const client = request.query.client;
        const clientLang = client?.slice(0, 2);
        return html(
          reply,
          renderAssessmentPage({
            lang: request.lang,
            viewer: staffViewer(principal(request)),
            visitId: request.params.id,
            client: isLanguage(clientLang)
              ? { lang: clientLang, answered: !client!.endsWith('-declined') }
              : undefined,
            values: {},
            errors: [],
          }),
        );
      },
    );

    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
      '/staff/home-care/visits/:id/assessment',
      { schema: { params: VisitParams, body: AnyForm }, preValidation: recorder },
      async (request, reply) => {
        const tr = t(request.lang);
        const onTime = single(request.body.on_time);
        const affectedBy = single(request.body.affected_by);
        const note = single(request.body.note) ?? '';
        const errors: FieldError[] = [];
        if (!ON_TIME.includes(onTime as OnTime))
          errors.push({ field: 'hc-on_time', code: 'required', message: tr('homecare.error_on_time') });
        if (!AFFECTED_BY.includes(affectedBy as AffectedBy))
          errors.push({
            field: 'hc-affected_by',
            code: 'required',
            message: tr('homecare.error_affected_by'),
          });
        if (errors.length > 0)
          return html(
            reply,
            renderAssessmentPage({
              lang: request.lang,
              viewer: staffViewer(principal(request)),
              visitId: request.params.id,
              client: undefined,
              values: { ...(onTime && { onTime }), ...(affectedBy && { affectedBy }), note },
              errors: errors.map((e) => ({ field: e.field, message: e.message ?? '' })),
            }),
            422,
          );
        await service.assess(
          request.params.id,
          { onTime: onTime as OnTime, affectedBy: affectedBy as AffectedBy, note },
          principal(request),
        );
        return reply.redirect('/staff/home-care?done=1', 303);
      },
    );

    app.get<{ Querystring: { unit: string; from?: string; to?: string } }>(
      '/staff/home-care/report',
      { schema: { querystring: ReportQuery }, preHandler: reader },
      async (request, reply) => {
        const today = helsinkiDate(new Date());
        const from = request.query.from || monthsBack(today, 2);
        const to = request.query.to || today;
        const report = await service.report({ unitId: request.query.unit, from, to }, principal(request));
        return html(
          reply,
          renderReportPage({
            lang: request.lang,
            viewer: staffViewer(principal(request)),
            unitId: report.unit.id,
            unitName: unitName(report.unit.names, request.lang),
            ...report,
          }),
        );
      },
    );
  };
}
