// Stacked bars of how answers came in (channel mix), one bar per row (a period or a unit). Each channel has a
// colour *and* a pattern, the legend names them, and the table gives the counts: colour is never the only cue.
// Suppressed channels are not drawn (their count is hidden) and are named in words below the bars.
import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../ui/html.ts';
import { suppressedText } from './chart-text.ts';
import { formatPercent } from './format.ts';

export interface MixSegment {
  key: string;
  label: string;
  /** null when suppressed. */
  n: number | null;
  suppressed: boolean;
}

export interface MixRow {
  label: string;
  segments: readonly MixSegment[];
}

export interface ChannelMixModel {
  id: string;
  lang: Language;
  title: string;
  rows: readonly MixRow[];
  minGroupSize: number;
  /** Heading of the table's row column (default "Period"). */
  rowHeader?: string;
}

// Each at least 3:1 against white (WCAG 1.4.11) and told apart by pattern as well.
const COLOURS = [
  '#0b4f9c',
  '#b35900',
  '#1b7a3a',
  '#6a3d9a',
  '#4a5563',
  '#005f73',
  '#8a2b75',
  '#7a5c00',
  '#222222',
];
const PATTERNS = ['solid', 'stripes', 'dots', 'cross', 'hlines', 'vlines', 'solid', 'stripes', 'dots'];

function patternDef(id: string, kind: string, colour: string): SafeHtml {
  const body: Record<string, string> = {
    solid: `<rect width="8" height="8" fill="${colour}"/>`,
    stripes: `<rect width="8" height="8" fill="${colour}"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.5"/>`,
    dots: `<rect width="8" height="8" fill="${colour}"/><circle cx="4" cy="4" r="1.6" fill="#fff"/>`,
    cross: `<rect width="8" height="8" fill="${colour}"/><path d="M0,4 h8 M4,0 v8" stroke="#fff" stroke-width="1.2"/>`,
    hlines: `<rect width="8" height="8" fill="${colour}"/><path d="M0,4 h8" stroke="#fff" stroke-width="1.5"/>`,
    vlines: `<rect width="8" height="8" fill="${colour}"/><path d="M4,0 v8" stroke="#fff" stroke-width="1.5"/>`,
  };
  // Our own constant markup above, never user input.
  return html`<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse">${raw(body[kind] ?? body.solid ?? '')}</pattern>`;
}

function keysOf(model: ChannelMixModel): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const row of model.rows) for (const s of row.segments) if (!seen.has(s.key)) seen.set(s.key, s.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}

function swatch(model: ChannelMixModel, index: number): SafeHtml {
  return html`<svg class="swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><rect width="16" height="16" fill="url(#${model.id}-p${index})" stroke="#1a1a1a" stroke-width="1" /></svg>`;
}

function rowBar(model: ChannelMixModel, row: MixRow, keys: { key: string }[]): SafeHtml {
  const visible = row.segments.filter((s) => !s.suppressed && (s.n ?? 0) > 0);
  const total = visible.reduce((sum, s) => sum + (s.n ?? 0), 0);
  let x = 0;
  const rects = visible.map((s) => {
    const w = total === 0 ? 0 : ((s.n ?? 0) / total) * 100;
    const index = keys.findIndex((k) => k.key === s.key);
    const rect = html`<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="16" fill="url(#${model.id}-p${index})" stroke="#fff" stroke-width="0.6"><title>${s.label}: ${formatPercent(model.lang, total ? (s.n ?? 0) / total : 0)}</title></rect>`;
    x += w;
    return rect;
  });
  const description = visible
    .map((s) => `${s.label} ${formatPercent(model.lang, total ? (s.n ?? 0) / total : 0)}`)
    .join(', ');
  const hidden = row.segments.filter((s) => s.suppressed).map((s) => s.label);
  const note = hidden.length
    ? html`<span class="mix-hidden">${hidden.join(', ')}: ${suppressedText(model.lang, model.minGroupSize)}</span>`
    : '';
  return html`<li><span class="bar-label">${row.label}</span><svg class="mix" viewBox="0 0 100 16" preserveAspectRatio="none" role="img" aria-label="${row.label}: ${description || t(model.lang)('reports.no_answers')}" focusable="false">${rects}</svg>${note}</li>`;
}

export function channelMixTable(model: ChannelMixModel): SafeHtml {
  const tr = t(model.lang);
  const keys = keysOf(model);
  return html`<table class="data" id="${model.id}-table">
    <caption class="visually-hidden">${model.title}</caption>
    <thead><tr><th scope="col">${model.rowHeader ?? tr('reports.col_period')}</th>${keys.map((k) => html`<th scope="col">${k.label}</th>`)}</tr></thead>
    <tbody>${model.rows.map(
      (row) =>
        html`<tr><th scope="row">${row.label}</th>${keys.map((k) => {
          const s = row.segments.find((seg) => seg.key === k.key);
          if (!s) return html`<td>0</td>`;
          return html`<td>${s.suppressed ? suppressedText(model.lang, model.minGroupSize) : (s.n ?? 0)}</td>`;
        })}</tr>`,
    )}</tbody>
  </table>`;
}

export function channelMix(model: ChannelMixModel): SafeHtml {
  const tr = t(model.lang);
  const keys = keysOf(model);
  const titleId = `${model.id}-title`;
  return html`<figure class="chart mix" id="${model.id}" aria-labelledby="${titleId}">
    <figcaption id="${titleId}">${model.title}</figcaption>
    <svg width="0" height="0" class="defs" aria-hidden="true" focusable="false"><defs>${keys.map((_, i) => patternDef(`${model.id}-p${i}`, PATTERNS[i % PATTERNS.length] ?? 'solid', COLOURS[i % COLOURS.length] ?? '#0b4f9c'))}</defs></svg>
    <ul class="bar-list">${model.rows.map((row) => rowBar(model, row, keys))}</ul>
    <ul class="mix-legend">${keys.map((k, i) => html`<li>${swatch(model, i)} ${k.label}</li>`)}</ul>
    <details><summary>${tr('reports.show_table')}</summary>${channelMixTable(model)}</details>
  </figure>`;
}
