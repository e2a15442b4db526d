// Horizontal bars: the share agreeing (4–5) with each statement. HTML rows with a small SVG bar each, so long
// Finnish statements wrap naturally; the value is always written next to the bar, never told by colour alone.
import type { Language } from '../../shared/languages.ts';
import { t } from '../../i18n/index.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { nText, suppressedText } from './chart-text.ts';
import { formatNumber, formatPercent } from './format.ts';

export interface StatementBar {
  id: string;
  label: string;
  /** 0…1, null when suppressed or nobody answered. */
  agreeShare: number | null;
  mean: number | null;
  /** Answers 1…5 (index 0 = 1); empty when suppressed. */
  distribution: readonly number[];
  cantSay: number | null;
  n: number | null;
  suppressed: boolean;
}

export interface StatementBarsModel {
  id: string;
  lang: Language;
  title: string;
  bars: readonly StatementBar[];
  minGroupSize: number;
}

function valueText(model: StatementBarsModel, bar: StatementBar): string {
  if (bar.suppressed) return suppressedText(model.lang, model.minGroupSize);
  if (bar.agreeShare === null) return t(model.lang)('reports.no_answers');
  return `${formatPercent(model.lang, bar.agreeShare)} (${nText(model.lang, bar.n ?? 0)})`;
}

function barSvg(model: StatementBarsModel, bar: StatementBar): SafeHtml {
  const width = bar.agreeShare === null ? 0 : Math.round(bar.agreeShare * 1000) / 10;
  const cls = bar.suppressed ? 'track hatched' : 'track';
  return html`<svg class="hbar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="${cls}" x="0" y="0" width="100" height="12" /><rect class="fill" x="0" y="0" width="${width}" height="12" /></svg>`;
}

export function statementTable(model: StatementBarsModel): SafeHtml {
  const tr = t(model.lang);
  const heads = [1, 2, 3, 4, 5].map((v) => html`<th scope="col">${v}</th>`);
  const rows = model.bars.map((bar) => {
    if (bar.suppressed || bar.agreeShare === null) {
      return html`<tr><th scope="row">${bar.label}</th><td colspan="9">${valueText(model, bar)}</td></tr>`;
    }
    return html`<tr><th scope="row">${bar.label}</th><td>${formatPercent(model.lang, bar.agreeShare)}</td><td>${bar.mean === null ? '–' : formatNumber(model.lang, bar.mean, 2)}</td>${bar.distribution.map((c) => html`<td>${c}</td>`)}<td>${bar.cantSay ?? 0}</td><td>${bar.n ?? 0}</td></tr>`;
  });
  return html`<table class="data" id="${model.id}-table">
    <caption class="visually-hidden">${model.title}</caption>
    <thead><tr><th scope="col">${tr('reports.col_statement')}</th><th scope="col">${tr('reports.col_agree')}</th><th scope="col">${tr('reports.col_mean')}</th>${heads}<th scope="col">${tr('reports.col_cant_say')}</th><th scope="col">${tr('reports.col_n')}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
}

export function statementBars(model: StatementBarsModel): SafeHtml {
  const tr = t(model.lang);
  const titleId = `${model.id}-title`;
  return html`<figure class="chart bars" id="${model.id}" aria-labelledby="${titleId}">
    <figcaption id="${titleId}">${model.title}</figcaption>
    <ul class="bar-list">
      ${model.bars.map(
        (bar) =>
          html`<li><span class="bar-label">${bar.label}</span>${barSvg(model, bar)}<span class="bar-value">${valueText(model, bar)}</span></li>`,
      )}
    </ul>
    <p class="legend">${tr('reports.legend_agree')}</p>
    <details><summary>${tr('reports.show_table')}</summary>${statementTable(model)}</details>
  </figure>`;
}
