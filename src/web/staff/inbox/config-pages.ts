// Coordinator pages of the inbox: reply templates and routing rules.
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';
import { INBOX_CSS, TYPES, type UnitChoice } from './inbox-format.ts';

export interface TemplateView {
  key: string;
  language: Language;
  name: string;
  subject: string;
  body: string;
}

function templateForm(
  viewer: StaffViewer,
  lang: Language,
  tpl: TemplateView | null,
  index: number,
): SafeHtml {
  const tr = t(lang);
  const id = (field: string) => `tpl-${index}-${field}`;
  return html`<form method="post" action="/staff/inbox/templates" class="panel">
    ${csrfField(viewer)}
    ${
      tpl
        ? html`<h3>${tpl.name} (${tr(`inbox.language_${tpl.language}`)})</h3>
            <input type="hidden" name="key" value="${tpl.key}" />
            <input type="hidden" name="language" value="${tpl.language}" />`
        : html`<h3>${tr('inbox.template_new')}</h3>
            <p>
              <label for="${id('key')}">${tr('inbox.template_key')}</label>
              <input id="${id('key')}" name="key" type="text" required pattern="[a-z0-9_-]{1,40}" />
            </p>
            <p>
              <label for="${id('language')}">${tr('inbox.field_language')}</label>
              <select id="${id('language')}" name="language">
                ${(['fi', 'sv', 'en'] as const).map(
                  (l) => html`<option value="${l}">${tr(`inbox.language_${l}`)}</option>`,
                )}
              </select>
            </p>`
    }
    <p>
      <label for="${id('name')}">${tr('inbox.template_name')}</label>
      <input id="${id('name')}" name="name" type="text" value="${tpl?.name ?? ''}" required />
    </p>
    <p>
      <label for="${id('subject')}">${tr('inbox.reply_subject')}</label>
      <input id="${id('subject')}" name="subject" type="text" value="${tpl?.subject ?? ''}" required />
    </p>
    <p>
      <label for="${id('body')}">${tr('inbox.reply_body')}</label>
      <textarea id="${id('body')}" name="body" rows="10" lang="${tpl?.language ?? lang}" required>
${tpl?.body ?? ''}</textarea
      >
    </p>
    <p><button type="submit">${tr('inbox.save')}</button></p>
  </form>`;
}

export function templatesPage(data: {
  lang: Language;
  viewer: StaffViewer;
  templates: TemplateView[];
  canEdit: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}): SafeHtml {
  const tr = t(data.lang);
  const body = html`<p><a href="/staff/inbox">${tr('inbox.back_to_list')}</a></p>
    <h1>${tr('inbox.templates_title')}</h1>
    ${data.notice ? html`<p class="notice" role="status">${tr(`inbox.notice_${data.notice}`)}</p>` : ''}
    ${data.error ? html`<p class="error-box" role="alert">${data.error}</p>` : ''}
    <p>${tr('inbox.templates_intro')}</p>
    <p><code>{{reference}}</code>, <code>{{date}}</code>, <code>{{unit}}</code>, <code>{{handler}}</code>,
      <code>{{tracking_url}}</code></p>
    ${
      data.canEdit
        ? html`${data.templates.map((tpl, i) => templateForm(data.viewer, data.lang, tpl, i))}
          ${templateForm(data.viewer, data.lang, null, data.templates.length)}`
        : html`<p>${tr('inbox.templates_read_only')}</p>
            ${data.templates.map(
              (tpl) => html`<h2>${tpl.name} (${tr(`inbox.language_${tpl.language}`)})</h2>
                <p><strong>${tpl.subject}</strong></p>
                <p class="item-text">${tpl.body}</p>`,
            )}`
    }`;
  return staffPage({
    lang: data.lang,
    title: tr('inbox.templates_title'),
    body,
    viewer: data.viewer,
    active: 'inbox',
    path: '/staff/inbox/templates',
    extraCss: INBOX_CSS,
  });
}

export interface RuleView {
  id: string;
  position: number;
  feedbackType: string | null;
  serviceAreaLabel: string | null;
  targetLabel: string;
}

export function rulesPage(data: {
  lang: Language;
  viewer: StaffViewer;
  rules: RuleView[];
  units: UnitChoice[];
  serviceAreas: UnitChoice[];
  notice?: string | undefined;
  error?: string | undefined;
}): SafeHtml {
  const tr = t(data.lang);
  const body = html`<p><a href="/staff/inbox">${tr('inbox.back_to_list')}</a></p>
    <h1>${tr('inbox.rules_title')}</h1>
    ${data.notice ? html`<p class="notice" role="status">${tr(`inbox.notice_${data.notice}`)}</p>` : ''}
    ${data.error ? html`<p class="error-box" role="alert">${data.error}</p>` : ''}
    <p>${tr('inbox.rules_intro')}</p>
    ${
      data.rules.length === 0
        ? html`<p>${tr('inbox.rules_empty')}</p>`
        : html`<table class="inbox">
            <caption class="visually-hidden">${tr('inbox.rules_title')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">${tr('inbox.field_type')}</th>
                <th scope="col">${tr('inbox.rule_service_area')}</th>
                <th scope="col">${tr('inbox.rule_target')}</th>
                <th scope="col"><span class="visually-hidden">${tr('inbox.remove_rule')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${data.rules.map(
                (r) => html`<tr>
                  <td>${r.position}</td>
                  <td>${r.feedbackType ? tr(`inbox.type_${r.feedbackType}`) : tr('inbox.any')}</td>
                  <td>${r.serviceAreaLabel ?? tr('inbox.any')}</td>
                  <td>${r.targetLabel}</td>
                  <td>
                    <form method="post" action="/staff/inbox/rules/${r.id}/delete" class="inline">
                      ${csrfField(data.viewer)}
                      <button type="submit" class="secondary small">
                        ${tr('inbox.remove_rule')}<span class="visually-hidden"> ${r.position}</span>
                      </button>
                    </form>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
    }
    <form method="post" action="/staff/inbox/rules" class="panel">
      ${csrfField(data.viewer)}
      <h2>${tr('inbox.rule_new')}</h2>
      <p>
        <label for="rule-type">${tr('inbox.field_type')}</label>
        <select id="rule-type" name="type">
          <option value="">${tr('inbox.any')}</option>
          ${TYPES.map((type) => html`<option value="${type}">${tr(`inbox.type_${type}`)}</option>`)}
        </select>
      </p>
      <p>
        <label for="rule-area">${tr('inbox.rule_service_area')}</label>
        <select id="rule-area" name="service_area">
          <option value="">${tr('inbox.any')}</option>
          ${data.serviceAreas.map((u) => html`<option value="${u.id}">${u.label}</option>`)}
        </select>
      </p>
      <p>
        <label for="rule-target">${tr('inbox.rule_target')}</label>
        <select id="rule-target" name="target">
          ${data.units.map((u) => html`<option value="${u.id}">${u.label}</option>`)}
        </select>
      </p>
      <p><button type="submit">${tr('inbox.add_rule')}</button></p>
    </form>`;
  return staffPage({
    lang: data.lang,
    title: tr('inbox.rules_title'),
    body,
    viewer: data.viewer,
    active: 'inbox',
    path: '/staff/inbox/rules',
    extraCss: INBOX_CSS,
  });
}
