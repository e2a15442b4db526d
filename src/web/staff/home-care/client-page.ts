import type { Language } from '../../../shared/languages.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { t } from '../../../i18n/index.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { page } from '../../ui/layout.ts';
import { FIELD, type FieldError, type FormValues } from '../../citizen/answer-form.ts';
import { SURVEY_CSS } from '../../citizen/citizen-styles.ts';
import { renderQuestion } from '../../citizen/question-fields.ts';
import { smileyDefs } from '../../citizen/smiley.ts';
import { errorMessage } from '../../citizen/survey-page.ts';
import { localized } from '../../citizen/text.ts';
import { csrfField, type StaffViewer } from '../layout.ts';

// The client's screen on the staff member's phone: the citizen survey's own accessible question fields (large
// faces, no neutral one), in the client's language, and nothing about the staff member or other clients.
export interface ClientPageModel {
  lang: Language;
  viewer: StaffViewer;
  definition: SurveyDefinition;
  unitName: string;
  unitId: string;
  visitId: string;
  values: FormValues;
  errors: FieldError[];
  languageHref: (lang: Language) => string;
}

export function renderClientPage(model: ClientPageModel): SafeHtml {
  const tr = t(model.lang);
  const { definition, lang } = model;
  const title = localized(definition.title, lang);
  const questions = definition.questions.map((question) => {
    const error = model.errors.find((e) => e.field === question.id);
    return renderQuestion(question, {
      lang,
      plain: false,
      definition,
      value: model.values.answers[question.id] ?? '',
      error: error && errorMessage(lang, error),
    });
  });
  const body = html`<h1>${title}</h1>
    <p class="unit">${model.unitName}</p>
    <p class="notice">${tr('homecare.client_privacy')}</p>
    ${smileyDefs()}
    <form method="post" action="/staff/home-care/visit?lang=${lang}" novalidate>
      ${csrfField(model.viewer)}
      <input type="hidden" name="${FIELD.submissionId}" value="${model.visitId}" />
      <input type="hidden" name="unit" value="${model.unitId}" />
      ${questions}
      <button type="submit">${tr('citizen.submit')}</button>
      <button type="submit" class="secondary" name="declined" value="1">${tr('homecare.client_declined')}</button>
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
