import type { Language } from '../../../shared/languages.ts';
import type { LocalizedText } from '../../../shared/survey-definition.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { staffPage, type StaffViewer } from '../layout.ts';
import { localized } from './format.ts';

export interface SurveyListItemView {
  id: string;
  slug: string;
  template: string | null;
  title: LocalizedText | null;
  version: number | null;
  archived: boolean;
}

export function surveyListPage(options: {
  lang: Language;
  viewer: StaffViewer;
  surveys: SurveyListItemView[];
}): SafeHtml {
  const { lang } = options;
  const tr = t(lang);
  const rows = options.surveys.map(
    (s) =>
      html`<tr>
        <td><a href="/staff/surveys/${s.id}?lang=${lang}">${localized(s.title, lang) || s.slug}</a></td>
        <td><code>${s.slug}</code></td>
        <td>${s.template ? tr('surveys.built_in') : tr('surveys.own_survey')}</td>
        <td>${s.version ?? '–'}</td>
        <td>${s.archived ? tr('surveys.status_archived') : tr('surveys.status_active')}</td>
      </tr>`,
  );
  const body = html`<h1>${tr('surveys.list_title')}</h1>
    <p>${tr('surveys.list_intro')}</p>
    ${
      options.surveys.length === 0
        ? html`<p>${tr('surveys.list_empty')}</p>`
        : html`<table>
            <caption class="visually-hidden">
              ${tr('surveys.list_title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${tr('surveys.col_title')}</th>
                <th scope="col">${tr('surveys.col_slug')}</th>
                <th scope="col">${tr('surveys.col_kind')}</th>
                <th scope="col">${tr('surveys.col_version')}</th>
                <th scope="col">${tr('surveys.col_status')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }`;
  return staffPage({
    lang,
    title: tr('surveys.list_title'),
    body,
    viewer: options.viewer,
    active: 'surveys',
    path: '/staff/surveys',
  });
}
