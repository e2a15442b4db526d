// Import of units in the staff UI: paste CSV or JSON, check it (a dry run lists every change and every error with
// its line), then apply the same content. There is no file upload: multipart is not installed, and a textarea
// works everywhere without script.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';
import type { ImportChange, ImportReport } from '../../../server/modules/organisation/index.ts';
import { ORGANISATION_CSS } from './unit-format.ts';

export interface ImportPageInput {
  lang: Language;
  viewer: StaffViewer;
  format: 'csv' | 'json';
  content: string;
  report: ImportReport | null;
  /** Rows of the change table shown at most; the counts always cover everything. */
  maxRows?: number;
}

const KINDS: ImportChange['kind'][] = ['create', 'update', 'move', 'close', 'unchanged'];

function counts(report: ImportReport): Record<ImportChange['kind'], number> {
  const result = { create: 0, update: 0, move: 0, close: 0, unchanged: 0 };
  for (const change of report.changes) result[change.kind] += 1;
  return result;
}

function summary(lang: Language, report: ImportReport): SafeHtml {
  const tr = t(lang);
  const n = counts(report);
  return html`<ul>
    ${KINDS.map((kind) => html`<li>${tr(`organisation.import_count_${kind}`, { count: n[kind] })}</li>`)}
  </ul>`;
}

function errorTable(lang: Language, report: ImportReport): SafeHtml {
  const tr = t(lang);
  return html`<div class="error-summary" role="alert" tabindex="-1" id="import-errors">
    <h2>${tr('organisation.import_errors_heading', { count: report.errors.length })}</h2>
    <p>${tr('organisation.import_nothing_saved')}</p>
    <table>
      <caption class="visually-hidden">
        ${tr('organisation.import_errors_heading', { count: report.errors.length })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${tr('organisation.import_line')}</th>
          <th scope="col">${tr('organisation.import_field')}</th>
          <th scope="col">${tr('organisation.import_problem')}</th>
        </tr>
      </thead>
      <tbody>
        ${report.errors.map(
          (e) =>
            html`<tr>
              <td>${e.line}</td>
              <td>${e.field ?? ''}</td>
              <td>${e.message} <span class="meta">(${e.code})</span></td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function changeDetails(lang: Language, change: ImportChange): SafeHtml {
  const none = t(lang)('organisation.empty_value');
  const diff = change.diff ?? {};
  return html`${Object.entries(diff).map(
    ([field, d]) => html`<div><strong>${field}</strong>: ${d.from ?? none} → ${d.to ?? none}</div>`,
  )}`;
}

function changeTable(lang: Language, report: ImportReport, maxRows: number): SafeHtml {
  const tr = t(lang);
  const shown = report.changes.filter((c) => c.kind !== 'unchanged');
  if (shown.length === 0) return html`<p>${tr('organisation.import_no_changes')}</p>`;
  return html`<table>
      <caption>
        ${tr('organisation.import_changes_heading')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${tr('organisation.import_line')}</th>
          <th scope="col">${tr('organisation.field_id')}</th>
          <th scope="col">${tr('organisation.import_change')}</th>
          <th scope="col">${tr('organisation.import_details')}</th>
        </tr>
      </thead>
      <tbody>
        ${shown.slice(0, maxRows).map(
          (c) =>
            html`<tr>
              <td>${c.line}</td>
              <td>${c.unitId}</td>
              <td>${tr(`organisation.import_kind_${c.kind}`)}</td>
              <td>${changeDetails(lang, c)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${shown.length > maxRows ? html`<p>${tr('organisation.import_more_rows', { count: shown.length - maxRows })}</p>` : ''}`;
}

function result(lang: Language, report: ImportReport, maxRows: number): SafeHtml {
  const tr = t(lang);
  if (report.errors.length > 0) return errorTable(lang, report);
  const headline = report.applied ? tr('organisation.import_applied') : tr('organisation.import_checked');
  return html`<section aria-labelledby="import-result">
    <h2 id="import-result">${tr('organisation.import_result_heading')}</h2>
    <p class="notice" role="status">${headline}</p>
    ${summary(lang, report)} ${changeTable(lang, report, maxRows)}
  </section>`;
}

export function renderImportPage(input: ImportPageInput): SafeHtml {
  const { lang, report } = input;
  const tr = t(lang);
  const canApply =
    report !== null &&
    report.dryRun &&
    report.errors.length === 0 &&
    report.changes.some((c) => c.kind !== 'unchanged');
  const body = html`<p><a href="/staff/units?lang=${lang}">${tr('organisation.tree_title')}</a></p>
    <h1>${tr('organisation.import_title')}</h1>
    <p>${tr('organisation.import_intro')}</p>
    <p>${tr('organisation.import_partial')}</p>
    <p><code>id,parent_id,type,name_fi,name_sv,name_en,oid,valid_from,valid_to</code></p>
    ${report ? result(lang, report, input.maxRows ?? 1000) : ''}
    <form method="post" action="/staff/units/import?lang=${lang}">
      ${csrfField(input.viewer)}
      <div class="field">
        <label for="import-format">${tr('organisation.import_format')}</label>
        <select id="import-format" name="format">
          <option value="csv" ${attr('selected', input.format === 'csv')}>CSV</option>
          <option value="json" ${attr('selected', input.format === 'json')}>JSON</option>
        </select>
      </div>
      <div class="field">
        <label for="import-content">${tr('organisation.import_content')}</label>
        <p class="hint" id="import-content-hint">${tr('organisation.import_content_hint')}</p>
        <textarea
          id="import-content"
          name="content"
          rows="16"
          spellcheck="false"
          aria-describedby="import-content-hint"
        >
${input.content}</textarea>
      </div>
      <button type="submit" name="action" value="check" ${attr('class', canApply, 'secondary')}>
        ${tr('organisation.import_check')}
      </button>
      ${canApply ? html`<button type="submit" name="action" value="apply">${tr('organisation.import_apply')}</button>` : ''}
    </form>`;
  return staffPage({
    lang,
    title: tr('organisation.import_title'),
    body,
    viewer: input.viewer,
    active: 'organisation',
    path: '/staff/units/import',
    extraCss: ORGANISATION_CSS,
  });
}
