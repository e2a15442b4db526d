import { LANGUAGES, type Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';

export interface LinkUnit {
  id: string;
  name: string;
  context: string | null;
}

export interface SurveyLinks {
  surveyTitle: string;
  code: string;
  webUrl: string;
  qrUrl: string;
  channels: string[];
}

export interface LinksPageModel {
  lang: Language;
  viewer: StaffViewer | null;
  query: string;
  matches: LinkUnit[] | undefined;
  truncated: boolean;
  selected: { unit: LinkUnit; surveys: SurveyLinks[] } | undefined;
}

function surveyRow(lang: Language, s: SurveyLinks): SafeHtml {
  const tr = t(lang);
  return html`<tr>
    <th scope="row">${s.surveyTitle}</th>
    <td><a href="${s.webUrl}">${s.webUrl}</a></td>
    <td><a href="${s.qrUrl}">${s.qrUrl}</a></td>
    <td>
      <a href="/qr/${s.code}.svg?download=1" download>${tr('citizen.staff_links_svg')}</a><br />
      <a href="/qr/${s.code}.png?download=1" download>${tr('citizen.staff_links_png')}</a>
    </td>
    <td>
      <ul class="plain">
        ${LANGUAGES.map(
          (l) =>
            html`<li>
              <a href="/poster/${s.code}?lang=${l}" hreflang="${l}"
                >${tr('citizen.staff_links_poster', { language: t(l)(`common.language_${l}`) })}</a
              >
            </li>`,
        )}
      </ul>
    </td>
  </tr>`;
}

function selectedSection(model: LinksPageModel): SafeHtml | string {
  if (!model.selected) return '';
  const tr = t(model.lang);
  const { unit, surveys } = model.selected;
  const table =
    surveys.length === 0
      ? html`<p>${tr('citizen.staff_links_none')}</p>`
      : html`<table>
          <caption class="visually-hidden">
            ${tr('citizen.staff_links_caption', { unit: unit.name })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${tr('citizen.staff_links_survey')}</th>
              <th scope="col">${tr('citizen.staff_links_web')}</th>
              <th scope="col">${tr('citizen.staff_links_qr')}</th>
              <th scope="col">${tr('citizen.staff_links_qr_files')}</th>
              <th scope="col">${tr('citizen.staff_links_posters')}</th>
            </tr>
          </thead>
          <tbody>
            ${surveys.map((s) => surveyRow(model.lang, s))}
          </tbody>
        </table>`;
  return html`<h2 id="selected">${unit.name}</h2>
    ${unit.context ? html`<p>${unit.context}</p>` : ''} ${table}`;
}

export function renderLinksPage(model: LinksPageModel): SafeHtml {
  const tr = t(model.lang);
  const matches = model.matches;
  const list =
    matches === undefined
      ? ''
      : matches.length === 0
        ? html`<p>${tr('citizen.staff_links_no_units', { q: model.query })}</p>`
        : html`<h2>${tr('citizen.staff_links_units')}</h2>
            ${model.truncated ? html`<p>${tr('citizen.front_truncated', { count: matches.length })}</p>` : ''}
            <ul>
              ${matches.map(
                (u) =>
                  html`<li>
                    <a href="/staff/links?unit=${encodeURIComponent(u.id)}&amp;lang=${model.lang}"
                      >${u.name}</a
                    >${u.context ? ` (${u.context})` : ''}
                  </li>`,
              )}
            </ul>`;
  return staffPage({
    lang: model.lang,
    viewer: model.viewer,
    active: 'links',
    path: '/staff/links',
    title: tr('citizen.staff_links_title'),
    body: html`<h1>${tr('citizen.staff_links_title')}</h1>
      <p>${tr('citizen.staff_links_intro')}</p>
      <form method="get" action="/staff/links" role="search">
        <input type="hidden" name="lang" value="${model.lang}" />
        <label for="unit-q">${tr('citizen.staff_links_search')}</label>
        <input type="search" id="unit-q" name="q" value="${model.query}" maxlength="100" />
        <button type="submit">${tr('citizen.front_search_button')}</button>
      </form>
      ${list} ${selectedSection(model)}`,
  });
}
