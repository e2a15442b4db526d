import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.ts';
import type { HttpApp } from '../../http/app.ts';
import {
  renderAccessibilityPage,
  renderFrontPage,
  type UnitResult,
} from '../../../web/citizen/front-page.ts';
import { localized, unitName } from '../../../web/citizen/text.ts';
import { sendPage } from './html-response.ts';
import type { WebSurveyService } from './web-survey.service.ts';

const FrontQuery = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 16 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });

// Checking publications costs queries per unit: look at a bounded number of name matches.
const CANDIDATES = 40;
const SHOWN = 20;

export function frontPageRoutes(deps: { config: Config; service: WebSurveyService }) {
  return (app: HttpApp) => {
    app.get<{ Querystring: { q?: string } }>(
      '/',
      { schema: { querystring: FrontQuery } },
      async (request, reply) => {
        const lang = request.lang;
        const text = (request.query.q ?? '').trim().slice(0, 100);
        let results: UnitResult[] | undefined;
        let truncated = false;
        if (text !== '') {
          const { hits, more } = await deps.service.searchUnits(text, CANDIDATES);
          const withSurveys = await Promise.all(
            hits.map(async (hit) => ({
              unit: hit.unit,
              parent: hit.path.at(-1),
              surveys: await deps.service.publishedAt(hit.unit.id, ['web']),
            })),
          );
          const found = withSurveys.filter((u) => u.surveys.length > 0);
          truncated = more || found.length > SHOWN;
          results = found.slice(0, SHOWN).map(({ unit, parent, surveys }) => {
            return {
              name: unitName(unit.names, lang),
              context: parent ? unitName(parent.names, lang) : null,
              surveys: surveys.map((s) => ({
                title: localized(s.survey.definition.title, lang),
                href: `/s/${s.code}?lang=${lang}`,
              })),
            };
          });
        }
        return sendPage(reply, renderFrontPage({ lang, query: text, results, truncated }), {
          cache: text === '' ? 'short' : 'no-store',
        });
      },
    );

    app.get('/accessibility', { schema: { querystring: LangQuery } }, async (request, reply) =>
      sendPage(
        reply,
        renderAccessibilityPage({ lang: request.lang, contact: deps.config.accessibilityContact }),
        {
          cache: 'short',
        },
      ),
    );
  };
}
