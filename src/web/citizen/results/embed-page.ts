// /results/unit/:id/embed – a compact version for an organisation's own web pages (in an iframe): the headline
// figure, statements and the latest changes, with a link to the full page. No script, no cookies, no tracking.
import { t } from '../../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../ui/html.ts';
import { BASE_CSS } from '../../ui/styles.ts';
import { CHART_CSS } from '../../charts/chart-css.ts';
import { statementBars } from '../../charts/statement-bars.ts';
import type { UnitResultsModel } from './results-model.ts';
import { RESULTS_CSS } from './results-css.ts';
import { changesList, headlineBlock } from './unit-results-page.ts';

export function renderEmbed(model: UnitResultsModel): SafeHtml {
  const tr = t(model.lang);
  return html`<!doctype html>
    <html lang="${model.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${tr('results.embed_title', { unit: model.name })}</title>
        <style>${raw(BASE_CSS)}${raw(CHART_CSS)}${raw(RESULTS_CSS)}main{max-width:none;padding:.5rem}h1{font-size:1.3rem}h2{font-size:1.1rem}</style>
      </head>
      <body>
        <main id="main">
          <h1>${tr('results.embed_title', { unit: model.name })}</h1>
          <p>${tr('results.period', { from: model.from, to: model.to })}</p>
          ${headlineBlock(model)}
          ${statementBars({ id: 'embed-statements', lang: model.lang, title: tr('results.statements_caption'), bars: model.statements, minGroupSize: model.minGroupSize })}
          <h2>${tr('results.changes_title')}</h2>
          ${changesList({ ...model, changes: model.changes.slice(0, 3) })}
          <p><a href="${model.pageHref}" target="_blank" rel="noopener">${tr('results.embed_more')}</a></p>
        </main>
      </body>
    </html>`;
}
