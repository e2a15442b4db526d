// The staff dashboard (/staff/dashboard): a subtree of the organisation over a period, server-rendered. Headline
// cards, trend with its confidence band, statement bars, channel mix and a sortable table of child units with
// sparklines; clicking a child drills down. Suppressed figures are said in words ("fewer than N answers").
import { t } from '../../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../ui/html.ts';
import { staffPage } from '../layout.ts';
import { CHART_CSS } from '../../charts/chart-css.ts';
import { trendChart } from '../../charts/trend-chart.ts';
import { statementBars } from '../../charts/statement-bars.ts';
import { channelMix } from '../../charts/channel-mix.ts';
import { sparkline } from '../../charts/sparkline.ts';
import { suppressedText } from '../../charts/chart-text.ts';
import { formatNumber, formatNps, formatPercent } from '../../charts/format.ts';
import type { ChildView, DashboardModel } from './dashboard-model.ts';
import { queryString, type SortKey } from './dashboard-query.ts';
import { dashboardControls } from './dashboard-controls.ts';
import { dashboardExports } from './dashboard-exports.ts';
import { themesPanel } from './themes-panel.ts';

const DASHBOARD_CSS = [
  '.crumbs ol{display:flex;flex-wrap:wrap;list-style:none;padding:0;margin:0 0 .5rem;gap:.25rem}.crumbs li+li::before{content:"›";margin-right:.25rem;color:#4a5563}',
  '.controls .row{display:flex;flex-wrap:wrap;gap:0 1rem}.controls .row p{margin:.25rem 0}.controls input,.controls select{width:auto;min-width:8rem}',
  '.checks{list-style:none;margin:0;padding:0}.checks label{display:flex;gap:.4rem;align-items:center}.filter{min-width:12rem}',
  '.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:1rem;margin:1rem 0}',
  '.card{border:1px solid #c5cbd3;border-radius:.5rem;padding:.75rem 1rem}.card h3{font-size:1rem;margin:0 0 .25rem}.card .big{font-size:2rem;font-weight:700;margin:0}.card p{margin:.15rem 0}',
  'th a{color:inherit}.num{text-align:right;font-variant-numeric:tabular-nums}.empty{border:2px dashed #8a94a3;border-radius:.5rem;padding:1rem;margin:1rem 0}',
  '.exports ul{padding-left:1.2rem}',
].join('');

function crumbs(model: DashboardModel): SafeHtml {
  const tr = t(model.lang);
  return html`<nav class="crumbs" aria-label="${tr('dashboard.breadcrumb')}"><ol>
    ${model.crumbs.map((c, i) =>
      i === model.crumbs.length - 1
        ? html`<li><span aria-current="page">${c.name}</span></li>`
        : c.link
          ? html`<li><a href="/staff/dashboard?${queryString(model.query, { unit: c.id })}&amp;lang=${model.lang}">${c.name}</a></li>`
          : html`<li>${c.name}</li>`,
    )}
  </ol></nav>`;
}

function headlineCards(model: DashboardModel): SafeHtml {
  const tr = t(model.lang);
  const { headline, lang } = model;
  const hidden = suppressedText(lang, model.minGroupSize);
  const nps = headline.nps;
  const change = headline.change;
  return html`<section class="cards" aria-label="${tr('dashboard.headline')}">
    <div class="card"><h3>${tr('dashboard.card_n')}</h3><p class="big">${headline.n === null ? '–' : formatNumber(lang, headline.n)}</p>${headline.n === null ? html`<p>${hidden}</p>` : ''}</div>
    <div class="card"><h3>${tr('dashboard.card_nps')}</h3>
      ${
        nps
          ? html`<p class="big">${formatNps(lang, nps.value)}</p>${nps.low !== null && nps.high !== null ? html`<p>${tr('reports.ci_range', { low: formatNps(lang, nps.low), high: formatNps(lang, nps.high) })}</p>` : ''}`
          : html`<p class="big">–</p><p>${headline.npsSuppressed ? hidden : tr('reports.no_answers')}</p>`
      }
    </div>
    <div class="card"><h3>${tr('dashboard.card_split')}</h3>
      ${
        nps
          ? html`<p>${tr('dashboard.promoters')}: ${formatPercent(lang, nps.promoters)}</p><p>${tr('dashboard.passives')}: ${formatPercent(lang, nps.passives)}</p><p>${tr('dashboard.detractors')}: ${formatPercent(lang, nps.detractors)}</p>`
          : html`<p>${headline.npsSuppressed ? hidden : tr('reports.no_answers')}</p>`
      }
    </div>
    <div class="card"><h3>${tr('dashboard.card_change')}</h3>
      ${
        change
          ? html`<p class="big">${formatNps(lang, change.value)}</p><p>${tr('reports.ci_range', { low: formatNps(lang, change.low), high: formatNps(lang, change.high) })}</p><p>${tr(change.significant ? 'dashboard.change_significant' : 'dashboard.change_not_significant')}</p>`
          : html`<p>${tr('dashboard.change_unavailable')}</p>`
      }
    </div>
  </section>`;
}

