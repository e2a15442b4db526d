import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { staffPage, textInput, type StaffViewer } from '../layout.ts';

// /staff/audit: the global administrators' search over the audit log, with a CSV download of the same filter.
export interface AuditRowView {
  id: number;
  at: Date;
  actorEmail: string | null;
  actorName: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilterView {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

export interface AuditPageModel {
  lang: Language;
  viewer: StaffViewer;
  filter: AuditFilterView;
  rows: readonly AuditRowView[];
  /** The id to continue from for older entries, when there are more. */
  olderBefore: number | null;
}

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

function formatTime(lang: Language, time: Date): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(time);
}

function query(filter: AuditFilterView, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...filter, ...extra }).filter(([, v]) => v !== '');
  return new URLSearchParams(entries).toString();
}

export function renderAuditPage(model: AuditPageModel): SafeHtml {
  const tr = t(model.lang);
  const f = model.filter;
  const body = html`<h1>${tr('access.audit_title')}</h1>
    <p>${tr('access.audit_intro')}</p>
    <form method="get" action="/staff/audit">
      <input type="hidden" name="lang" value="${model.lang}" />
      <fieldset>
        <legend>${tr('access.audit_filter')}</legend>
        ${textInput({ id: 'actor', label: tr('access.audit_actor'), value: f.actor, hint: tr('access.audit_actor_hint'), errors: [] })}
        ${textInput({ id: 'action', label: tr('access.audit_action'), value: f.action, hint: tr('access.audit_action_hint'), errors: [] })}
        ${textInput({ id: 'targetType', label: tr('access.audit_target_type'), value: f.targetType, errors: [] })}
        ${textInput({ id: 'targetId', label: tr('access.audit_target_id'), value: f.targetId, errors: [] })}
        ${textInput({ id: 'from', label: tr('access.audit_from'), type: 'date', value: f.from, errors: [] })}
        ${textInput({ id: 'to', label: tr('access.audit_to'), type: 'date', value: f.to, errors: [] })}
        <button type="submit">${tr('access.audit_search')}</button>
      </fieldset>
    </form>
    <p><a href="/staff/audit/export.csv?${query(f)}">${tr('access.audit_export')}</a></p>
    <table>
      <caption>
        ${tr('access.audit_results', { count: model.rows.length })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${tr('access.audit_col_time')}</th>
          <th scope="col">${tr('access.audit_col_actor')}</th>
          <th scope="col">${tr('access.audit_col_action')}</th>
          <th scope="col">${tr('access.audit_col_target')}</th>
          <th scope="col">${tr('access.audit_col_details')}</th>
        </tr>
      </thead>
      <tbody>
        ${model.rows.map(
          (r) => html`<tr>
            <td>${formatTime(model.lang, r.at)}</td>
            <td>
              ${r.actorName ?? (r.actorId ? r.actorId : tr('access.audit_system'))}
              ${r.actorEmail ? html`<br /><span class="hint">${r.actorEmail}</span>` : ''}
            </td>
            <td><code>${r.action}</code></td>
            <td>${r.targetType}${r.targetId ? html`<br /><code>${r.targetId}</code>` : ''}</td>
            <td><code>${JSON.stringify(r.details)}</code></td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${
      model.olderBefore === null
        ? ''
        : html`<p>
          <a href="/staff/audit?${query(f, { before: String(model.olderBefore), lang: model.lang })}"
            >${tr('access.audit_older')}</a
          >
        </p>`
    }`;
  return staffPage({
    lang: model.lang,
    title: tr('access.audit_title'),
    body,
    viewer: model.viewer,
    active: 'audit',
    path: '/staff/audit',
  });
}
