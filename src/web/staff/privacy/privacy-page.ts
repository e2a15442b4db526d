import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import {
  csrfField,
  errorSummary,
  staffPage,
  textInput,
  type FieldError,
  type StaffViewer,
} from '../layout.ts';

// /staff/privacy: retention periods per kind of data, and erasure of one person's contact details.
export interface PrivacyPageModel {
  lang: Language;
  viewer: StaffViewer;
  kinds: readonly string[];
  /** The form's values: days as typed, '' for "keep". */
  values: Record<string, string>;
  /** Which registered targets each kind covers (empty: nothing is purged for it yet). */
  targets: Record<string, readonly string[]>;
  errors: FieldError[];
  notice?: string;
  erasure?: { email: string; phone: string };
}

export function renderPrivacyPage(model: PrivacyPageModel): SafeHtml {
  const tr = t(model.lang);
  const q = `?lang=${model.lang}`;
  const body = html`<h1>${tr('privacy.title')}</h1>
    ${model.notice ? html`<p class="notice" role="status">${model.notice}</p>` : ''}
    ${errorSummary(tr('staff.error_summary_title'), model.errors)}
    <h2>${tr('privacy.retention_heading')}</h2>
    <p>${tr('privacy.retention_intro')}</p>
    <form method="post" action="/staff/privacy/retention${q}" novalidate>
      ${csrfField(model.viewer)}
      ${model.kinds.map(
        (kind) =>
          html`${textInput({
            id: `days_${kind}`,
            label: tr(`privacy.kind_${kind}`),
            value: model.values[kind] ?? '',
            hint: `${tr(`privacy.kind_${kind}_hint`)} ${
              (model.targets[kind] ?? []).length > 0
                ? tr('privacy.covers', { targets: (model.targets[kind] ?? []).join(', ') })
                : tr('privacy.covers_nothing')
            }`,
            errors: model.errors,
          })}`,
      )}
      <button type="submit">${tr('privacy.save_retention')}</button>
    </form>
    <h2>${tr('privacy.erasure_heading')}</h2>
    <p>${tr('privacy.erasure_intro')}</p>
    <form method="post" action="/staff/privacy/erasure${q}" novalidate>
      ${csrfField(model.viewer)}
      ${textInput({ id: 'email', label: tr('privacy.erasure_email'), type: 'email', value: model.erasure?.email ?? '', autocomplete: 'off', errors: model.errors })}
      ${textInput({ id: 'phone', label: tr('privacy.erasure_phone'), value: model.erasure?.phone ?? '', autocomplete: 'off', errors: model.errors })}
      <button type="submit">${tr('privacy.erase')}</button>
    </form>`;
  return staffPage({
    lang: model.lang,
    title: tr('privacy.title'),
    body,
    viewer: model.viewer,
    active: 'privacy',
    path: '/staff/privacy',
  });
}
