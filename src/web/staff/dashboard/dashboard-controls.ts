// The dashboard's GET form: period, grain and filters. Plain controls with labels; submitting reloads the page
// with the state in the query string, so it works without JavaScript and every result can be bookmarked.
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import type { DashboardModel } from './dashboard-model.ts';

function checks(
  name: string,
  legend: string,
  options: { value: string; label: string }[],
  selected: string[],
): SafeHtml {
  return html`<fieldset class="filter">
    <legend>${legend}</legend>
    <ul class="checks">
      ${options.map(
        (o) =>
          html`<li><label><input type="checkbox" name="${name}" value="${o.value}" ${attr('checked', selected.includes(o.value))} /> ${o.label}</label></li>`,
      )}
    </ul>
  </fieldset>`;
}

export function dashboardControls(model: DashboardModel): SafeHtml {
  const tr = t(model.lang);
  const q = model.query;
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}" ${attr('selected', value === current)}>${label}</option>`;
  const quarterOptions = model.quarters.includes(q.quarter) ? model.quarters : [q.quarter, ...model.quarters];
  const activeFilters = q.channel.length + q.rtype.length + q.language.length + q.age.length;
  return html`<form class="controls" method="get" action="/staff/dashboard">
    ${model.unit.id ? html`<input type="hidden" name="unit" value="${model.unit.id}" />` : ''}
    <input type="hidden" name="lang" value="${model.lang}" />
    <fieldset class="period">
      <legend>${tr('dashboard.period')}</legend>
      <div class="row">
        <p><label for="period">${tr('dashboard.period_kind')}</label>
          <select id="period" name="period">
            ${option('month', tr('dashboard.period_month'), q.period)}${option('quarter', tr('dashboard.period_quarter'), q.period)}${option('year', tr('dashboard.period_year'), q.period)}${option('custom', tr('dashboard.period_custom'), q.period)}
          </select></p>
        <p><label for="month">${tr('dashboard.month')}</label><input id="month" name="month" type="text" inputmode="numeric" pattern="\\d{4}-\\d{2}" value="${q.month}" aria-describedby="month-hint" /><span class="hint" id="month-hint">${tr('dashboard.month_hint')}</span></p>
        <p><label for="quarter">${tr('dashboard.quarter')}</label>
          <select id="quarter" name="quarter">${quarterOptions.map((v) => option(v, v, q.quarter))}</select></p>
        <p><label for="year">${tr('dashboard.year')}</label><input id="year" name="year" type="text" inputmode="numeric" pattern="\\d{4}" value="${q.year}" /></p>
        <p><label for="from">${tr('dashboard.from')}</label><input id="from" name="from" type="date" value="${q.from}" /></p>
        <p><label for="to">${tr('dashboard.to')}</label><input id="to" name="to" type="date" value="${q.to}" /></p>
        <p><label for="grain">${tr('dashboard.grain')}</label>
          <select id="grain" name="grain">${option('week', tr('dashboard.grain_week'), q.grain)}${option('month', tr('dashboard.grain_month'), q.grain)}${option('quarter', tr('dashboard.grain_quarter'), q.grain)}</select></p>
      </div>
    </fieldset>
    <details class="filters" ${attr('open', activeFilters > 0)}>
      <summary>${tr('dashboard.filters')}${activeFilters > 0 ? ` (${activeFilters})` : ''}</summary>
      <div class="row">
        ${checks('channel', tr('dashboard.filter_channel'), model.filterOptions.channels, q.channel)}
        ${checks('rtype', tr('dashboard.filter_respondent_type'), model.filterOptions.respondentTypes, q.rtype)}
        ${checks('language', tr('dashboard.filter_language'), model.filterOptions.languages, q.language)}
        ${checks('age', tr('dashboard.filter_age_group'), model.filterOptions.ageGroups, q.age)}
      </div>
    </details>
    <p><button type="submit">${tr('dashboard.apply')}</button> <a href="/staff/dashboard?unit=${encodeURIComponent(model.unit.id)}&amp;lang=${model.lang}">${tr('dashboard.reset')}</a></p>
  </form>`;
}
