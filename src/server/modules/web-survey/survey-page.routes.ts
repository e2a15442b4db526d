import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Channel } from '../../../shared/channels.ts';
import type { Language } from '../../../shared/languages.ts';
import type { HttpApp } from '../../http/app.ts';
import {
  EMPTY_VALUES,
  FIELD,
  parseAnswerForm,
  type FieldError,
  type FieldErrorCode,
  type FormValues,
} from '../../../web/citizen/answer-form.ts';
import { renderSurveyPage } from '../../../web/citizen/survey-page.ts';
import { renderNoticePage, renderThanksPage } from '../../../web/citizen/result-pages.ts';
import { hasPlainVariant, localized, query, unitName } from '../../../web/citizen/text.ts';
import { sendPage } from './html-response.ts';
import type { AnswerProblem, OpenedSurvey, WebSurveyService } from './web-survey.service.ts';

export const CodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
export const PageQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  plain: Type.Optional(Type.String({ maxLength: 8 })),
});
// Form fields are strings; checkboxes repeat. Anything else (nested JSON, huge arrays) is a 400, never a 500.
const FormBody = Type.Object(
  {},
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 20_000 }),
      Type.Array(Type.String({ maxLength: 200 }), { maxItems: 40 }),
    ]),
    maxProperties: 200,
  },
);

interface PageRoute {
  Params: { code: string };
  Querystring: { lang?: string; plain?: string };
}
interface PostRoute extends PageRoute {
  Body: Record<string, string | string[]>;
}

type Open = Extract<OpenedSurvey, { state: 'open' }>;
interface Ctx {
  lang: Language;
  code: string;
  plain: boolean;
}

// Intake's codes (src/shared/answers.ts, intake.contact.ts) that have a message of our own without parameters.
const OWN_MESSAGES: Record<string, FieldErrorCode> = {
  required: 'required',
  no_answers: 'no_answers',
  invalid_email: 'email_invalid',
  invalid_phone: 'phone_invalid',
};
const CONTACT_FIELDS: Record<string, string> = {
  'contact.name': FIELD.contactName,
  'contact.email': FIELD.contactEmail,
  'contact.phone': FIELD.contactPhone,
};

/** Intake's problems become messages next to the fields they concern, in the page's language. */
export function problemsToErrors(problems: AnswerProblem[], questionIds: string[]): FieldError[] {
  return problems.map((p) => {
    const field =
      p.question && questionIds.includes(p.question)
        ? p.question
        : (CONTACT_FIELDS[p.question ?? ''] ?? 'form');
    const own = OWN_MESSAGES[p.code];
    if (own) return { field, code: own };
    // Otherwise intake's own message (already in the request's language) says what is wrong, limits included.
    return {
      field,
      code: field === 'form' ? 'rejected' : 'invalid',
      ...(p.message && { message: p.message }),
    };
  });
}

export function surveyPageRoutes(service: WebSurveyService) {
  return (app: HttpApp, prefix: 's' | 'q', channel: Channel) => {
    const href = (code: string, lang: Language, plain: boolean, suffix = '') =>
      `/${prefix}/${code}${suffix}${query({ lang, plain: plain ? '1' : undefined })}`;
    const ctxOf = (request: {
      lang: Language;
      params: { code: string };
      query: { plain?: string };
    }): Ctx => ({
      lang: request.lang,
      code: request.params.code,
      plain: request.query.plain === '1',
    });

    function notOpen(ctx: Ctx, reply: FastifyReply, state: 'closed' | 'not_found') {
      return sendPage(
        reply,
        renderNoticePage(ctx.lang, state, (l) => href(ctx.code, l, false)),
        { status: state === 'closed' ? 410 : 404 },
      );
    }

    function form(
      ctx: Ctx,
      reply: FastifyReply,
      opened: Open,
      state: { submissionId: string; values: FormValues; errors: FieldError[] },
    ) {
      const { lang } = ctx;
      const hasPlain = hasPlainVariant(opened.survey.definition, lang);
      const plain = ctx.plain && hasPlain;
      const body = renderSurveyPage({
        lang,
        plain,
        definition: opened.survey.definition,
        unitName: unitName(opened.unit.names, lang),
        action: href(opened.code, lang, plain),
        languageHref: (l) => href(opened.code, l, plain),
        ...(hasPlain && { registerHref: href(opened.code, lang, !plain) }),
        submissionId: state.submissionId,
        values: state.values,
        errors: state.errors,
      });
      return sendPage(reply, body, { status: state.errors.length > 0 ? 400 : 200 });
    }

    app.get<PageRoute>(
      `/${prefix}/:code`,
      { schema: { params: CodeParams, querystring: PageQuery } },
      async (request, reply) => {
        const ctx = ctxOf(request);
        const opened = await service.open(ctx.code, channel);
        if (opened.state !== 'open') return notOpen(ctx, reply, opened.state);
        // A fresh submission id on every render: a refresh-resubmit or a double click reuses it and stores once.
        return form(ctx, reply, opened, { submissionId: randomUUID(), values: EMPTY_VALUES, errors: [] });
      },
    );

    app.post<PostRoute>(
      `/${prefix}/:code`,
      { schema: { params: CodeParams, querystring: PageQuery, body: FormBody } },
      async (request, reply) => {
        const ctx = ctxOf(request);
        const opened = await service.open(ctx.code, channel);
        if (opened.state !== 'open') return notOpen(ctx, reply, opened.state);
        const parsed = parseAnswerForm(opened.survey.definition, request.body);
        const submissionId = parsed.submissionId ?? randomUUID();
        if (parsed.errors.length > 0)
          return form(ctx, reply, opened, { submissionId, values: parsed.values, errors: parsed.errors });
        const result = await service.submit(opened, channel, {
          submissionId,
          language: ctx.lang,
          answers: parsed.answers,
          contact: parsed.contact,
          clientKey: request.ip,
        });
        if (result.outcome === 'closed') return notOpen(ctx, reply, 'closed');
        if (result.outcome === 'rejected') {
          const ids = opened.survey.definition.questions.map((q) => q.id);
          const errors = problemsToErrors(result.problems, ids);
          return form(ctx, reply, opened, { submissionId, values: parsed.values, errors });
        }
        // Post/redirect/get: the thank-you address carries the language only, never anything about the person.
        return reply.redirect(href(opened.code, ctx.lang, ctx.plain, '/thanks'), 303);
      },
    );

    app.get<PageRoute>(
      `/${prefix}/:code/thanks`,
      { schema: { params: CodeParams, querystring: PageQuery } },
      async (request, reply) => {
        const ctx = ctxOf(request);
        const opened = await service.open(ctx.code, channel);
        if (opened.state === 'not_found' || !opened.survey) return notOpen(ctx, reply, 'not_found');
        const { definition } = opened.survey;
        return sendPage(
          reply,
          renderThanksPage({
            lang: ctx.lang,
            surveyTitle: localized(definition.title, ctx.lang, ctx.plain),
            thankYou: localized(definition.thankYou, ctx.lang, ctx.plain),
            languageHref: (l) => href(ctx.code, l, ctx.plain, '/thanks'),
          }),
          { cache: 'short' },
        );
      },
    );
  };
}
