// /results/unit/:id – a unit's or service's public results: NPS with its confidence interval and n, trend by
// month, statements, the units below, and what was changed based on feedback. Small groups are said in words.
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { page } from '../../ui/layout.ts';
import { CHART_CSS } from '../../charts/chart-css.ts';
import { trendChart } from '../../charts/trend-chart.ts';
import { statementBars } from '../../charts/statement-bars.ts';
import { suppressedText } from '../../charts/chart-text.ts';
import { formatNumber, formatNps } from '../../charts/format.ts';
import type { UnitResultsModel } from './results-model.ts';
import { RESULTS_CSS } from './results-css.ts';

export function headlineBlock(model: UnitResultsModel): SafeHtml {
  const tr = t(model.lang);
  if (!model.nps) {
    return html`<div class="headline"><p>${model.hidden ? suppressedText(model.lang, model.minGroupSize) : tr('reports.no_answers')}</p></div>`;
  }
  const { nps } = model;
  return html`<div class="headline">
    <span>${tr('results.nps_label')}</span>
    <span class="big">${formatNps(model.lang, nps.value)}</span>
    ${nps.low !== null && nps.high !== null ? html`<span>${tr('reports.ci_range', { low: formatNps(model.lang, nps.low), high: formatNps(model.lang, nps.high) })}</span>` : ''}
    <span>${tr('reports.n_value', { n: formatNumber(model.lang, nps.n) })}</span>
  </div>`;
}

export function changesList(model: UnitResultsModel): SafeHtml {
  const tr = t(model.lang);
  return model.changes.length
    ? html`<ul class="changes">${model.changes.map((c) => html`<li><strong>${c.date}</strong> ${c.text}</li>`)}</ul>`
    : html`<p>${tr('results.changes_none')}</p>`;
}

function childrenTable(model: UnitResultsModel): SafeHtml {
  const tr = t(model.lang);
  if (model.children.length === 0) return html``;
  return html`<h2>${tr('results.children_title')}</h2>
    <table><thead><tr><th scope="col">${tr('results.col_unit')}</th><th scope="col" class="num">${tr('reports.col_nps')}</th><th scope="col" class="num">${tr('reports.col_n')}</th></tr></thead>
    <tbody>${model.children.map((c) =>
      c.suppressed
        ? html`<tr><th scope="row"><a href="/results/unit/${encodeURIComponent(c.id)}?lang=${model.lang}">${c.name}</a></th><td colspan="2">${suppressedText(model.lang, model.minGroupSize)}</td></tr>`
        : html`<tr><th scope="row"><a href="/results/unit/${encodeURIComponent(c.id)}?lang=${model.lang}">${c.name}</a></th><td class="num">${c.nps === null ? tr('reports.no_answers') : formatNps(model.lang, c.nps)}</td><td class="num">${c.n === null ? '–' : formatNumber(model.lang, c.n)}</td></tr>`,
    )}</tbody></table>`;
}

export function renderUnitResults(model: UnitResultsModel): SafeHtml {
  const tr = t(model.lang);
  const body = html`<nav class="crumbs" aria-label="${tr('results.breadcrumb')}"><ol>
      <li><a href="/results?lang=${model.lang}">${tr('results.index_title')}</a></li>
      ${model.crumbs.map((c) => html`<li><a href="/results/unit/${encodeURIComponent(c.id)}?lang=${model.lang}">${c.name}</a></li>`)}
      <li><span aria-current="page">${model.name}</span></li>
    </ol></nav>
    <h1>${model.name}</h1>
    <p>${tr('results.period', { from: model.from, to: model.to })}</p>
    ${headlineBlock(model)}
    <h2>${tr('results.trend_title')}</h2>
    ${trendChart({ id: 'trend', lang: model.lang, title: tr('results.trend_caption'), points: model.trend, minGroupSize: model.minGroupSize })}
    <h2>${tr('results.statements_title')}</h2>
    ${statementBars({ id: 'statements', lang: model.lang, title: tr('results.statements_caption'), bars: model.statements, minGroupSize: model.minGroupSize })}
    ${childrenTable(model)}
    <h2>${tr('results.changes_title')}</h2>
    ${changesList(model)}
    <h2>${tr('results.about_title')}</h2>
    <p>${tr('results.about_nps')}</p>
    <p>${tr('results.about_privacy', { min: model.minGroupSize })}</p>`;
  return page({
    lang: model.lang,
    title: model.name,
    body,
    robots: 'index',
    extraCss: CHART_CSS + RESULTS_CSS,
    mainClass: 'wide',
    languageHref: (l) => `/results/unit/${encodeURIComponent(model.unitId)}?lang=${l}`,
  });
}
