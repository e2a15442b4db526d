// The quarterly review as one self-contained HTML document (inline CSS and SVG, nothing external): served as a
// page and printed to PDF by headless Chromium. Headline figures, trend, statements, channel mix and volumes,
// best and weakest units (only figures that are shown), "what we changed", and the sections other features fill.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../ui/html.ts';
import { BASE_CSS } from '../../ui/styles.ts';
import { CHART_CSS } from '../../charts/chart-css.ts';
import { trendChart, trendTable } from '../../charts/trend-chart.ts';
import { statementBars, statementTable } from '../../charts/statement-bars.ts';
import { channelMix } from '../../charts/channel-mix.ts';
import type { TrendPoint } from '../../charts/trend-chart.ts';
import type { StatementBar } from '../../charts/statement-bars.ts';
import type { MixRow } from '../../charts/channel-mix.ts';
import { suppressedText } from '../../charts/chart-text.ts';
import { formatNumber, formatNps, formatPercent } from '../../charts/format.ts';
import type { HeadlineView } from './dashboard-model.ts';

export interface RankedUnit {
  name: string;
  n: number;
  nps: number;
  low: number | null;
  high: number | null;
}

export interface VolumeRow {
  label: string;
  n: number | null;
  nps: number | null;
  suppressed: boolean;
}

export interface SectionTableView {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
  /** The first cell of each row is the row's header. */
  rowHeaders?: boolean;
}

export type SectionView =
  | { id: string; title: string; content: { kind: 'unavailable' } }
  | {
      id: string;
      title: string;
      content: {
        kind: 'content';
        paragraphs: string[];
        table?: SectionTableView;
        tables?: SectionTableView[];
      };
    };

export interface QuarterlyReportModel {
  lang: Language;
  unitName: string;
  quarter: string;
  from: string;
  to: string;
  minGroupSize: number;
  headline: HeadlineView;
  trend: TrendPoint[];
  statements: StatementBar[];
  channelMix: MixRow[];
  volumes: VolumeRow[];
  best: RankedUnit[];
  weakest: RankedUnit[];
  changes: { date: string; text: string }[];
  sections: SectionView[];
}

const REPORT_CSS = [
  '@page{size:A4;margin:16mm 14mm}body{font-size:11pt}main{max-width:none;padding:0}',
  '.cover{border-bottom:3px solid #0b4f9c;margin-bottom:1rem}.cover p{margin:.2rem 0;color:#4a5563}',
  '.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:.75rem}.card{border:1px solid #c5cbd3;border-radius:.4rem;padding:.5rem .75rem}',
  '.card h3{font-size:.95rem;margin:0}.card .big{font-size:1.7rem;font-weight:700;margin:.1rem 0}.card p{margin:.1rem 0}',
  'section{break-inside:avoid-page}h2{border-bottom:1px solid #c5cbd3;padding-bottom:.2rem}.unavailable{font-style:italic;color:#4a5563}',
  '.two{display:grid;grid-template-columns:1fr 1fr;gap:1rem}details{display:none}.print-table{margin-top:.5rem}',
  '@media screen{body{max-width:60rem;margin:0 auto;padding:1rem}}',
].join('');

function headline(model: QuarterlyReportModel): SafeHtml {
  const tr = t(model.lang);
  const { headline: h, lang } = model;
  const hidden = suppressedText(lang, model.minGroupSize);
  return html`<div class="cards">
    <div class="card"><h3>${tr('dashboard.card_n')}</h3><p class="big">${h.n === null ? '–' : formatNumber(lang, h.n)}</p>${h.n === null ? html`<p>${hidden}</p>` : ''}</div>
    <div class="card"><h3>${tr('dashboard.card_nps')}</h3>${
      h.nps
        ? html`<p class="big">${formatNps(lang, h.nps.value)}</p>${h.nps.low !== null && h.nps.high !== null ? html`<p>${tr('reports.ci_range', { low: formatNps(lang, h.nps.low), high: formatNps(lang, h.nps.high) })}</p>` : ''}<p>${tr('dashboard.promoters')} ${formatPercent(lang, h.nps.promoters)} · ${tr('dashboard.passives')} ${formatPercent(lang, h.nps.passives)} · ${tr('dashboard.detractors')} ${formatPercent(lang, h.nps.detractors)}</p>`
        : html`<p class="big">–</p><p>${h.npsSuppressed ? hidden : tr('reports.no_answers')}</p>`
    }</div>
    <div class="card"><h3>${tr('reports.quarterly_change')}</h3>${
      h.change
        ? html`<p class="big">${formatNps(lang, h.change.value)}</p><p>${tr('reports.ci_range', { low: formatNps(lang, h.change.low), high: formatNps(lang, h.change.high) })}</p><p>${tr(h.change.significant ? 'dashboard.change_significant' : 'dashboard.change_not_significant')}</p>`
        : html`<p>${tr('dashboard.change_unavailable')}</p>`
    }</div>
  </div>`;
}

