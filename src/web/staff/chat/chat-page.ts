import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, raw, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';

// Chat satisfaction: the report (tables whose cells carry a CSS bar next to the written number; hidden cells say
// why) and, for coordinators, the CSV upload with a check before anything is stored.
type Count = { suppressed: false; n: number } | { suppressed: true };
type Mean = { suppressed: false; n: number; mean: number } | { suppressed: true };

export interface ChatPageModel {
  lang: Language;
  viewer: StaffViewer;
  mayImport: boolean;
  from: string;
  to: string;
  report:
    | {
        unit: { id: string };
        unitName: string;
        minGroupSize: number;
        ratings: Count;
        mean: Mean;
        bands: Count[];
        months: { month: string; ratings: Count; mean: Mean }[];
        children: { unit: { id: string }; name: string; ratings: Count; mean: Mean }[];
      }
    | undefined;
  imported:
    | {
        content: string;
        rows: number;
        stored: number;
        duplicates: number;
        applied: boolean;
        problems: { line?: number; field: string; message: string }[];
      }
    | undefined;
}

const CSS = `.bar{display:block;height:.6rem;background:#0b5394;margin-top:.2rem;max-width:100%}.hidden-cell{font-style:italic}.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #767676;border-radius:6px;padding:.5rem 1rem;min-width:12rem}.card strong{font-size:1.8rem;display:block}textarea{width:100%;font-family:monospace}`;
const BANDS = ['0–19', '20–39', '40–59', '60–79', '80–100'];

function hiddenText(model: ChatPageModel): SafeHtml {
  return html`<span class="hidden-cell"
    >${t(model.lang)('chat.suppressed', { min: model.report?.minGroupSize ?? 5 })}</span
  >`;
}

function countCell(model: ChatPageModel, c: Count, total: Count | undefined): SafeHtml {
  if (c.suppressed) return html`<td>${hiddenText(model)}</td>`;
  const width = total && !total.suppressed && total.n > 0 ? Math.round((c.n / total.n) * 100) : 0;
  return html`<td>${c.n}${width > 0 ? raw(`<span class="bar" style="width:${width}%" aria-hidden="true"></span>`) : ''}</td>`;
}

function meanCell(model: ChatPageModel, m: Mean): SafeHtml {
  if (m.suppressed) return html`<td>${hiddenText(model)}</td>`;
  const value = new Intl.NumberFormat(model.lang, { maximumFractionDigits: 1 }).format(m.mean);
  return html`<td>${value}${raw(`<span class="bar" style="width:${Math.round(m.mean)}%" aria-hidden="true"></span>`)}</td>`;
}

