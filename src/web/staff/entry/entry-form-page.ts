import type { Language } from '../../../shared/languages.ts';
import type { Question, SurveyDefinition } from '../../../shared/survey-definition.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { localized } from '../../citizen/text.ts';
import { csrfField, errorSummary, staffPage, type FieldError, type StaffViewer } from '../layout.ts';
import { CANT_SAY_CODE, ENTRY_FIELD, codeRange, entryField, type EntryFieldError } from './entry-form.ts';

export interface EntryFormModel {
  lang: Language;
  viewer: StaffViewer | null;
  batch: {
    id: string;
    channel: 'paper' | 'oral';
    /** The language the forms are printed in: question texts are shown in it. */
    language: Language;
    label: string | null;
    formCount: number;
    closed: boolean;
  };
  surveyTitle: string;
  unitName: string;
  definition: SurveyDefinition;
  submissionId: string;
  values: Record<string, string>;
  errors: EntryFieldError[];
  /** The number of the form just saved, and whether it was saved before (a resend). */
  saved?: { formNumber: number; repeated: boolean };
}

export const entryInputId = (questionId: string): string => `e-${questionId}`;
export const ENTRY_CSS = `.entry-q{display:grid;grid-template-columns:minmax(0,1fr) 9rem;gap:.25rem 1rem;align-items:start;border-top:1px solid #ccc;padding:.5rem 0}.entry-q label{font-weight:600}.entry-q input{width:8rem;font-size:1.2rem}.entry-q textarea{grid-column:1/-1;width:100%}.entry-q .hint{grid-column:1;margin:0}.entry-q .field-error{grid-column:1/-1}.codes{margin:.2rem 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.1rem 1rem}.saved{border-left:6px solid #1e6b2f;background:#eef7ef;padding:.5rem 1rem}`;

function codesHint(question: Question, definition: SurveyDefinition, lang: Language, formLang: Language) {
  const tr = t(lang);
  const text = (x: Parameters<typeof localized>[0]) => localized(x, formLang);
  const range = codeRange(question);
  if (!range) return html``;
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    return html`<ul class="codes" lang="${formLang}">
      ${question.options.map((o, i) => html`<li>${i + 1} = ${text(o.label)}</li>`)}
    </ul>`;
  }
  if (question.type === 'statement' && question.allowCantSay)
    return html`${tr('entry.codes_statement', { cantSay: CANT_SAY_CODE })}
      <span lang="${formLang}">(${text(definition.scales.agreement.cantSay)})</span>`;
  return html`${tr('entry.codes_range', { min: range.min, max: range.max })}`;
}

function errorText(lang: Language, error: EntryFieldError, question: Question | undefined): string {
  const tr = t(lang);
  const range = question && codeRange(question);
  if (error.field === 'form' && error.code === 'invalid') return tr('entry.error_form');
  if (error.code === 'invalid' && question?.type === 'multiple_choice')
    return tr('entry.error_codes', { max: range?.max ?? 0 });
  if (error.code === 'invalid') return tr('entry.error_code', { min: range?.min ?? 0, max: range?.max ?? 0 });
  return tr(`entry.error_${error.code}`, error.params ?? {});
}

function questionRow(model: EntryFormModel, question: Question, index: number, first: boolean): SafeHtml {
  const { lang, batch, definition } = model;
  const id = entryInputId(question.id);
  const error = model.errors.find((e) => e.field === question.id);
  const described = [`${id}-codes`, error && `${id}-error`].filter(Boolean).join(' ');
  const value = model.values[question.id] ?? '';
  const label = html`<label for="${id}"
    >${index + 1}. <span lang="${batch.language}">${localized(question.text, batch.language)}</span></label
  >`;
  const errorLine = error
    ? html`<span class="field-error" id="${id}-error">${errorText(lang, error, question)}</span>`
    : '';
  if (question.type === 'free_text') {
    return html`<div class="entry-q">
      ${label}
      <p class="hint" id="${id}-codes">${t(lang)('entry.codes_text', { max: question.maxLength })}</p>
      ${errorLine}
      <textarea
        id="${id}"
        name="${entryField(question.id)}"
        rows="3"
        maxlength="${question.maxLength}"
        aria-describedby="${described}"
        ${attr('aria-invalid', Boolean(error), 'true')}
        ${attr('autofocus', first)}
      >
${value}</textarea
      >
    </div>`;
  }
  const multiple = question.type === 'multiple_choice';
  return html`<div class="entry-q">
    ${label}
    <input
      id="${id}"
      name="${entryField(question.id)}"
      type="text"
      inputmode="${multiple ? 'text' : 'numeric'}"
      autocomplete="off"
      maxlength="${multiple ? 90 : 2}"
      value="${value}"
      aria-describedby="${described}"
      ${attr('aria-invalid', Boolean(error), 'true')}
      ${attr('autofocus', first)}
    />
    <div class="hint" id="${id}-codes">${codesHint(question, definition, lang, batch.language)}</div>
    ${errorLine}
  </div>`;
}

export function renderEntryFormPage(model: EntryFormModel): SafeHtml {
  const tr = t(model.lang);
  const { batch } = model;
  const questions = model.definition.questions;
  const summary: FieldError[] = model.errors.map((e) => ({
    field: e.field === 'form' ? entryInputId(questions[0]!.id) : entryInputId(e.field),
    message: errorText(
      model.lang,
      e,
      questions.find((q) => q.id === e.field),
    ),
  }));
  const saved = model.saved
    ? html`<p class="saved" role="status">
        ${tr(model.saved.repeated ? 'entry.saved_again' : 'entry.saved', { number: model.saved.formNumber })}
      </p>`
    : html`<p role="status"></p>`;
  const heading = tr(batch.channel === 'paper' ? 'entry.form_title_paper' : 'entry.form_title_oral');
  const body = html`<h1>${heading}</h1>
    <p>
      ${model.surveyTitle} · ${model.unitName}${batch.label ? html` · ${batch.label}` : ''} ·
      ${tr('entry.form_count', { count: batch.formCount })}
    </p>
    ${saved} ${errorSummary(tr('entry.error_summary'), summary)}
    ${
      batch.closed
        ? html`<p>${tr('entry.batch_closed')}</p>`
        : html`<form method="post" action="/staff/entry/batches/${batch.id}" novalidate>
          ${csrfField(model.viewer)}
          <input type="hidden" name="${ENTRY_FIELD.submissionId}" value="${model.submissionId}" />
          <p class="hint">${tr('entry.keyboard_hint')}</p>
          ${questions.map((q, i) => questionRow(model, q, i, i === 0))}
          <p><button type="submit">${tr('entry.save_form')}</button></p>
        </form>`
    }
    <form method="post" action="/staff/entry/batches/${batch.id}/close">
      ${csrfField(model.viewer)}
      <p>
        ${batch.closed ? '' : html`<button class="secondary" type="submit">${tr('entry.close_batch')}</button>`}
        <a href="/staff/entry">${tr('entry.back_to_start')}</a>
      </p>
    </form>`;
  return staffPage({
    lang: model.lang,
    title: heading,
    body,
    viewer: model.viewer,
    active: 'entry',
    path: `/staff/entry/batches/${batch.id}`,
    extraCss: ENTRY_CSS,
  });
}
