// A trend line with its 95 % confidence band, as inline SVG. Every point can be reached with the Tab key and
// shows its value on focus (CSS only, no script); the same figures follow as a table for screen readers and
// anyone who prefers numbers. Suppressed periods break the line and are said in words in the table.
import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { suppressedText, nText } from './chart-text.ts';
import { formatNps } from './format.ts';

export interface TrendPoint {
  label: string;
  /** null when there were no answers or the figure is suppressed. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** null when suppressed (the count itself is then hidden too). */
  n: number | null;
  suppressed: boolean;
}

export interface TrendChartModel {
  id: string;
  lang: Language;
  title: string;
  points: readonly TrendPoint[];
  minGroupSize: number;
  /** The value axis; NPS by default. */
  domain?: readonly [number, number];
}

const W = 640;
const H = 260;
const PAD = { left: 44, right: 16, top: 16, bottom: 40 };

function scaleY(value: number, [min, max]: readonly [number, number]): number {
  const inner = H - PAD.top - PAD.bottom;
  return PAD.top + inner - ((value - min) / (max - min)) * inner;
}

function xAt(index: number, count: number): number {
  const inner = W - PAD.left - PAD.right;
  return count <= 1 ? PAD.left + inner / 2 : PAD.left + (index / (count - 1)) * inner;
}

/** Runs of consecutive points that have a value: the line and band are broken where a period is missing. */
function runs(points: readonly TrendPoint[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(i);
  });
  if (current.length) out.push(current);
  return out;
}

const f = (x: number) => x.toFixed(1);

function pointLabel(model: TrendChartModel, p: TrendPoint): string {
  const tr = t(model.lang);
  if (p.suppressed) return `${p.label}: ${suppressedText(model.lang, model.minGroupSize)}`;
  if (p.value === null) return `${p.label}: ${tr('reports.no_answers')}`;
  const ci =
    p.low !== null && p.high !== null
      ? `, ${tr('reports.ci_range', { low: formatNps(model.lang, p.low), high: formatNps(model.lang, p.high) })}`
      : '';
  return `${p.label}: ${formatNps(model.lang, p.value)}${ci}, ${nText(model.lang, p.n ?? 0)}`;
}