function reportSection(model: ChatPageModel): SafeHtml {
  const tr = t(model.lang);
  const r = model.report;
  if (!r) return html`<p>${tr('chat.no_units')}</p>`;
  const empty = !r.ratings.suppressed && r.ratings.n === 0;
  const form = html`<form method="get" action="/staff/chat">
    <input type="hidden" name="unit" value="${r.unit.id}" />
    <p>
      <label for="from">${tr('chat.period_from')}</label>
      <input id="from" name="from" type="date" value="${model.from}" />
      <label for="to">${tr('chat.period_to')}</label>
      <input id="to" name="to" type="date" value="${model.to}" />
      <button type="submit">${tr('chat.show')}</button>
    </p>
  </form>`;
  if (empty) return html`<h2>${r.unitName}</h2>${form}<p>${tr('chat.report_empty')}</p>`;
  return html`<h2>${r.unitName}</h2>
    ${form}
    <div class="cards">
      <p class="card">${tr('chat.ratings')}<strong>${r.ratings.suppressed ? hiddenText(model) : r.ratings.n}</strong></p>
      <p class="card">
        ${tr('chat.mean')}<strong
          >${
            r.mean.suppressed
              ? hiddenText(model)
              : new Intl.NumberFormat(model.lang, { maximumFractionDigits: 1 }).format(r.mean.mean)
          }</strong
        >
      </p>
    </div>
    <table>
      <caption>${tr('chat.bands')}</caption>
      <thead>
        <tr><th scope="col">${tr('chat.band')}</th><th scope="col">${tr('chat.ratings')}</th></tr>
      </thead>
      <tbody>
        ${r.bands.map((b, i) => html`<tr><th scope="row">${BANDS[i]}</th>${countCell(model, b, r.ratings)}</tr>`)}
      </tbody>
    </table>
    <table>
      <caption>${tr('chat.by_month')}</caption>
      <thead>
        <tr>
          <th scope="col">${tr('chat.month')}</th>
          <th scope="col">${tr('chat.ratings')}</th>
          <th scope="col">${tr('chat.mean')}</th>
        </tr>
      </thead>
      <tbody>
        ${r.months.map(
          (m) =>
            html`<tr><th scope="row">${m.month}</th>${countCell(model, m.ratings, undefined)}${meanCell(model, m.mean)}</tr>`,
        )}
      </tbody>
    </table>
    ${
      r.children.length === 0
        ? ''
        : html`<table>
          <caption>${tr('chat.by_unit')}</caption>
          <thead>
            <tr>
              <th scope="col">${tr('chat.unit')}</th>
              <th scope="col">${tr('chat.ratings')}</th>
              <th scope="col">${tr('chat.mean')}</th>
            </tr>
          </thead>
          <tbody>
            ${r.children.map(
              (c) =>
                html`<tr>
                  <th scope="row">
                    <a href="/staff/chat?unit=${encodeURIComponent(c.unit.id)}&amp;from=${model.from}&amp;to=${model.to}"
                      >${c.name}</a
                    >
                  </th>
                  ${countCell(model, c.ratings, r.ratings)}${meanCell(model, c.mean)}
                </tr>`,
            )}
          </tbody>
        </table>`
    }`;
}

function importSection(model: ChatPageModel): SafeHtml {
  const tr = t(model.lang);
  const result = model.imported;
  let outcome: SafeHtml | string = '';
  if (result && result.problems.length > 0) {
    outcome = html`<div class="error-summary" role="alert" id="import-result" tabindex="-1">
      <h3>${tr('chat.import_problems', { count: result.problems.length })}</h3>
      <ul>
        ${result.problems
          .slice(0, 100)
          .map(
            (p) =>
              html`<li>${p.line ? tr('chat.line', { line: p.line }) : ''}${p.field ? ` (${p.field})` : ''}: ${p.message}</li>`,
          )}
      </ul>
    </div>`;
  } else if (result) {
    outcome = html`<p role="status" id="import-result">
      ${
        result.applied
          ? tr('chat.import_applied', { stored: result.stored, duplicates: result.duplicates })
          : tr('chat.import_checked', { rows: result.rows })
      }
    </p>`;
  }
  return html`<h2>${tr('chat.import_title')}</h2>
    <p>${tr('chat.import_intro')}</p>
    <p class="hint" id="import-columns">${tr('chat.import_columns')}</p>
    ${outcome}
    <form method="post" action="/staff/chat/import">
      ${csrfField(model.viewer)}
      <p>
        <label for="import-content">${tr('chat.import_label')}</label>
        <textarea id="import-content" name="content" rows="8" aria-describedby="import-columns">
${result?.content ?? ''}</textarea
        >
      </p>
      <p>
        <button type="submit" name="action" value="check">${tr('chat.import_check')}</button>
        <button type="submit" name="action" value="apply" class="secondary">${tr('chat.import_apply')}</button>
      </p>
    </form>`;
}

export function renderChatPage(model: ChatPageModel): SafeHtml {
  const tr = t(model.lang);
  const body = html`<h1>${tr('chat.title')}</h1>
    <p>${tr('chat.intro')}</p>
    ${reportSection(model)} ${model.mayImport ? importSection(model) : ''}`;
  return staffPage({
    lang: model.lang,
    title: tr('chat.title'),
    body,
    viewer: model.viewer,
    active: 'chat',
    path: '/staff/chat',
    extraCss: CSS,
  });
}