function sortHeader(model: DashboardModel, key: SortKey, label: string, numeric: boolean): SafeHtml {
  const q = model.query;
  const active = q.sort === key;
  const dir = active && q.dir === 'asc' ? 'desc' : 'asc';
  const sort = active ? (q.dir === 'asc' ? 'ascending' : 'descending') : null;
  const href = `/staff/dashboard?${queryString(q, { sort: key, dir }, { lang: model.lang })}#children`;
  return html`<th scope="col" class="${numeric ? 'num' : ''}" ${sort ? raw(`aria-sort="${sort}"`) : ''}><a href="${href}">${label}${active ? (q.dir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`;
}

function sorted(model: DashboardModel): ChildView[] {
  const { sort, dir } = model.query;
  const sign = dir === 'asc' ? 1 : -1;
  // Suppressed rows sort last whichever way, so hidden figures never suggest an order.
  const value = (c: ChildView) => (sort === 'n' ? c.n : c.nps);
  return [...model.children].sort((a, b) => {
    if (sort === 'name') return sign * a.name.localeCompare(b.name, model.lang);
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === null ? (vb === null ? 0 : 1) : -1;
    return sign * (va - vb);
  });
}

function childRow(model: DashboardModel, child: ChildView): SafeHtml {
  const tr = t(model.lang);
  const { lang } = model;
  const name = child.own
    ? html`${tr('dashboard.own_responses', { name: model.unit.name })}`
    : html`<a href="/staff/dashboard?${queryString(model.query, { unit: child.unitId, sort: 'name', dir: 'asc' }, { lang })}">${child.name}</a>`;
  if (child.suppressed) {
    return html`<tr><th scope="row">${name}</th><td colspan="3">${suppressedText(lang, model.minGroupSize)}</td><td>${sparkline(lang, child.spark)}</td></tr>`;
  }
  const ci =
    child.low !== null && child.high !== null
      ? `${formatNps(lang, child.low)} … ${formatNps(lang, child.high)}`
      : '–';
  return html`<tr><th scope="row">${name}</th><td class="num">${child.n === null ? '–' : formatNumber(lang, child.n)}</td><td class="num">${child.nps === null ? tr('reports.no_answers') : formatNps(lang, child.nps)}</td><td class="num">${ci}</td><td>${sparkline(lang, child.spark)}</td></tr>`;
}

function childrenTable(model: DashboardModel): SafeHtml {
  const tr = t(model.lang);
  if (model.childrenHidden) return html`<p>${suppressedText(model.lang, model.minGroupSize)}</p>`;
  if (model.children.length === 0) return html`<p>${tr('dashboard.no_children')}</p>`;
  return html`<table id="children-table">
    <caption class="visually-hidden">${tr('dashboard.children_title')}</caption>
    <thead><tr>${sortHeader(model, 'name', tr('dashboard.col_unit'), false)}${sortHeader(model, 'n', tr('reports.col_n'), true)}${sortHeader(model, 'nps', tr('reports.col_nps'), true)}<th scope="col" class="num">${tr('reports.col_ci')}</th><th scope="col">${tr('dashboard.col_trend')}</th></tr></thead>
    <tbody>${sorted(model).map((c) => childRow(model, c))}</tbody>
  </table>`;
}

function emptyState(model: DashboardModel): SafeHtml {
  const tr = t(model.lang);
  return html`<div class="empty" role="status"><h2>${tr('dashboard.empty_title')}</h2><p>${tr('dashboard.empty_text')}</p></div>`;
}

export function renderDashboardPage(model: DashboardModel): SafeHtml {
  const tr = t(model.lang);
  const empty = model.headline.n === 0;
  const body = html`${crumbs(model)}
    <h1>${tr('dashboard.title', { unit: model.unit.name })}</h1>
    <p>${tr('dashboard.period_shown', { from: model.range.from, to: model.range.to })}</p>
    ${dashboardControls(model)}
    ${
      empty
        ? emptyState(model)
        : html`${headlineCards(model)}
    <h2>${tr('dashboard.trend_title')}</h2>
    ${trendChart({ id: 'trend', lang: model.lang, title: tr('dashboard.trend_caption', { grain: tr(`dashboard.grain_${model.query.grain}`) }), points: model.trend, minGroupSize: model.minGroupSize })}
    <h2>${tr('dashboard.statements_title')}</h2>
    ${statementBars({ id: 'statements', lang: model.lang, title: tr('dashboard.statements_caption'), bars: model.statements, minGroupSize: model.minGroupSize })}
    <h2>${tr('dashboard.channels_title')}</h2>
    ${channelMix({ id: 'channels', lang: model.lang, title: tr('dashboard.channels_caption'), rows: model.channelMix, minGroupSize: model.minGroupSize })}`
    }
    ${themesPanel(model)}
    <h2 id="children">${tr('dashboard.children_title')}</h2>
    ${childrenTable(model)}
    ${dashboardExports(model)}`;
  return staffPage({
    lang: model.lang,
    title: tr('dashboard.title', { unit: model.unit.name }),
    body,
    viewer: model.viewer,
    active: 'dashboard',
    path: '/staff/dashboard',
    languageHref: (lang) => `/staff/dashboard?${queryString(model.query, {}, { lang })}`,
    extraCss: CHART_CSS + DASHBOARD_CSS,
  });
}
