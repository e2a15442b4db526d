// Staff page for a unit's public results: links to the public page and the embed, the snippet to paste into the
// organisation's own web pages, and the "what we changed based on feedback" entries (add and remove).
import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, errorSummary, staffPage, type FieldError, type StaffViewer } from '../layout.ts';

export interface PublicPageModel {
  lang: Language;
  viewer: StaffViewer;
  unit: { id: string; name: string };
  publicUrl: string;
  changes: { id: string; date: string; text: string }[];
  canChange: boolean;
  errors: FieldError[];
  values: { fi: string; sv: string; en: string; date: string };
  notice: string | null;
}

export function embedSnippet(publicUrl: string, unitId: string, lang: Language, title: string): string {
  const src = `${publicUrl}/results/unit/${encodeURIComponent(unitId)}/embed?lang=${lang}`;
  return `<iframe src="${src}" title="${title.replace(/"/g, '&quot;')}" width="100%" height="640" style="border:0" loading="lazy"></iframe>`;
}

function textarea(id: string, label: string, value: string, errors: FieldError[]): SafeHtml {
  const message = errors.find((e) => e.field === id)?.message;
  return html`<p><label for="${id}">${label}</label>${message ? html`<span class="field-error" id="${id}-error">${message}</span>` : ''}
    <textarea id="${id}" name="${id}" maxlength="1000" rows="3" ${message ? html`aria-describedby="${id}-error" aria-invalid="true"` : ''}>${value}</textarea></p>`;
}

export function renderPublicPage(model: PublicPageModel): SafeHtml {
  const tr = t(model.lang);
  const unitPath = `/results/unit/${encodeURIComponent(model.unit.id)}`;
  const snippet = embedSnippet(
    model.publicUrl,
    model.unit.id,
    model.lang,
    tr('results.embed_title', { unit: model.unit.name }),
  );
  const form = model.canChange
    ? html`<h2 id="add">${tr('dashboard.changes_add')}</h2>
      ${errorSummary(tr('staff.error_summary_title'), model.errors)}
      <form method="post" action="/staff/dashboard/public/changes?unit=${encodeURIComponent(model.unit.id)}&amp;lang=${model.lang}">
        ${csrfField(model.viewer)}
        ${textarea('fi', tr('dashboard.changes_text_fi'), model.values.fi, model.errors)}
        ${textarea('sv', tr('dashboard.changes_text_sv'), model.values.sv, model.errors)}
        ${textarea('en', tr('dashboard.changes_text_en'), model.values.en, model.errors)}
        <p><label for="date">${tr('dashboard.changes_date')}</label><input id="date" name="date" type="date" value="${model.values.date}" required /></p>
        <p><button type="submit">${tr('dashboard.changes_save')}</button></p>
      </form>`
    : '';
  const body = html`<h1>${tr('dashboard.public_title', { unit: model.unit.name })}</h1>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''}
    <ul>
      <li><a href="${unitPath}?lang=${model.lang}">${tr('dashboard.public_open')}</a></li>
      <li><a href="${unitPath}/embed?lang=${model.lang}">${tr('dashboard.public_open_embed')}</a></li>
    </ul>
    <h2>${tr('dashboard.embed_title')}</h2>
    <p id="snippet-hint">${tr('dashboard.embed_hint')}</p>
    <p><label for="snippet">${tr('dashboard.embed_label')}</label>
      <textarea id="snippet" readonly rows="3" aria-describedby="snippet-hint">${snippet}</textarea></p>
    <h2>${tr('results.changes_title')}</h2>
    ${
      model.changes.length
        ? html`<ul class="changes">${model.changes.map(
            (c) =>
              html`<li><strong>${c.date}</strong> ${c.text}${
                model.canChange
                  ? html` <form class="inline" method="post" action="/staff/dashboard/public/changes/${c.id}/remove?unit=${encodeURIComponent(model.unit.id)}&amp;lang=${model.lang}">${csrfField(model.viewer)}<button class="secondary small" type="submit">${tr('dashboard.changes_remove')}<span class="visually-hidden">: ${c.date}</span></button></form>`
                  : ''
              }</li>`,
          )}</ul>`
        : html`<p>${tr('results.changes_none')}</p>`
    }
    ${form}`;
  return staffPage({
    lang: model.lang,
    title: tr('dashboard.public_title', { unit: model.unit.name }),
    body,
    viewer: model.viewer,
    active: 'dashboard',
    path: '/staff/dashboard/public',
    languageHref: (l) => `/staff/dashboard/public?unit=${encodeURIComponent(model.unit.id)}&lang=${l}`,
  });
}
