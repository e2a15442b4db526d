import type { Language } from '../../../shared/languages.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { Translate } from '../../../shared/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, staffPage, type StaffViewer } from '../layout.ts';
import { fieldId, localized } from './format.ts';
import {
  BASE_LANGUAGES,
  editableGroups,
  editLanguages,
  type FieldError,
  type FieldLabel,
  type FormBody,
  type TextField,
} from './survey-edit.form.ts';

const NAMED_LANGUAGES = ['fi', 'sv', 'en', 'fi-plain', 'sv-plain', 'se', 'smn', 'sms'];

function languageName(tr: Translate, lang: string): string {
  return NAMED_LANGUAGES.includes(lang) ? tr(`surveys.lang_${lang}`) : lang;
}

const label = (tr: Translate, l: FieldLabel) => tr(l.key, l.params);

export function describeFieldError(tr: Translate, error: FieldError): string {
  return tr(`surveys.problem_${error.problem}`, {
    field: `${label(tr, error.group)} – ${label(tr, error.label)} (${languageName(tr, error.language)})`,
  });
}

function textInput(
  tr: Translate,
  f: TextField,
  lang: string,
  value: string,
  error: FieldError | undefined,
): SafeHtml {
  const name = `${f.base}.${lang}`;
  const id = fieldId(name);
  const required = !f.optional && (BASE_LANGUAGES as readonly string[]).includes(lang);
  const described = error ? `${id}-error` : '';
  const common = html`id="${id}" name="${name}" lang="${lang.split('-')[0] ?? lang}"
  ${attr('required', required)} ${attr('aria-invalid', Boolean(error), 'true')}
  ${attr('aria-describedby', Boolean(error), described)}`;
  return html`<div>
    <label for="${id}">${languageName(tr, lang)}${required ? ` (${tr('surveys.required')})` : ''}</label>
    ${error ? html`<p class="field-error" id="${described}">${describeFieldError(tr, error)}</p>` : ''}
    ${
      f.multiline
        ? html`<textarea ${common} rows="3" maxlength="2000">${value}</textarea>`
        : html`<input type="text" ${common} maxlength="2000" value="${value}" />`
    }
  </div>`;
}

export function surveyEditPage(options: {
  lang: Language;
  viewer: StaffViewer;
  surveyId: string;
  /** The version being edited: its structure decides the fields. */
  definition: SurveyDefinition;
  version: number;
  /** What the user typed, when the form comes back with errors. */
  submitted?: FormBody;
  note?: string;
  fieldErrors?: FieldError[];
  /** Errors that belong to no single field (a conflict, a rule of the service). */
  formErrors?: string[];
}): SafeHtml {
  const { lang, definition } = options;
  const tr = t(lang);
  const languages = editLanguages(definition);
  const errors = options.fieldErrors ?? [];
  const errorFor = (name: string) => errors.find((e) => e.field === name);
  const valueOf = (f: TextField, l: string): string => {
    const typed = options.submitted?.[`${f.base}.${l}`];
    if (typed !== undefined) return Array.isArray(typed) ? (typed[0] ?? '') : typed;
    return f.get(definition)?.[l] ?? '';
  };
  const groups = editableGroups(definition).map(
    (group) =>
      html`<fieldset>
        <legend>${label(tr, group.legend)}</legend>
        ${group.fields.map(
          (f) =>
            html`<fieldset>
              <legend>${label(tr, f.label)}${f.optional ? ` (${tr('surveys.optional')})` : ''}</legend>
              ${languages.map((l) => textInput(tr, f, l, valueOf(f, l), errorFor(`${f.base}.${l}`)))}
            </fieldset>`,
        )}
      </fieldset>`,
  );
  const summaryItems = [
    ...(options.formErrors ?? []).map((message) => html`<li>${message}</li>`),
    ...errors.map((e) => html`<li><a href="#${fieldId(e.field)}">${describeFieldError(tr, e)}</a></li>`),
  ];
  const title = tr('surveys.edit_title', { title: localized(definition.title, lang) });
  const action = `/staff/surveys/${options.surveyId}/edit?lang=${lang}`;
  const body = html`<p>
      <a href="/staff/surveys/${options.surveyId}?lang=${lang}">${tr('surveys.back_to_survey')}</a>
    </p>
    <h1>${title}</h1>
    ${
      summaryItems.length > 0
        ? html`<div class="error-summary" role="alert">
            <h2>${tr('surveys.errors_heading')}</h2>
            <ul>
              ${summaryItems}
            </ul>
          </div>`
        : ''
    }
    <p class="notice">${tr('surveys.edit_intro', { version: options.version })}</p>
    <p class="hint">${tr('surveys.edit_languages_hint')}</p>
    <form method="post" action="${action}" novalidate>
      ${csrfField(options.viewer)}
      <input type="hidden" name="expectedVersion" value="${options.version}" />
      ${groups}
      <label for="f-note">${tr('surveys.field_note')}</label>
      <p class="hint" id="f-note-hint">${tr('surveys.field_note_hint')}</p>
      <textarea id="f-note" name="note" rows="2" maxlength="1000" aria-describedby="f-note-hint">
${options.note ?? ''}</textarea>
      <p><button type="submit">${tr('surveys.save_version')}</button></p>
    </form>`;
  return staffPage({
    lang,
    title,
    body,
    viewer: options.viewer,
    active: 'surveys',
    path: `/staff/surveys/${options.surveyId}/edit`,
  });
}
