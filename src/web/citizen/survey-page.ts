import type { Language } from '../../shared/languages.ts';
import type { SurveyDefinition } from '../../shared/survey-definition.ts';
import { t } from '../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../ui/html.ts';
import { page } from '../ui/layout.ts';
import { FIELD, type FieldError, type FormValues } from './answer-form.ts';
import { SURVEY_CSS } from './citizen-styles.ts';
import { firstInputId, renderQuestion } from './question-fields.ts';
import { smileyDefs } from './smiley.ts';
import { localized } from './text.ts';

export interface SurveyPageModel {
  lang: Language;
  plain: boolean;
  definition: SurveyDefinition;
  unitName: string;
  /** Where the form posts: the same short link, with the language (and plain=1) kept. */
  action: string;
  submissionId: string;
  values: FormValues;
  errors: FieldError[];
  languageHref: (lang: Language) => string;
  /** A link to the other language register (plain ↔ standard) when the survey has a plain variant. */
  registerHref?: string;
}

const CONTACT_INPUTS = [
  { field: FIELD.contactName, id: 'c-name', type: 'text', autocomplete: 'name', key: 'name' },
  { field: FIELD.contactEmail, id: 'c-email', type: 'email', autocomplete: 'email', key: 'email' },
  { field: FIELD.contactPhone, id: 'c-phone', type: 'tel', autocomplete: 'tel', key: 'phone' },
] as const;

export function errorMessage(lang: Language, error: FieldError): string {
  return error.message ?? t(lang)(`citizen.error_${error.code}`, error.params);
}

function contactFieldset(model: SurveyPageModel): SafeHtml {
  const tr = t(model.lang);
  const inputs = CONTACT_INPUTS.map((input) => {
    const error = model.errors.find((e) => e.field === input.field);
    const errorId = `${input.id}-error`;
    return html`<label for="${input.id}">${tr(`citizen.contact_${input.key}`)}</label>
      ${
        error
          ? html`<p class="field-error" id="${errorId}">
              <span class="visually-hidden">${tr('citizen.error_prefix')}</span>
              ${errorMessage(model.lang, error)}
            </p>`
          : ''
      }
      <input
        id="${input.id}"
        name="${input.field}"
        type="${input.type}"
        autocomplete="${input.autocomplete}"
        maxlength="200"
        value="${model.values.contact[input.key]}"
        ${attr('aria-invalid', Boolean(error), 'true')}
        ${attr('aria-describedby', Boolean(error), errorId)}
      />`;
  });
  return html`<fieldset id="contact" aria-describedby="contact-hint">
    <legend>${tr('citizen.contact_legend')}</legend>
    <p class="hint" id="contact-hint">${tr('citizen.contact_hint')}</p>
    ${inputs}
  </fieldset>`;
}

function anchorFor(model: SurveyPageModel, field: string): string {
  const contact = CONTACT_INPUTS.find((c) => c.field === field);
  if (contact) return contact.id;
  const questions = model.definition.questions;
  const question = questions.find((q) => q.id === field) ?? questions[0];
  return question ? firstInputId(question, model.definition) : 'main';
}

function errorSummary(model: SurveyPageModel): SafeHtml | string {
  if (model.errors.length === 0) return '';
  const tr = t(model.lang);
  const items = model.errors.map((error) => {
    const question = model.definition.questions.find((q) => q.id === error.field);
    const subject = question ? `${localized(question.text, model.lang, model.plain)}: ` : '';
    return html`<li>
      <a href="#${anchorFor(model, error.field)}">${subject}${errorMessage(model.lang, error)}</a>
    </li>`;
  });
  // autofocus moves focus (and a screen reader) to the summary after a round trip, without any script.
  return html`<div class="error-summary" id="errors" tabindex="-1" autofocus aria-labelledby="errors-title">
    <h2 id="errors-title">${tr('citizen.errors_title')}</h2>
    <ul>
      ${items}
    </ul>
  </div>`;
}

export function renderSurveyPage(model: SurveyPageModel): SafeHtml {
  const tr = t(model.lang);
  const { definition, lang, plain } = model;
  const title = localized(definition.title, lang, plain);
  const anyRequired = definition.questions.some((q) => q.required);
  const questions = definition.questions.map((question) =>
    renderQuestion(question, {
      lang,
      plain,
      definition,
      value: model.values.answers[question.id] ?? '',
      error: (() => {
        const error = model.errors.find((e) => e.field === question.id);
        return error && errorMessage(lang, error);
      })(),
    }),
  );
  const formError = model.errors.find((e) => e.field === 'form');
  const body = html`${errorSummary(model)}
    <h1>${title}</h1>
    <p class="unit">${tr('citizen.survey_unit', { unit: model.unitName })}</p>
    ${definition.intro ? html`<p>${localized(definition.intro, lang, plain)}</p>` : ''}
    <p class="notice">${tr('citizen.survey_privacy')}</p>
    <p>${anyRequired ? tr('citizen.some_required') : tr('citizen.all_optional')}</p>
    ${
      model.registerHref
        ? html`<p>
            <a href="${model.registerHref}"
              >${plain ? tr('citizen.standard_version') : tr('citizen.plain_version')}</a
            >
          </p>`
        : ''
    }
    ${definition.questions.some((q) => q.type === 'smiley') ? smileyDefs() : ''}
    <form method="post" action="${model.action}" novalidate>
      <input type="hidden" name="${FIELD.submissionId}" value="${model.submissionId}" />
      ${questions} ${contactFieldset(model)}
      ${formError ? html`<p class="field-error">${errorMessage(lang, formError)}</p>` : ''}
      <button type="submit">${tr('citizen.submit')}</button>
    </form>`;
  return page({
    lang,
    title: model.errors.length > 0 ? `${tr('citizen.error_prefix')} ${title}` : title,
    body,
    languageHref: model.languageHref,
    extraCss: SURVEY_CSS,
    mainClass: 'survey',
  });
}
