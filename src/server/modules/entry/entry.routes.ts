import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { ValidationError } from '../../errors.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import { localized, unitName } from '../../../web/citizen/text.ts';
import { parseEntryForm, type EntryFieldError } from '../../../web/staff/entry/entry-form.ts';
import { renderEntryFormPage } from '../../../web/staff/entry/entry-form-page.ts';
import { renderEntryStartPage, type EntryUnit } from '../../../web/staff/entry/entry-start-page.ts';
import { renderPaperFormPage } from '../../../web/staff/entry/paper-form-page.ts';
import { staffViewer, type StaffPrincipal } from '../staff/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { EntryBatchView, EntryChannel, EntryDeps, EntryService } from './index.ts';
import { ENTRY_ROLES } from './entry.policy.ts';

const StartQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  unit: Type.Optional(Type.String({ maxLength: 64 })),
});
const BatchParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const BatchQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  saved: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}(r)?$' })),
});
const StartBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  survey: Type.String({ format: 'uuid' }),
  unit: Type.String({ minLength: 1, maxLength: 64 }),
  channel: Type.Union([Type.Literal('paper'), Type.Literal('oral')]),
  language: Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')]),
  label: Type.Optional(Type.String({ maxLength: 400 })),
});
const PrintQuery = Type.Object({
  survey: Type.String({ format: 'uuid' }),
  unit: Type.String({ minLength: 1, maxLength: 64 }),
  lang: Type.Optional(Type.String({ maxLength: 16 })),
});

const SHOWN = 30;

function send(reply: FastifyReply, markup: { value: string }, status = 200) {
  reply.header('cache-control', 'no-store');
  return reply.code(status).type('text/html; charset=utf-8').send(markup.value);
}

async function unitView(organisation: OrganisationService, id: string, lang: Language): Promise<EntryUnit> {
  const chain = await organisation.ancestors(id);
  const unit = chain.at(-1)!;
  const parent = chain.at(-2);
  return {
    id: unit.id,
    name: unitName(unit.names, lang),
    context: parent ? unitName(parent.names, lang) : null,
  };
}

