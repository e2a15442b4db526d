import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { page } from '../../ui/layout.ts';
import { FEEDBACK_CSS } from './feedback-styles.ts';

// The open feedback form. Works without script: choosing the unit is a search form of its own (GET) whose results
// are links back to this page with ?unit=ID, and the feedback itself is one multipart POST. With script a live
// counter tells how many characters are left (feedback-script.ts).

export const TYPES = ['praise', 'question', 'idea', 'complaint', 'accessibility', 'other'] as const;
export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 5000;
export const MAX_IMAGES = 3;
export const MAX_IMAGE_MB = 5;

export interface UnitChoice {
  id: string;
  name: string;
  /** The parent's name, to tell two "Health station" hits apart. */
  context: string | null;
}

export interface FeedbackFormValues {
  type: string;
  description: string;
  name: string;
  email: string;
  phone: string;
  wantsReply: boolean;
}

export const EMPTY_FEEDBACK_VALUES: FeedbackFormValues = {
  type: '',
  description: '',
  name: '',
  email: '',
  phone: '',
  wantsReply: false,
};

export interface FormError {
  field: string;
  message: string;
}

export interface FeedbackFormModel {
  lang: Language;
  submissionId: string;
  values: FeedbackFormValues;
  unit: UnitChoice | null;
  /** The unit search as typed, and its hits (undefined: no search made). */
  unitQuery: string;
  unitResults: UnitChoice[] | undefined;
  errors: FormError[];
}

const FIELD_IDS: Record<string, string> = {
  type: 'type-praise',
  unitId: 'unit-search',
  description: 'description',
  'contact.name': 'c-name',
  'contact.email': 'c-email',
  'contact.phone': 'c-phone',
  wantsReply: 'wants-reply',
  attachments: 'attachments',
};

export function fieldAnchor(field: string): string {
  return FIELD_IDS[field.replace(/\.\d+$/, '')] ?? 'feedback-form';
}

