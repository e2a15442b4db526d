import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Language } from '../../../shared/languages.ts';
import type { HttpApp } from '../../http/app.ts';
import { ValidationError } from '../../errors.ts';
import {
  EMPTY_FEEDBACK_VALUES,
  renderFeedbackForm,
  type FeedbackFormValues,
  type FormError,
  type UnitChoice,
} from '../../../web/citizen/feedback/form-page.ts';
import {
  renderReceiptPage,
  renderTrackingNotFound,
  renderTrackingPage,
} from '../../../web/citizen/feedback/result-pages.ts';
import { FEEDBACK_SCRIPT } from '../../../web/citizen/feedback/feedback-script.ts';
import { unitName } from '../../../web/citizen/text.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { FeedbackProblem, FeedbackService, FeedbackType } from './index.ts';
import { sendFeedbackPage } from './feedback.http.ts';
import { readFormParts, registerMultipart } from './feedback.multipart.ts';

const FormQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  unit: Type.Optional(Type.String({ maxLength: 64 })),
});
const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEARCH_LIMIT = 20;

export interface FeedbackRoutesDeps {
  service: FeedbackService;
  organisation: OrganisationService;
  publicUrl: string;
}

function valuesOf(fields: Record<string, string>): FeedbackFormValues {
  return {
    type: fields.type ?? '',
    // Browsers send a textarea's line breaks as CRLF; the page shows them back as typed.
    description: (fields.description ?? '').replace(/\r\n?/g, '\n'),
    name: fields.name ?? '',
    email: fields.email ?? '',
    phone: fields.phone ?? '',
    wantsReply: fields.wantsReply === 'yes',
  };
}

export function feedbackRoutes(deps: FeedbackRoutesDeps) {
  const { service, organisation } = deps;

  async function unitChoice(id: string | undefined, lang: Language): Promise<UnitChoice | null> {
    if (!id) return null;
    const unit = await organisation.getUnit(id);
    if (!unit) return null;
    const parent = unit.parentId ? await organisation.getUnit(unit.parentId) : undefined;
    return {
      id: unit.id,
      name: unitName(unit.names, lang),
      context: parent ? unitName(parent.names, lang) : null,
    };
  }

  async function searchUnits(text: string, lang: Language): Promise<UnitChoice[] | undefined> {
    if (text === '') return undefined;
    const hits = await organisation.searchUnits(text, { limit: SEARCH_LIMIT });
    return hits.map((hit) => {
      const parent = hit.path.at(-1);
      return {
        id: hit.unit.id,
        name: unitName(hit.unit.names, lang),
        context: parent ? unitName(parent.names, lang) : null,
      };
    });
  }

  async function tracking(token: string, lang: Language) {
    const view = await service.track(token);
    if (!view) return undefined;
    const unit = view.unitId ? await organisation.getUnit(view.unitId) : undefined;
    return {
      lang,
      token,
      trackingUrl: `${deps.publicUrl}/feedback/track/${token}?lang=${lang}`,
      reference: view.publicId,
      type: view.type,
      unitName: unit ? unitName(unit.names, lang) : null,
      status: view.status,
      createdAt: view.createdAt,
      updatedAt: view.updatedAt,
      publicReply: view.publicReply,
      publicReplyAt: view.publicReplyAt,
      wantsReply: view.wantsReply,
    };
  }

  function notFound(reply: FastifyReply, lang: Language) {
    return sendFeedbackPage(reply, renderTrackingNotFound(lang), { status: 404 });
  }

  return async (app: HttpApp) => {
    await registerMultipart(app);

    app.get<{ Querystring: { q?: string; unit?: string } }>(
      '/feedback',
      { schema: { querystring: FormQuery } },
      async (request, reply) => {
        const lang = request.lang;
        const unitQuery = (request.query.q ?? '').trim().slice(0, 100);
        const body = renderFeedbackForm({
          lang,
          // A fresh id on every render: a double click or a refresh-resubmit reuses it and stores once.
          submissionId: randomUUID(),
          values: EMPTY_FEEDBACK_VALUES,
          unit: await unitChoice(request.query.unit, lang),
          unitQuery,
          unitResults: await searchUnits(unitQuery, lang),
          errors: [],
        });
        return sendFeedbackPage(reply, body);
      },
    );

    app.post('/feedback', { schema: { querystring: LangQuery } }, async (request, reply) => {
      const lang = request.lang;
      const { fields, files } = await readFormParts(request, ['attachments']);
      const values = valuesOf(fields);
      const submissionId = UUID.test(fields.submissionId ?? '')
        ? (fields.submissionId as string)
        : randomUUID();
      const unitId = fields.unit?.trim() || null;
      try {
        const result = await service.submit(
          {
            submissionId,
            type: values.type as FeedbackType,
            unitId,
            description: values.description,
            language: lang,
            wantsReply: values.wantsReply,
            contact: { name: values.name, email: values.email, phone: values.phone },
            attachments: files,
          },
          { source: 'web', lang, clientKey: request.ip },
        );
        return reply.redirect(`/feedback/receipt/${result.trackingToken}?lang=${lang}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError) || error.code !== 'invalid_feedback') throw error;
        const errors: FormError[] = (error.details as FeedbackProblem[]).map((p) => ({
          field: p.field,
          message: p.message,
        }));
        const body = renderFeedbackForm({
          lang,
          submissionId,
          values,
          unit: await unitChoice(unitId ?? undefined, lang),
          unitQuery: '',
          unitResults: undefined,
          errors,
        });
        return sendFeedbackPage(reply, body, { status: 400 });
      }
    });

    app.get<{ Params: { token: string } }>(
      '/feedback/receipt/:token',
      { schema: { params: TokenParams, querystring: LangQuery } },
      async (request, reply) => {
        const model = await tracking(request.params.token, request.lang);
        if (!model) return notFound(reply, request.lang);
        return sendFeedbackPage(reply, renderReceiptPage(model));
      },
    );

    app.get<{ Params: { token: string } }>(
      '/feedback/track/:token',
      { schema: { params: TokenParams, querystring: LangQuery } },
      async (request, reply) => {
        const model = await tracking(request.params.token, request.lang);
        if (!model) return notFound(reply, request.lang);
        return sendFeedbackPage(reply, renderTrackingPage(model));
      },
    );

    app.get('/feedback/form.js', async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .type('text/javascript; charset=utf-8')
        .send(FEEDBACK_SCRIPT),
    );

    // Images of published feedback (Open311 media_url). Withheld images and unpublished items are not found.
    app.get<{ Params: { id: string } }>(
      '/feedback/media/:id',
      { schema: { params: IdParams } },
      async (request, reply) => {
        const id = request.params.id.replace(/\.(jpg|png|webp)$/, '');
        const attachment = UUID.test(id) ? await service.getAttachment(id, { publicOnly: true }) : undefined;
        if (!attachment) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
        return reply
          .header('cache-control', 'public, max-age=300')
          .header('content-security-policy', "default-src 'none'")
          .type(attachment.mime)
          .send(attachment.content);
      },
    );
  };
}
