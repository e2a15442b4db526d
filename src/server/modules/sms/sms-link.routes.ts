import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import {
  EMPTY_VALUES,
  parseAnswerForm,
  type FieldError,
  type FormValues,
} from '../../../web/citizen/answer-form.ts';
import { renderSurveyPage } from '../../../web/citizen/survey-page.ts';
import { renderThanksPage } from '../../../web/citizen/result-pages.ts';
import { localized, unitName } from '../../../web/citizen/text.ts';
import type { SafeHtml } from '../../../web/ui/html.ts';
import type { SmsService } from './sms.service.ts';
import type { OpenedLink } from './index.ts';
import { renderLinkNotice } from './sms-link.presenter.ts';

// The personal link of an SMS invitation: /m/<token>. It shows the same survey form as the web channel (the
// citizen renderer and form parser of src/web/citizen), stores the answer through intake with channel `sms`, and
// works once: the token is spent by the first stored answer and expires 7 days after sending.

const TokenParams = Type.Object({ token: Type.String({ maxLength: 64 }) });
const PageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });
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
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

interface Route {
  Params: { token: string };
  Querystring: { lang?: string };
}

function send(reply: FastifyReply, body: SafeHtml, status = 200) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('content-security-policy', CSP)
    .type('text/html; charset=utf-8')
    .send(body.value);
}

export function smsLinkRoutes(deps: { service: SmsService }) {
  return (app: HttpApp) => {
    const href = (token: string, lang: Language, suffix = '') =>
      `/m/${encodeURIComponent(token)}${suffix}?lang=${lang}`;
    const langOf = (query: { lang?: string }, opened: OpenedLink): Language =>
      isLanguage(query.lang) ? query.lang : opened.state === 'not_found' ? 'fi' : opened.language;

    function form(
      reply: FastifyReply,
      token: string,
      lang: Language,
      opened: Extract<OpenedLink, { state: 'open' }>,
      state: { submissionId: string; values: FormValues; errors: FieldError[] },
    ) {
      return send(
        reply,
        renderSurveyPage({
          lang,
          plain: false,
          definition: opened.survey.definition,
          unitName: unitName(opened.unit.names, lang),
          action: href(token, lang),
          languageHref: (l) => href(token, l),
          submissionId: state.submissionId,
          values: state.values,
          errors: state.errors,
        }),
        state.errors.length > 0 ? 400 : 200,
      );
    }

    function notice(
      reply: FastifyReply,
      token: string,
      lang: Language,
      state: 'answered' | 'expired' | 'not_found',
    ) {
      const status = state === 'not_found' ? 404 : 410;
      return send(
        reply,
        renderLinkNotice(lang, state, (l) => href(token, l)),
        status,
      );
    }

    app.get<Route>(
      '/m/:token',
      { schema: { params: TokenParams, querystring: PageQuery } },
      async (request, reply) => {
        const { token } = request.params;
        const opened = await deps.service.openLink(token);
        const lang = langOf(request.query, opened);
        if (opened.state !== 'open') return notice(reply, token, lang, opened.state);
        return form(reply, token, lang, opened, {
          submissionId: randomUUID(),
          values: EMPTY_VALUES,
          errors: [],
        });
      },
    );

    app.post<Route & { Body: Record<string, string | string[]> }>(
      '/m/:token',
      { schema: { params: TokenParams, querystring: PageQuery, body: FormBody } },
      async (request, reply) => {
        const { token } = request.params;
        const opened = await deps.service.openLink(token);
        const lang = langOf(request.query, opened);
        if (opened.state !== 'open') return notice(reply, token, lang, opened.state);
        const parsed = parseAnswerForm(opened.survey.definition, request.body);
        const submissionId = parsed.submissionId ?? randomUUID();
        if (parsed.errors.length > 0)
          return form(reply, token, lang, opened, {
            submissionId,
            values: parsed.values,
            errors: parsed.errors,
          });
        try {
          const result = await deps.service.submitLink(token, {
            submissionId,
            language: lang,
            answers: parsed.answers,
            contact: parsed.contact,
            clientKey: request.ip,
          });
          if (result.outcome !== 'stored') return notice(reply, token, lang, result.outcome);
        } catch (error) {
          if (error instanceof ValidationError)
            return form(reply, token, lang, opened, {
              submissionId,
              values: parsed.values,
              errors: [{ field: 'form', code: 'rejected' }],
            });
          if (error instanceof NotFoundError) return notice(reply, token, lang, 'expired');
          throw error;
        }
        return reply.redirect(href(token, lang, '/thanks'), 303);
      },
    );

    app.get<Route>(
      '/m/:token/thanks',
      { schema: { params: TokenParams, querystring: PageQuery } },
      async (request, reply) => {
        const { token } = request.params;
        const opened = await deps.service.openLink(token);
        const lang = langOf(request.query, opened);
        if (opened.state === 'not_found') return notice(reply, token, lang, 'not_found');
        const { definition } = opened.survey;
        return send(
          reply,
          renderThanksPage({
            lang,
            surveyTitle: localized(definition.title, lang),
            thankYou: localized(definition.thankYou, lang),
            languageHref: (l) => href(token, l, '/thanks'),
          }),
        );
      },
    );
  };
}