function errorsFor(model: FeedbackFormModel, field: string): FormError[] {
  return model.errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`));
}

function fieldError(id: string, errors: FormError[], lang: Language): SafeHtml | string {
  if (errors.length === 0) return '';
  const tr = t(lang);
  return html`<p class="field-error" id="${id}-error">
    ${errors.map((e) => html`<span class="visually-hidden">${tr('feedback.error_prefix')}</span> ${e.message}<br />`)}
  </p>`;
}

function describedBy(id: string, hints: string[], errors: FormError[]): SafeHtml {
  const ids = [...hints, ...(errors.length > 0 ? [`${id}-error`] : [])];
  return attr('aria-describedby', ids.length > 0, ids.join(' '));
}

function errorSummary(model: FeedbackFormModel): SafeHtml | string {
  if (model.errors.length === 0) return '';
  const tr = t(model.lang);
  // autofocus brings focus (and a screen reader) to the summary after the round trip, without any script.
  return html`<div class="error-summary" id="errors" tabindex="-1" autofocus aria-labelledby="errors-title">
    <h2 id="errors-title">${tr('feedback.errors_title')}</h2>
    <ul>
      ${model.errors.map((e) => html`<li><a href="#${fieldAnchor(e.field)}">${e.message}</a></li>`)}
    </ul>
  </div>`;
}

function unitSection(model: FeedbackFormModel): SafeHtml {
  const tr = t(model.lang);
  const lang = model.lang;
  const chosen = model.unit
    ? html`<p class="chosen" id="unit-chosen">
        ${tr('feedback.unit_chosen')} <strong>${model.unit.name}</strong>${
          model.unit.context ? html` <span class="context">(${model.unit.context})</span>` : ''
        }
        <a href="/feedback?lang=${lang}">${tr('feedback.unit_clear')}</a>
      </p>`
    : html`<p class="chosen" id="unit-chosen">${tr('feedback.unit_none_chosen')}</p>`;
  const unitErrors = errorsFor(model, 'unitId');
  const results =
    model.unitResults === undefined
      ? ''
      : model.unitResults.length === 0
        ? html`<p role="status">${tr('feedback.unit_no_results', { q: model.unitQuery })}</p>`
        : html`<p role="status">${tr('feedback.unit_results', { count: model.unitResults.length })}</p>
            <ul class="unit-results">
              ${model.unitResults.map(
                (u) =>
                  html`<li>
                    <a href="/feedback?lang=${lang}&amp;unit=${encodeURIComponent(u.id)}"
                      >${u.name}${u.context ? html` <span class="context">(${u.context})</span>` : ''}</a
                    >
                  </li>`,
              )}
            </ul>`;
  return html`<section aria-labelledby="unit-title" class="unit-box">
    <h2 id="unit-title">${tr('feedback.unit_title')}</h2>
    ${chosen} ${fieldError('unit-search', unitErrors, lang)}
    <form method="get" action="/feedback" role="search" aria-label="${tr('feedback.unit_search_label')}">
      <input type="hidden" name="lang" value="${lang}" />
      <label for="unit-search">${tr('feedback.unit_search_label')}</label>
      <p class="hint" id="unit-search-hint">${tr('feedback.unit_search_hint')}</p>
      <div class="search">
        <input
          type="search"
          id="unit-search"
          name="q"
          value="${model.unitQuery}"
          maxlength="100"
          ${describedBy('unit-search', ['unit-search-hint'], unitErrors)}
        />
        <button type="submit" class="secondary">${tr('feedback.unit_search_button')}</button>
      </div>
    </form>
    ${results}
  </section>`;
}

function typeFieldset(model: FeedbackFormModel): SafeHtml {
  const tr = t(model.lang);
  const errors = errorsFor(model, 'type');
  return html`<fieldset ${describedBy('type', [], errors)}>
    <legend>${tr('feedback.type_legend')} <span class="req">${tr('feedback.required')}</span></legend>
    ${fieldError('type', errors, model.lang)}
    <ul class="choices stack">
      ${TYPES.map(
        (type) =>
          html`<li>
            <label for="type-${type}"
              ><input
                type="radio"
                id="type-${type}"
                name="type"
                value="${type}"
                ${attr('checked', model.values.type === type)}
                ${attr('aria-invalid', errors.length > 0, 'true')}
              />
              <span
                ><strong>${tr(`feedback.type_${type}`)}</strong>
                <span class="hint-inline">${tr(`feedback.type_${type}_hint`)}</span></span
              ></label
            >
          </li>`,
      )}
    </ul>
  </fieldset>`;
}

function descriptionField(model: FeedbackFormModel): SafeHtml {
  const tr = t(model.lang);
  const errors = errorsFor(model, 'description');
  return html`<div class="field">
    <label for="description" class="q"
      >${tr('feedback.description_label')} <span class="req">${tr('feedback.required')}</span></label
    >
    <p class="hint" id="description-hint">
      ${tr('feedback.description_hint', { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX })}
    </p>
    <p class="warn" id="description-warning">${tr('feedback.identity_code_warning')}</p>
    ${fieldError('description', errors, model.lang)}
    <textarea
      id="description"
      name="description"
      rows="8"
      maxlength="${DESCRIPTION_MAX}"
      data-min="${DESCRIPTION_MIN}"
      data-counter="description-counter"
      ${describedBy('description', ['description-hint', 'description-warning'], errors)}
      ${attr('aria-invalid', errors.length > 0, 'true')}
    >
${model.values.description}</textarea
    >
    <p
      class="counter"
      id="description-counter"
      aria-live="polite"
      data-template="${tr('feedback.counter', { count: '{count}', max: DESCRIPTION_MAX })}"
      data-short="${tr('feedback.counter_short', { min: DESCRIPTION_MIN })}"
      hidden
    ></p>
  </div>`;
}

function imagesField(model: FeedbackFormModel): SafeHtml {
  const tr = t(model.lang);
  const errors = errorsFor(model, 'attachments');
  return html`<div class="field">
    <label for="attachments" class="q">${tr('feedback.images_label')}</label>
    <p class="hint" id="attachments-hint">
      ${tr('feedback.images_hint', { max: MAX_IMAGES, mb: MAX_IMAGE_MB })}
    </p>
    ${fieldError('attachments', errors, model.lang)}
    ${model.errors.length > 0 ? html`<p class="hint">${tr('feedback.images_again')}</p>` : ''}
    <input
      type="file"
      id="attachments"
      name="attachments"
      multiple
      accept="image/jpeg,image/png,image/webp"
      ${describedBy('attachments', ['attachments-hint'], errors)}
      ${attr('aria-invalid', errors.length > 0, 'true')}
    />
  </div>`;
}

const CONTACT_INPUTS = [
  { field: 'contact.name', id: 'c-name', name: 'name', type: 'text', autocomplete: 'name' },
  { field: 'contact.email', id: 'c-email', name: 'email', type: 'email', autocomplete: 'email' },
  { field: 'contact.phone', id: 'c-phone', name: 'phone', type: 'tel', autocomplete: 'tel' },
] as const;

function contactFieldset(model: FeedbackFormModel): SafeHtml {
  const tr = t(model.lang);
  const replyErrors = errorsFor(model, 'wantsReply');
  const inputs = CONTACT_INPUTS.map((input) => {
    const errors = errorsFor(model, input.field);
    return html`<label for="${input.id}">${tr(`feedback.contact_${input.name}`)}</label>
      ${fieldError(input.id, errors, model.lang)}
      <input
        id="${input.id}"
        name="${input.name}"
        type="${input.type}"
        autocomplete="${input.autocomplete}"
        maxlength="${input.name === 'email' ? 254 : input.name === 'phone' ? 40 : 200}"
        value="${model.values[input.name]}"
        ${describedBy(input.id, [], errors)}
        ${attr('aria-invalid', errors.length > 0, 'true')}
      />`;
  });
  return html`<fieldset id="contact" aria-describedby="contact-hint">
    <legend>${tr('feedback.contact_legend')}</legend>
    <p class="hint" id="contact-hint">${tr('feedback.contact_hint')}</p>
    ${inputs} ${fieldError('wants-reply', replyErrors, model.lang)}
    <label for="wants-reply" class="check"
      ><input
        type="checkbox"
        id="wants-reply"
        name="wantsReply"
        value="yes"
        ${attr('checked', model.values.wantsReply)}
        ${describedBy('wants-reply', [], replyErrors)}
        ${attr('aria-invalid', replyErrors.length > 0, 'true')}
      />
      ${tr('feedback.wants_reply')}</label
    >
  </fieldset>`;
}

function signpost(lang: Language): SafeHtml {
  const tr = t(lang);
  return html`<aside class="notice" aria-labelledby="signpost-title">
    <h2 id="signpost-title">${tr('feedback.signpost_title')}</h2>
    <p>${tr('feedback.signpost_objection')}</p>
    <p>${tr('feedback.signpost_authority')}</p>
  </aside>`;
}

export function renderFeedbackForm(model: FeedbackFormModel): SafeHtml {
  const tr = t(model.lang);
  const lang = model.lang;
  const title = tr('feedback.form_title');
  const unitParam = model.unit ? `&unit=${encodeURIComponent(model.unit.id)}` : '';
  const body = html`${errorSummary(model)}
    <h1>${title}</h1>
    <p>${tr('feedback.form_intro')}</p>
    ${signpost(lang)} ${unitSection(model)}
    <form
      method="post"
      action="/feedback?lang=${lang}"
      enctype="multipart/form-data"
      id="feedback-form"
      novalidate
    >
      <h2>${tr('feedback.form_section')}</h2>
      <input type="hidden" name="submissionId" value="${model.submissionId}" />
      <input type="hidden" name="unit" value="${model.unit?.id ?? ''}" />
      ${typeFieldset(model)} ${descriptionField(model)} ${imagesField(model)} ${contactFieldset(model)}
      <h2>${tr('feedback.privacy_title')}</h2>
      <p id="privacy">${tr('feedback.privacy_body')}</p>
      <button type="submit">${tr('feedback.submit')}</button>
    </form>
    <script src="/feedback/form.js" defer></script>`;
  return page({
    lang,
    title: model.errors.length > 0 ? `${tr('feedback.error_prefix')} ${title}` : title,
    body,
    languageHref: (l) => `/feedback?lang=${l}${unitParam}`,
    extraCss: FEEDBACK_CSS,
    mainClass: 'survey',
    // The form is a public service page worth finding; receipts and tracking pages stay out of search engines.
    robots: model.errors.length > 0 ? 'noindex' : 'index',
  });
}