function axis(domain: readonly [number, number], lang: Language): SafeHtml {
  const [min, max] = domain;
  const step = (max - min) / 4;
  const ticks = [0, 1, 2, 3, 4].map((i) => min + i * step);
  return html`${ticks.map((v) => {
    const y = f(scaleY(v, domain));
    return html`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" class="grid${v === 0 ? ' zero' : ''}" /><text x="${PAD.left - 6}" y="${y}" class="tick" text-anchor="end" dominant-baseline="middle">${formatNps(lang, v)}</text>`;
  })}`;
}

function xLabels(points: readonly TrendPoint[]): SafeHtml {
  // At most about eight labels fit under the chart; the table has them all.
  const every = Math.max(1, Math.ceil(points.length / 8));
  return html`${points.map((p, i) =>
    i % every === 0 || i === points.length - 1
      ? html`<text x="${f(xAt(i, points.length))}" y="${H - PAD.bottom + 18}" class="tick" text-anchor="middle">${p.label}</text>`
      : '',
  )}`;
}

function band(model: TrendChartModel, domain: readonly [number, number]): SafeHtml {
  const { points } = model;
  return html`${runs(points).map((run) => {
    const withCi = run.filter((i) => points[i]?.low !== null && points[i]?.high !== null);
    if (withCi.length === 0) return '';
    const upper = withCi.map((i) => `${f(xAt(i, points.length))},${f(scaleY(points[i]?.high ?? 0, domain))}`);
    const lower = withCi
      .slice()
      .reverse()
      .map((i) => `${f(xAt(i, points.length))},${f(scaleY(points[i]?.low ?? 0, domain))}`);
    const edge = (list: string[]) => `M${list.join(' L')}`;
    return html`<path class="band" d="M${[...upper, ...lower].join(' L')} Z" /><path class="band-edge" d="${edge(upper)}" /><path class="band-edge" d="${edge(lower.slice().reverse())}" />`;
  })}`;
}

function line(model: TrendChartModel, domain: readonly [number, number]): SafeHtml {
  const { points } = model;
  return html`${runs(points).map((run) => {
    const d = run.map((i) => `${f(xAt(i, points.length))},${f(scaleY(points[i]?.value ?? 0, domain))}`);
    return html`<path class="line" d="M${d.join(' L')}" />`;
  })}`;
}

function markers(model: TrendChartModel, domain: readonly [number, number]): SafeHtml {
  const { points } = model;
  return html`${points.map((p, i) => {
    const x = xAt(i, points.length);
    const label = pointLabel(model, p);
    const y = p.value === null ? scaleY(domain[0], domain) - 6 : scaleY(p.value, domain);
    const tipX = Math.min(Math.max(x, PAD.left + 80), W - PAD.right - 80);
    const shape =
      p.value === null
        ? html`<path class="gap" d="M${f(x - 5)},${f(y - 5)} L${f(x + 5)},${f(y + 5)} M${f(x - 5)},${f(y + 5)} L${f(x + 5)},${f(y - 5)}" />`
        : html`<circle cx="${f(x)}" cy="${f(y)}" r="5" />`;
    return html`<g class="pt" tabindex="0" role="img" aria-label="${label}"><title>${label}</title>${shape}<text class="tip" x="${f(tipX)}" y="${PAD.top + 4}" text-anchor="middle">${label}</text></g>`;
  })}`;
}

/** The data table that carries the same figures as the chart. */
export function trendTable(model: TrendChartModel): SafeHtml {
  const tr = t(model.lang);
  const rows = model.points.map((p) => {
    if (p.suppressed)
      return html`<tr><th scope="row">${p.label}</th><td colspan="3">${suppressedText(model.lang, model.minGroupSize)}</td></tr>`;
    if (p.value === null)
      return html`<tr><th scope="row">${p.label}</th><td colspan="3">${tr('reports.no_answers')}</td></tr>`;
    const ci =
      p.low !== null && p.high !== null
        ? `${formatNps(model.lang, p.low)} … ${formatNps(model.lang, p.high)}`
        : '–';
    return html`<tr><th scope="row">${p.label}</th><td>${formatNps(model.lang, p.value)}</td><td>${ci}</td><td>${p.n ?? ''}</td></tr>`;
  });
  return html`<table class="data" id="${model.id}-table">
    <caption class="visually-hidden">${model.title}</caption>
    <thead><tr><th scope="col">${tr('reports.col_period')}</th><th scope="col">${tr('reports.col_nps')}</th><th scope="col">${tr('reports.col_ci')}</th><th scope="col">${tr('reports.col_n')}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
}

export function trendChart(model: TrendChartModel): SafeHtml {
  const tr = t(model.lang);
  const domain = model.domain ?? ([-100, 100] as const);
  const titleId = `${model.id}-title`;
  return html`<figure class="chart trend" id="${model.id}">
    <figcaption id="${titleId}">${model.title}</figcaption>
    <svg viewBox="0 0 ${W} ${H}" role="group" aria-labelledby="${titleId}" focusable="false" xmlns="http://www.w3.org/2000/svg">
      ${axis(domain, model.lang)}${band(model, domain)}${line(model, domain)}${xLabels(model.points)}${markers(model, domain)}
    </svg>
    <p class="legend"><span class="key-line" aria-hidden="true"></span> ${tr('reports.legend_nps')} <span class="key-band" aria-hidden="true"></span> ${tr('reports.legend_ci')}</p>
    <details><summary>${tr('reports.show_table')}</summary>${trendTable(model)}</details>
  </figure>`;
}