function ranked(model: QuarterlyReportModel, units: RankedUnit[], title: string): SafeHtml {
  const tr = t(model.lang);
  if (units.length === 0) return html`<div><h3>${title}</h3><p>${tr('reports.quarterly_no_units')}</p></div>`;
  return html`<div><h3>${title}</h3><table><thead><tr><th scope="col">${tr('dashboard.col_unit')}</th><th scope="col">${tr('reports.col_nps')}</th><th scope="col">${tr('reports.col_n')}</th></tr></thead><tbody>${units.map(
    (u) =>
      html`<tr><th scope="row">${u.name}</th><td>${formatNps(model.lang, u.nps)}</td><td>${formatNumber(model.lang, u.n)}</td></tr>`,
  )}</tbody></table></div>`;
}

function volumes(model: QuarterlyReportModel): SafeHtml {
  const tr = t(model.lang);
  return html`<table><caption class="visually-hidden">${tr('reports.quarterly_volumes')}</caption><thead><tr><th scope="col">${tr('reports.col_channel')}</th><th scope="col">${tr('reports.col_n')}</th><th scope="col">${tr('reports.col_nps')}</th></tr></thead><tbody>${model.volumes.map(
    (v) =>
      v.suppressed
        ? html`<tr><th scope="row">${v.label}</th><td colspan="2">${suppressedText(model.lang, model.minGroupSize)}</td></tr>`
        : html`<tr><th scope="row">${v.label}</th><td>${v.n === null ? '–' : formatNumber(model.lang, v.n)}</td><td>${v.nps === null ? '–' : formatNps(model.lang, v.nps)}</td></tr>`,
  )}</tbody></table>`;
}

function section(model: QuarterlyReportModel, s: SectionView): SafeHtml {
  const tr = t(model.lang);
  if (s.content.kind === 'unavailable') {
    return html`<section id="section-${s.id}"><h2>${s.title}</h2><p class="unavailable">${tr('reports.section_unavailable')}</p></section>`;
  }
  const { paragraphs, table, tables = [] } = s.content;
  return html`<section id="section-${s.id}"><h2>${s.title}</h2>${paragraphs.map((p) => html`<p>${p}</p>`)}${[
    ...(table ? [table] : []),
    ...tables,
  ].map(sectionTable)}</section>`;
}

function sectionTable(table: SectionTableView): SafeHtml {
  const cells = (row: (string | number)[]) =>
    row.map((c, i) => (i === 0 && table.rowHeaders ? html`<th scope="row">${c}</th>` : html`<td>${c}</td>`));
  return html`<table><caption>${table.caption}</caption><thead><tr>${table.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead><tbody>${table.rows.map((r) => html`<tr>${cells(r)}</tr>`)}</tbody></table>`;
}

export function renderQuarterlyReport(model: QuarterlyReportModel): SafeHtml {
  const tr = t(model.lang);
  const title = tr('reports.quarterly_title', { unit: model.unitName, quarter: model.quarter });
  const trendModel = {
    id: 'q-trend',
    lang: model.lang,
    title: tr('reports.quarterly_trend'),
    points: model.trend,
    minGroupSize: model.minGroupSize,
  };
  const statementModel = {
    id: 'q-statements',
    lang: model.lang,
    title: tr('dashboard.statements_caption'),
    bars: model.statements,
    minGroupSize: model.minGroupSize,
  };
  return html`<!doctype html>
    <html lang="${model.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>${raw(BASE_CSS)}${raw(CHART_CSS)}${raw(REPORT_CSS)}</style>
      </head>
      <body>
        <main id="main">
          <div class="cover">
            <h1>${title}</h1>
            <p>${tr('reports.quarterly_period', { from: model.from, to: model.to })}</p>
            <p>${tr('reports.quarterly_suppression_note', { min: model.minGroupSize })}</p>
          </div>
          <section><h2>${tr('reports.quarterly_headline')}</h2>${headline(model)}</section>
          <section><h2>${tr('reports.quarterly_trend')}</h2>${trendChart(trendModel)}<div class="print-table">${trendTable(trendModel)}</div></section>
          <section><h2>${tr('dashboard.statements_title')}</h2>${statementBars(statementModel)}<div class="print-table">${statementTable(statementModel)}</div></section>
          <section><h2>${tr('dashboard.channels_title')}</h2>${channelMix({ id: 'q-channels', lang: model.lang, title: tr('dashboard.channels_caption'), rows: model.channelMix, minGroupSize: model.minGroupSize })}<h3>${tr('reports.quarterly_volumes')}</h3>${volumes(model)}</section>
          <section><h2>${tr('reports.quarterly_units')}</h2><p>${tr('reports.quarterly_units_note')}</p><div class="two">${ranked(model, model.best, tr('reports.quarterly_best'))}${ranked(model, model.weakest, tr('reports.quarterly_weakest'))}</div></section>
          <section><h2>${tr('results.changes_title')}</h2>${
            model.changes.length
              ? html`<ul>${model.changes.map((c) => html`<li><strong>${c.date}</strong> ${c.text}</li>`)}</ul>`
              : html`<p>${tr('results.changes_none')}</p>`
          }</section>
          ${model.sections.map((s) => section(model, s))}
        </main>
      </body>
    </html>`;
}
