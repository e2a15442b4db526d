import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.ts';
import type { HttpApp } from '../../http/app.ts';
import { renderLinksPage, type LinkUnit } from '../../../web/staff/links/links-page.ts';
import { localized, unitName } from '../../../web/citizen/text.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { StaffAuth } from '../staff/index.ts';
import { staffViewer } from '../staff/index.ts';
import { qrTarget } from './qr.routes.ts';
import type { WebSurveyService } from './web-survey.service.ts';

const LinksQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  unit: Type.Optional(Type.String({ maxLength: 64 })),
});

const SHOWN = 50;

/** Staff choose a unit and get, per survey published there, the links, QR files and posters to print. */
export function staffLinksRoutes(deps: {
  config: Config;
  auth: StaffAuth;
  organisation: OrganisationService;
  service: WebSurveyService;
}) {
  return (app: HttpApp) => {
    app.get<{ Querystring: { q?: string; unit?: string } }>(
      '/staff/links',
      { schema: { querystring: LinksQuery }, preHandler: deps.auth.requireStaff() },
      async (request, reply) => {
        const lang = request.lang;
        const text = (request.query.q ?? '').trim().slice(0, 100);
        const toView = async (id: string): Promise<LinkUnit | undefined> => {
          const unit = await deps.organisation.getUnit(id);
          if (!unit) return undefined;
          const parent = unit.parentId ? await deps.organisation.getUnit(unit.parentId) : undefined;
          return {
            id: unit.id,
            name: unitName(unit.names, lang),
            context: parent ? unitName(parent.names, lang) : null,
          };
        };
        let matches: LinkUnit[] | undefined;
        let truncated = false;
        if (text !== '') {
          const found = await deps.service.searchUnits(text, SHOWN);
          truncated = found.more;
          matches = found.hits.map(({ unit, path }) => {
            const parent = path.at(-1);
            return {
              id: unit.id,
              name: unitName(unit.names, lang),
              context: parent ? unitName(parent.names, lang) : null,
            };
          });
        }
        const chosen = request.query.unit ? await toView(request.query.unit) : undefined;
        const selected = chosen && {
          unit: chosen,
          surveys: (await deps.service.publishedAt(chosen.id, ['web', 'qr'])).map((s) => ({
            surveyTitle: localized(s.survey.definition.title, lang),
            code: s.code,
            webUrl: `${deps.config.publicUrl}/s/${s.code}`,
            qrUrl: qrTarget(deps.config, s.code),
            channels: s.channels,
          })),
        };
        const viewer = request.staff && staffViewer(request.staff);
        reply.header('cache-control', 'no-store');
        return reply
          .type('text/html; charset=utf-8')
          .send(renderLinksPage({ lang, viewer, query: text, matches, truncated, selected }).value);
      },
    );
  };
}