export function entryRoutes(deps: EntryDeps & { service: EntryService }) {
  const { service, organisation, auth } = deps;
  const guard = auth.requireStaff({ roles: ENTRY_ROLES });
  const principal = (request: FastifyRequest): StaffPrincipal => request.staff!;

  function formPage(
    request: FastifyRequest,
    batch: EntryBatchView,
    extra: {
      submissionId?: string;
      values?: Record<string, string>;
      errors?: EntryFieldError[];
      saved?: string;
    },
  ) {
    const lang = request.lang;
    const saved = extra.saved
      ? { formNumber: Number.parseInt(extra.saved, 10), repeated: extra.saved.endsWith('r') }
      : undefined;
    return renderEntryFormPage({
      lang,
      viewer: staffViewer(principal(request)),
      batch: { ...batch, closed: batch.closedAt !== null },
      surveyTitle: localized(batch.survey.definition.title, lang),
      unitName: unitName(batch.unit.names, lang),
      definition: batch.survey.definition,
      submissionId: extra.submissionId ?? randomUUID(),
      values: extra.values ?? {},
      errors: extra.errors ?? [],
      ...(saved && { saved }),
    });
  }

  async function paperForm(
    request: FastifyRequest<{ Querystring: { survey: string; unit: string; lang?: string } }>,
  ) {
    const { survey, unit } = await service.printable(
      request.query.survey,
      request.query.unit,
      principal(request),
    );
    const lang: Language = isLanguage(request.query.lang) ? request.query.lang : request.lang;
    return renderPaperFormPage({ lang, definition: survey.definition, unitName: unitName(unit.names, lang) });
  }

  return (app: HttpApp) => {
    app.get<{ Querystring: { q?: string; unit?: string } }>(
      '/staff/entry',
      { schema: { querystring: StartQuery }, preHandler: guard },
      async (request, reply) => {
        const lang = request.lang;
        const text = (request.query.q ?? '').trim().slice(0, 100);
        const matches =
          text.length >= 2
            ? (await organisation.searchUnits(text, { limit: SHOWN })).map(({ unit, path }) => {
                const parent = path.at(-1);
                return {
                  id: unit.id,
                  name: unitName(unit.names, lang),
                  context: parent ? unitName(parent.names, lang) : null,
                };
              })
            : text === ''
              ? undefined
              : [];
        let selected;
        if (request.query.unit) {
          const offered = await service.offeredAt(request.query.unit, principal(request));
          selected = {
            unit: await unitView(organisation, offered.unit.id, lang),
            surveys: offered.surveys.map((o) => ({
              surveyId: o.survey.surveyId,
              title: localized(o.survey.definition.title, lang),
              channels: o.channels,
            })),
          };
        }
        const own = await service.listOwnBatches(principal(request));
        const batches = await Promise.all(
          own.map(async (b) => {
            const [unit, survey] = await Promise.all([
              organisation.getUnit(b.unitId),
              deps.surveys.getCurrent(b.surveyId),
            ]);
            return {
              id: b.id,
              title: survey ? localized(survey.definition.title, lang) : '',
              unitName: unit ? unitName(unit.names, lang) : b.unitId,
              channel: b.channel,
              label: b.label,
              formCount: b.formCount,
              createdAt: b.createdAt,
              closed: b.closedAt !== null,
            };
          }),
        );
        return send(
          reply,
          renderEntryStartPage({
            lang,
            viewer: staffViewer(principal(request)),
            query: text,
            matches,
            selected,
            batches,
            errors: [],
          }),
        );
      },
    );

    app.post<{
      Body: { survey: string; unit: string; channel: EntryChannel; language: Language; label?: string };
    }>(
      '/staff/entry/batches',
      { schema: { body: StartBody }, preValidation: guard },
      async (request, reply) => {
        const batch = await service.startBatch(
          {
            surveyId: request.body.survey,
            unitId: request.body.unit,
            channel: request.body.channel,
            language: request.body.language,
            label: request.body.label ?? null,
          },
          principal(request),
        );
        return reply.redirect(`/staff/entry/batches/${batch.id}`, 303);
      },
    );

    app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(
      '/staff/entry/batches/:id',
      { schema: { params: BatchParams, querystring: BatchQuery }, preHandler: guard },
      async (request, reply) => {
        const batch = await service.getBatch(request.params.id, principal(request));
        return send(
          reply,
          formPage(request, batch, { ...(request.query.saved && { saved: request.query.saved }) }),
        );
      },
    );

    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
      '/staff/entry/batches/:id',
      {
        schema: { params: BatchParams, body: Type.Record(Type.String(), Type.Unknown()) },
        preValidation: guard,
      },
      async (request, reply) => {
        const batch = await service.getBatch(request.params.id, principal(request));
        const parsed = parseEntryForm(batch.survey.definition, request.body);
        const submissionId = parsed.submissionId ?? randomUUID();
        const again = (errors: EntryFieldError[]) =>
          send(reply, formPage(request, batch, { submissionId, values: parsed.values, errors }), 422);
        if (parsed.errors.length > 0) return again(parsed.errors);
        if (!parsed.submissionId) return again([{ field: 'form', code: 'invalid' }]);
        try {
          const saved = await service.enterForm(
            batch.id,
            { submissionId, answers: parsed.answers },
            principal(request),
          );
          const mark = `${saved.formNumber}${saved.created ? '' : 'r'}`;
          return reply.redirect(`/staff/entry/batches/${batch.id}?saved=${mark}`, 303);
        } catch (error) {
          // Intake's per-question problems are shown at the questions, like the form's own checks.
          if (error instanceof ValidationError && Array.isArray(error.details))
            return again(intakeProblems(error.details));
          throw error;
        }
      },
    );

    app.post<{ Params: { id: string } }>(
      '/staff/entry/batches/:id/close',
      {
        schema: { params: BatchParams, body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
        preValidation: guard,
      },
      async (request, reply) => {
        await service.closeBatch(request.params.id, principal(request));
        return reply.redirect('/staff/entry', 303);
      },
    );

    app.get<{ Querystring: { survey: string; unit: string; lang?: string } }>(
      '/staff/entry/print',
      { schema: { querystring: PrintQuery }, preHandler: guard },
      async (request, reply) => send(reply, await paperForm(request)),
    );

    app.get<{ Querystring: { survey: string; unit: string; lang?: string } }>(
      '/staff/entry/print.pdf',
      { schema: { querystring: PrintQuery }, preHandler: guard },
      async (request, reply) => {
        const markup = await paperForm(request);
        if (!deps.renderPdf)
          throw new ValidationError('entry_pdf_unavailable', 'entry.error_pdf_unavailable');
        const pdf = await deps.renderPdf(markup.value);
        reply.header('cache-control', 'no-store');
        reply.header('content-disposition', 'attachment; filename="kuulo-paper-form.pdf"');
        return reply.type('application/pdf').send(pdf);
      },
    );
  };
}

function intakeProblems(details: unknown[]): EntryFieldError[] {
  const errors = details.flatMap((detail): EntryFieldError[] => {
    if (typeof detail !== 'object' || detail === null) return [];
    const question = (detail as Record<string, unknown>).question;
    return typeof question === 'string' && question !== ''
      ? [{ field: question, code: 'invalid' }]
      : [{ field: 'form', code: 'invalid' }];
  });
  return errors.length > 0 ? errors : [{ field: 'form', code: 'invalid' }];
}
