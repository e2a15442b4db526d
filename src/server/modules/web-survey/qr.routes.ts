import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.ts';
import type { HttpApp } from '../../http/app.ts';
import { renderNoticePage } from '../../../web/citizen/result-pages.ts';
import { renderPosterPage } from '../../../web/citizen/poster-page.ts';
import { localized, unitName } from '../../../web/citizen/text.ts';
import { sendPage } from './html-response.ts';
import type { ShortLinkService } from './index.ts';
import { qrPng, qrSvg } from './qr-code.ts';
import { CodeParams, PageQuery } from './survey-page.routes.ts';
import { normaliseCode } from './short-code.ts';
import type { WebSurveyService } from './web-survey.service.ts';

const FileParams = Type.Object({ file: Type.String({ maxLength: 64 }) });
const FileQuery = Type.Object({ download: Type.Optional(Type.String({ maxLength: 8 })) });

/** The address a QR code holds: the QR channel, so answers from posters are told apart from web links. */
export const qrTarget = (config: Config, code: string): string => `${config.publicUrl}/q/${code}`;

export function qrRoutes(deps: { config: Config; links: ShortLinkService; service: WebSurveyService }) {
  return (app: HttpApp) => {
    app.get<{ Params: { file: string }; Querystring: { download?: string } }>(
      '/qr/:file',
      { schema: { params: FileParams, querystring: FileQuery } },
      async (request, reply) => {
        const match = /^([A-Za-z0-9]{4,12})\.(svg|png)$/.exec(request.params.file);
        const code = match?.[1] ? normaliseCode(match[1]) : undefined;
        if (!match || !code || !(await deps.links.resolve(code)))
          return sendPage(reply, renderNoticePage(request.lang, 'not_found'), { status: 404 });
        const url = qrTarget(deps.config, code);
        reply.header('cache-control', 'public, max-age=86400');
        if (request.query.download === '1')
          reply.header('content-disposition', `attachment; filename="kuulo-qr-${code}.${match[2]}"`);
        if (match[2] === 'png') return reply.type('image/png').send(await qrPng(url));
        return reply.type('image/svg+xml; charset=utf-8').send(await qrSvg(url));
      },
    );

    app.get<{ Params: { code: string } }>(
      '/poster/:code',
      { schema: { params: CodeParams, querystring: PageQuery } },
      async (request, reply) => {
        const lang = request.lang;
        const code = normaliseCode(request.params.code);
        const opened = code ? await deps.service.open(code, 'qr') : { state: 'not_found' as const };
        if (!code || opened.state === 'not_found' || !opened.survey)
          return sendPage(reply, renderNoticePage(lang, 'not_found'), { status: 404 });
        // A poster is printed ahead of time: it is shown even while the survey is not (yet) open at the unit.
        const url = qrTarget(deps.config, code);
        const body = renderPosterPage({
          lang,
          surveyTitle: localized(opened.survey.definition.title, lang),
          unitName: unitName(opened.unit.names, lang),
          url,
          qrSvg: await qrSvg(url),
          languageHref: (l) => `/poster/${code}?lang=${l}`,
        });
        return sendPage(reply, body, { cache: 'short' });
      },
    );
  };
}
