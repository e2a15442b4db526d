// Download links that carry the dashboard's state: aggregates (CSV per table, XLSX with every table), responses
// with redacted text (not for viewers), the quarterly review (HTML and PDF) and, for the whole organisation, the
// national data set.
import { t } from '../../../i18n/index.ts';
import { LANGUAGES } from '../../../shared/languages.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import type { DashboardModel } from './dashboard-model.ts';
import { queryString } from './dashboard-query.ts';

export function dashboardExports(model: DashboardModel): SafeHtml {
  const tr = t(model.lang);
  const qs = queryString(model.query);
  const link = (path: string, label: string, extra = '') =>
    html`<li><a href="${path}?${qs}${extra}&amp;lang=${model.lang}" download>${label}</a></li>`;
  const lastQuarter = model.quarters[0] ?? model.query.quarter;
  return html`<section class="exports" aria-labelledby="exports-title">
    <h2 id="exports-title">${tr('dashboard.exports_title')}</h2>
    <p>${tr('dashboard.exports_intro')}</p>
    <ul>
      ${link('/staff/dashboard/aggregates.xlsx', tr('dashboard.export_aggregates_xlsx'))}
      ${link('/staff/dashboard/aggregates.csv', tr('dashboard.export_aggregates_csv_units'), '&table=units')}
      ${link('/staff/dashboard/aggregates.csv', tr('dashboard.export_aggregates_csv_trend'), '&table=trend')}
      ${link('/staff/dashboard/aggregates.csv', tr('dashboard.export_aggregates_csv_statements'), '&table=statements')}
      ${model.canExportResponses ? link('/staff/dashboard/responses.xlsx', tr('dashboard.export_responses_xlsx')) : ''}
      ${model.canExportResponses ? link('/staff/dashboard/responses.csv', tr('dashboard.export_responses_csv')) : ''}
    </ul>
    <h3>${tr('dashboard.quarterly_title')}</h3>
    <form method="get" action="/staff/dashboard/quarterly.pdf" class="controls">
      <input type="hidden" name="unit" value="${model.unit.id}" />
      <div class="row">
        <p><label for="q-quarter">${tr('dashboard.quarter')}</label><select id="q-quarter" name="quarter">${model.quarters.map((v) => html`<option value="${v}" ${attr('selected', v === lastQuarter)}>${v}</option>`)}</select></p>
        <p><label for="q-lang">${tr('dashboard.report_language')}</label><select id="q-lang" name="lang">${LANGUAGES.map((l) => html`<option value="${l}" ${attr('selected', l === model.lang)}>${tr(`common.language_${l}`)}</option>`)}</select></p>
      </div>
      <p><button type="submit">${tr('dashboard.quarterly_pdf')}</button> <button type="submit" class="secondary" formaction="/staff/dashboard/quarterly">${tr('dashboard.quarterly_html')}</button></p>
    </form>
    <p><a href="/staff/dashboard/public?unit=${encodeURIComponent(model.unit.id)}&amp;lang=${model.lang}">${tr('dashboard.public_link')}</a></p>
    ${model.canExportNational ? html`<p><a href="/staff/national-export?lang=${model.lang}">${tr('dashboard.national_link')}</a></p>` : ''}
  </section>`;
}
