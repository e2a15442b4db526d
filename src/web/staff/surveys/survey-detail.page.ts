import type { Channel } from '../../../shared/channels.ts';
import type { Language } from '../../../shared/languages.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';
import { formatDateTime, localized } from './format.ts';

export interface SurveyDetailView {
  id: string;
  slug: string;
  template: string | null;
  version: number;
  definition: SurveyDefinition;
}

export interface VersionRowView {
  version: number;
  note: string | null;
  createdAt: Date;
  current: boolean;
}

export interface PublicationRowView {
  id: string;
  unitId: string;
  unitName: string | null;
  includeSubtree: boolean;
  channels: Channel[];
  createdAt: Date;
  endedAt: Date | null;
  canEnd: boolean;
}

export type DetailNotice = 'saved' | 'published' | 'ended';

export function surveyDetailPage(options: {
  lang: Language;
  viewer: StaffViewer;
  survey: SurveyDetailView;
  versions: VersionRowView[];
  publications: PublicationRowView[];
  canEdit: boolean;
  notice?: DetailNotice;
}): SafeHtml {
  const { lang, survey } = options;
  const tr = t(lang);
  const title = localized(survey.definition.title, lang);
  const base = `/staff/surveys/${survey.id}`;
  const questions = survey.definition.questions.map(
    (q, i) =>
      html`<tr>
        <td>${i + 1}</td>
        <td><code>${q.id}</code></td>
        <td>${tr(`surveys.type_${q.type}`)}</td>
        <td>${localized(q.text, lang)}</td>
      </tr>`,
  );
  const versions = options.versions.map(
    (v) =>
      html`<tr>
        <td>${v.version}${v.current ? html` <strong>(${tr('surveys.current')})</strong>` : ''}</td>
        <td>${formatDateTime(v.createdAt, lang)}</td>
        <td>${v.note ?? (v.version === 1 && survey.template ? tr('surveys.note_built_in') : '–')}</td>
      </tr>`,
  );
  const publications = options.publications.map(
    (p) =>
      html`<tr>
        <td>${p.unitName ?? p.unitId} <code>${p.unitId}</code></td>
        <td>${p.includeSubtree ? tr('surveys.subtree_yes') : tr('surveys.subtree_no')}</td>
        <td>${p.channels.map((c) => tr(`surveys.channel_${c}`)).join(', ')}</td>
        <td>${formatDateTime(p.createdAt, lang)}</td>
        <td>
          ${
            p.endedAt
              ? tr('surveys.publication_ended_at', { date: formatDateTime(p.endedAt, lang) })
              : p.canEnd
                ? html`<form
                    class="inline"
                    method="post"
                    action="${base}/publications/${p.id}/end?lang=${lang}"
                  >
                    ${csrfField(options.viewer)}
                    <button class="secondary" type="submit">
                      ${tr('surveys.end_publication')}<span class="visually-hidden"
                        >: ${p.unitName ?? p.unitId}</span
                      >
                    </button>
                  </form>`
                : tr('surveys.publication_live')
          }
        </td>
      </tr>`,
  );
  const body = html`<p><a href="/staff/surveys?lang=${lang}">${tr('surveys.back_to_list')}</a></p>
    <h1>${title}</h1>
    ${
      options.notice
        ? html`<p class="notice" role="status">
            ${tr(`surveys.notice_${options.notice}`, { version: survey.version })}
          </p>`
        : ''
    }
    <dl>
      <dt>${tr('surveys.col_slug')}</dt>
      <dd><code>${survey.slug}</code></dd>
      <dt>${tr('surveys.col_kind')}</dt>
      <dd>
        ${survey.template ? tr('surveys.built_in_from', { template: survey.template }) : tr('surveys.own_survey')}
      </dd>
      <dt>${tr('surveys.current_version')}</dt>
      <dd>${survey.version}</dd>
    </dl>
    <p>
      ${options.canEdit ? html`<a class="button" href="${base}/edit?lang=${lang}">${tr('surveys.edit_texts')}</a>` : ''}
      <a class="button secondary" href="${base}/publish?lang=${lang}">${tr('surveys.publish')}</a>
    </p>
    <h2>${tr('surveys.questions')}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">${tr('surveys.col_question_id')}</th>
          <th scope="col">${tr('surveys.col_question_type')}</th>
          <th scope="col">${tr('surveys.col_question_text')}</th>
        </tr>
      </thead>
      <tbody>
        ${questions}
      </tbody>
    </table>
    <h2>${tr('surveys.version_history')}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">${tr('surveys.col_version')}</th>
          <th scope="col">${tr('surveys.col_saved')}</th>
          <th scope="col">${tr('surveys.col_note')}</th>
        </tr>
      </thead>
      <tbody>
        ${versions}
      </tbody>
    </table>
    <h2>${tr('surveys.publications')}</h2>
    ${
      options.publications.length === 0
        ? html`<p>${tr('surveys.no_publications')}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${tr('surveys.col_unit')}</th>
                <th scope="col">${tr('surveys.col_subtree')}</th>
                <th scope="col">${tr('surveys.col_channels')}</th>
                <th scope="col">${tr('surveys.col_published')}</th>
                <th scope="col">${tr('surveys.col_status')}</th>
              </tr>
            </thead>
            <tbody>
              ${publications}
            </tbody>
          </table>`
    }`;
  return staffPage({ lang, title, body, viewer: options.viewer, active: 'surveys', path: base });
}
