// The dashboard's themes panel: what the period's comments talk about in the chosen subtree, from the text
// analysis. Each theme's share of the analysed comments as a bar with its n and the change in percentage points
// against the previous period, the tone mix per theme, and every figure again as a table. Hidden themes (a small
// group) are named in words; each theme links to the analysis view of the same subtree and period.
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { channelMix } from '../../charts/channel-mix.ts';
import { suppressedText } from '../../charts/chart-text.ts';
import { formatNumber, formatPercent } from '../../charts/format.ts';
import type { DashboardModel, ThemePanelRow, ThemesPanelView, ToneKey } from './dashboard-model.ts';
import { hasFilters } from './dashboard-query.ts';

const TONES: ToneKey[] = ['positive', 'neutral', 'negative', 'mixed'];

/** The change in whole percentage points with its sign (+5, −3, 0); null when there is nothing to compare. */
export function changePoints(row: Pick<ThemePanelRow, 'share' | 'previousShare'>): number | null {
  if (row.share === null || row.previousShare === null) return null;
  return Math.round((row.share - row.previousShare) * 100);
}

function changeText(model: DashboardModel, row: ThemePanelRow): string {
  const points = changePoints(row);
  if (points === null) return t(model.lang)('dashboard.themes_no_change');
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return t(model.lang)('dashboard.themes_change', {
    points: `${sign}${formatNumber(model.lang, Math.abs(points))}`,
  });
}

function shareBar(share: number): SafeHtml {
  const width = Math.max(0, Math.min(100, share * 100)).toFixed(2);
  return html`<svg class="hbar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="track" x="0" y="0" width="100" height="12" /><rect class="fill" x="0" y="0" width="${width}" height="12" /></svg>`;
}

function shown(panel: ThemesPanelView): ThemePanelRow[] {
  return panel.rows
    .filter((r) => !r.hidden && (r.n ?? 0) > 0)
    .sort((a, b) => (b.share ?? 0) - (a.share ?? 0) || a.name.localeCompare(b.name));
}

function shareChart(model: DashboardModel, panel: ThemesPanelView): SafeHtml {
  const tr = t(model.lang);
  const hidden = panel.rows.filter((r) => r.hidden).map((r) => r.name);
  return html`<figure class="chart bars" id="themes-chart" aria-labelledby="themes-chart-title">
    <figcaption id="themes-chart-title">${tr('dashboard.themes_chart_caption')}</figcaption>
    <ul class="bar-list">${shown(panel).map(
      (row) =>
        html`<li><span class="bar-label"><a href="${row.href}">${row.name}</a></span>${shareBar(row.share ?? 0)}<span class="bar-value">${formatPercent(model.lang, row.share ?? 0)} (n = ${formatNumber(model.lang, row.n ?? 0)}) · ${changeText(model, row)}</span></li>`,
    )}</ul>
    ${hidden.length ? html`<p class="mix-hidden">${hidden.join(', ')}: ${suppressedText(model.lang, model.minGroupSize)}</p>` : ''}
  </figure>`;
}

function toneChart(model: DashboardModel, panel: ThemesPanelView): SafeHtml {
  const tr = t(model.lang);
  return channelMix({
    id: 'theme-tones',
    lang: model.lang,
    title: tr('dashboard.themes_tones_caption'),
    minGroupSize: model.minGroupSize,
    rowHeader: tr('dashboard.themes_col_theme'),
    rows: shown(panel).map((row) => ({
      label: row.name,
      segments: TONES.map((tone) => ({
        key: tone,
        label: tr(`analysis.tone_${tone}`),
        n: row.tones?.[tone] ?? null,
        suppressed: row.tones?.[tone] === null,
      })),
    })),
  });
}

function themesTable(model: DashboardModel, panel: ThemesPanelView): SafeHtml {
  const tr = t(model.lang);
  const { lang } = model;
  const hiddenText = suppressedText(lang, model.minGroupSize);
  const rows = [...shown(panel), ...panel.rows.filter((r) => r.hidden || (r.n ?? 0) === 0)];
  return html`<table class="data" id="themes-table">
    <caption>${tr('dashboard.themes_table_caption')}</caption>
    <thead><tr><th scope="col">${tr('dashboard.themes_col_theme')}</th><th scope="col" class="num">${tr('reports.col_n')}</th><th scope="col" class="num">${tr('dashboard.themes_col_share')}</th><th scope="col" class="num">${tr('dashboard.themes_col_previous')}</th><th scope="col" class="num">${tr('dashboard.themes_col_change')}</th>${TONES.map((tone) => html`<th scope="col" class="num">${tr(`analysis.tone_${tone}`)}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => {
      const name = html`<th scope="row"><a href="${row.href}">${row.name}</a></th>`;
      if (row.hidden) return html`<tr>${name}<td colspan="8">${hiddenText}</td></tr>`;
      const points = changePoints(row);
      return html`<tr>${name}<td class="num">${formatNumber(lang, row.n ?? 0)}</td><td class="num">${formatPercent(lang, row.share ?? 0)}</td><td class="num">${row.previousShare === null ? '–' : formatPercent(lang, row.previousShare)}</td><td class="num">${points === null ? '–' : changeText(model, row)}</td>${TONES.map(
        (tone) => {
          const n = row.tones?.[tone];
          return html`<td class="num">${n === null ? hiddenText : formatNumber(lang, n ?? 0)}</td>`;
        },
      )}</tr>`;
    })}</tbody>
  </table>`;
}

export function themesPanel(model: DashboardModel): SafeHtml {
  const panel = model.themes;
  if (!panel) return html``;
  const tr = t(model.lang);
  const heading = html`<h2 id="themes">${tr('dashboard.themes_title')}</h2>`;
  const link = html`<p><a href="${panel.href}">${tr('dashboard.themes_open_analysis')}</a></p>`;
  const filters = hasFilters(model.query) ? html`<p>${tr('dashboard.themes_filters_note')}</p>` : '';
  if (panel.total === null)
    return html`<section aria-labelledby="themes">${heading}<p>${suppressedText(model.lang, model.minGroupSize)}</p>${link}</section>`;
  if (panel.total === 0)
    return html`<section aria-labelledby="themes">${heading}<p>${tr('dashboard.themes_none')}</p>${link}</section>`;
  return html`<section aria-labelledby="themes">${heading}
    <p>${tr('dashboard.themes_intro', { n: formatNumber(model.lang, panel.total) })}</p>${filters}
    ${shareChart(model, panel)}
    ${toneChart(model, panel)}
    <details><summary>${tr('reports.show_table')}</summary>${themesTable(model, panel)}</details>
    ${link}
  </section>`;
}
