// A word-sized trend for table rows. Its accessible name lists the values, so it is never only a picture.
import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { formatNps } from './format.ts';

export interface SparkPoint {
  label: string;
  /** null: suppressed or no answers; the line breaks there. */
  value: number | null;
}

const W = 96;
const H = 24;

export function sparkline(
  lang: Language,
  points: readonly SparkPoint[],
  domain: readonly [number, number] = [-100, 100],
): SafeHtml {
  const tr = t(lang);
  const described = points
    .map((p) => `${p.label} ${p.value === null ? tr('reports.value_hidden') : formatNps(lang, p.value)}`)
    .join(', ');
  const label = `${tr('reports.sparkline_label')}: ${described}`;
  const x = (i: number) => (points.length <= 1 ? W / 2 : 2 + (i / (points.length - 1)) * (W - 4));
  const y = (v: number) => 2 + (1 - (v - domain[0]) / (domain[1] - domain[0])) * (H - 4);
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const last = [...points].reverse().find((p) => p.value !== null);
  const lastIndex = last ? points.lastIndexOf(last) : -1;
  return html`<svg class="spark" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${label}" focusable="false" xmlns="http://www.w3.org/2000/svg"><title>${label}</title><line class="zero" x1="0" x2="${W}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" />${segments.map((s) => (s.includes(' ') ? html`<polyline points="${s}" />` : html`<circle r="1.8" cx="${s.split(',')[0]}" cy="${s.split(',')[1]}" />`))}${last && last.value !== null ? html`<circle class="end" r="2.5" cx="${x(lastIndex).toFixed(1)}" cy="${y(last.value).toFixed(1)}" />` : ''}</svg>`;
}
