import { LANGUAGES, type Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, errorSummary, staffPage, type FieldError, type StaffViewer } from '../layout.ts';

export interface EntryUnit {
  id: string;
  name: string;
  context: string | null;
}

export interface OfferedSurvey {
  surveyId: string;
  title: string;
  channels: ('paper' | 'oral')[];
}

export interface OwnBatch {
  id: string;
  title: string;
  unitName: string;
  channel: 'paper' | 'oral';
  label: string | null;
  formCount: number;
  createdAt: Date;
  closed: boolean;
}

export interface EntryStartModel {
  lang: Language;
  viewer: StaffViewer | null;
  query: string;
  matches: EntryUnit[] | undefined;
  selected: { unit: EntryUnit; surveys: OfferedSurvey[] } | undefined;
  batches: OwnBatch[];
  errors: FieldError[];
}

function unitSearch(model: EntryStartModel): SafeHtml {
  const tr = t(model.lang);
  const results =
    model.matches === undefined
      ? ''
      : model.matches.length === 0
        ? html`<p role="status">${tr('entry.no_units')}</p>`
        : html`<ul role="list">
            ${model.matches.map(
              (u) =>
                html`<li>
                  <a href="/staff/entry?unit=${encodeURIComponent(u.id)}">${u.name}</a>
                  ${u.context ? html`<span class="hint">(${u.context})</span>` : ''}
                </li>`,
            )}
          </ul>`;
  return html`<form method="get" action="/staff/entry" role="search">
      <p>
        <label for="q">${tr('entry.search_unit')}</label>
        <input id="q" name="q" type="search" value="${model.query}" autocomplete="off" />
        <button type="submit">${tr('entry.search')}</button>
      </p>
    </form>
    ${results}`;
}

function surveyBlock(model: EntryStartModel, unit: EntryUnit, survey: OfferedSurvey): SafeHtml {
  const tr = t(model.lang);
  const id = `s-${survey.surveyId}`;
  return html`<section aria-labelledby="${id}-title">
    <h3 id="${id}-title">${survey.title}</h3>
    <form method="post" action="/staff/entry/batches">
      ${csrfField(model.viewer)}
      <input type="hidden" name="survey" value="${survey.surveyId}" />
      <input type="hidden" name="unit" value="${unit.id}" />
      <fieldset>
        <legend>${tr('entry.channel')}</legend>
        ${survey.channels.map(
          (c, i) =>
            html`<label
              ><input type="radio" name="channel" value="${c}" ${i === 0 ? 'checked' : ''} />
              ${tr(`entry.channel_${c}`)}</label
            >`,
        )}
      </fieldset>
      <p>
        <label for="${id}-lang">${tr('entry.form_language')}</label>
        <select id="${id}-lang" name="language">
          ${LANGUAGES.map(
            (l) =>
              html`<option value="${l}" ${l === model.lang ? 'selected' : ''}>
                ${t(l)(`common.language_${l}`)}
              </option>`,
          )}
        </select>
      </p>
      <p>
        <label for="${id}-label">${tr('entry.batch_label')}</label>
        <span class="hint" id="${id}-label-hint">${tr('entry.batch_label_hint')}</span>
        <input id="${id}-label" name="label" type="text" maxlength="200" aria-describedby="${id}-label-hint" />
      </p>
      <p><button type="submit">${tr('entry.start_batch')}</button></p>
    </form>
    <p>${tr('entry.print_forms')}</p>
    <ul>
      ${LANGUAGES.map(
        (l) =>
          html`<li>
            <a
              href="/staff/entry/print?survey=${survey.surveyId}&amp;unit=${encodeURIComponent(unit.id)}&amp;lang=${l}"
              hreflang="${l}"
              >${tr('entry.print_html', { language: t(l)(`common.language_${l}`) })}</a
            >
            ·
            <a
              href="/staff/entry/print.pdf?survey=${survey.surveyId}&amp;unit=${encodeURIComponent(unit.id)}&amp;lang=${l}"
              hreflang="${l}"
              >${tr('entry.print_pdf', { language: t(l)(`common.language_${l}`) })}</a
            >
          </li>`,
      )}
    </ul>
  </section>`;
}

function batchTable(model: EntryStartModel): SafeHtml {
  const tr = t(model.lang);
  if (model.batches.length === 0) return html`<p>${tr('entry.no_batches')}</p>`;
  const date = new Intl.DateTimeFormat(model.lang, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Helsinki',
  });
  return html`<table>
    <caption class="visually-hidden">${tr('entry.own_batches')}</caption>
    <thead>
      <tr>
        <th scope="col">${tr('entry.col_started')}</th>
        <th scope="col">${tr('entry.col_survey')}</th>
        <th scope="col">${tr('entry.col_unit')}</th>
        <th scope="col">${tr('entry.channel')}</th>
        <th scope="col">${tr('entry.col_forms')}</th>
        <th scope="col">${tr('entry.col_state')}</th>
      </tr>
    </thead>
    <tbody>
      ${model.batches.map(
        (b) =>
          html`<tr>
            <td><a href="/staff/entry/batches/${b.id}">${date.format(b.createdAt)}</a></td>
            <td>${b.title}${b.label ? html`<br /><span class="hint">${b.label}</span>` : ''}</td>
            <td>${b.unitName}</td>
            <td>${tr(`entry.channel_${b.channel}`)}</td>
            <td>${b.formCount}</td>
            <td>${tr(b.closed ? 'entry.state_closed' : 'entry.state_open')}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function renderEntryStartPage(model: EntryStartModel): SafeHtml {
  const tr = t(model.lang);
  const selected = model.selected;
  const chosen = selected
    ? html`<h2>${selected.unit.name}</h2>
        ${
          selected.surveys.length === 0
            ? html`<p>${tr('entry.none_published')}</p>`
            : selected.surveys.map((s) => surveyBlock(model, selected.unit, s))
        }`
    : '';
  const body = html`<h1>${tr('entry.title')}</h1>
    <p>${tr('entry.intro')}</p>
    ${errorSummary(tr('entry.error_summary'), model.errors)}
    <h2>${tr('entry.own_batches')}</h2>
    ${batchTable(model)}
    <h2>${tr('entry.new_batch')}</h2>
    ${unitSearch(model)} ${chosen}`;
  return staffPage({
    lang: model.lang,
    title: tr('entry.title'),
    body,
    viewer: model.viewer,
    active: 'entry',
    path: '/staff/entry',
  });
}
