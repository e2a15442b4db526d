import type { Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../../ui/html.ts';
import { csrfField, errorSummary, staffPage, type FieldError, type StaffViewer } from '../layout.ts';

export interface AssessmentPageModel {
  lang: Language;
  viewer: StaffViewer;
  visitId: string;
  /** The client's language and whether they answered: the thank-you is shown to them before the hand-back. */
  client: { lang: Language; answered: boolean } | undefined;
  values: { onTime?: string; affectedBy?: string; note?: string };
  errors: FieldError[];
}

const ON_TIME = ['yes', 'partly', 'no'] as const;
const AFFECTED_BY = ['nothing', 'timing', 'lack_of_time', 'other'] as const;
const CSS = `.choices label{display:flex;gap:.6rem;align-items:center;min-height:48px;padding:.25rem .5rem;border:1px solid #767676;border-radius:6px;margin:.35rem 0}.choices input{width:1.4rem;height:1.4rem}.thanks{font-size:1.4rem;border-left:6px solid #1e6b2f;background:#eef7ef;padding:.75rem 1rem}`;

function radios(
  name: string,
  legend: string,
  options: readonly string[],
  model: AssessmentPageModel,
  chosen?: string,
) {
  const tr = t(model.lang);
  const error = model.errors.find((e) => e.field === `hc-${name}`);
  return html`<fieldset id="hc-${name}" ${attr('aria-describedby', Boolean(error), `hc-${name}-error`)}>
    <legend>${legend}</legend>
    ${error ? html`<p class="field-error" id="hc-${name}-error">${error.message}</p>` : ''}
    <div class="choices">
      ${options.map(
        (o) =>
          html`<label for="hc-${name}-${o}"
            ><input type="radio" id="hc-${name}-${o}" name="${name}" value="${o}" ${attr('checked', chosen === o)} />
            ${tr(`homecare.${name}_${o}`)}</label
          >`,
      )}
    </div>
  </fieldset>`;
}

export function renderAssessmentPage(model: AssessmentPageModel): SafeHtml {
  const tr = t(model.lang);
  const thanks = model.client
    ? html`<p class="thanks" role="status" lang="${model.client.lang}">
        ${t(model.client.lang)(model.client.answered ? 'homecare.client_thanks' : 'homecare.client_thanks_declined')}
      </p>`
    : '';
  const body = html`${thanks}
    <h1>${tr('homecare.assessment_title')}</h1>
    <p>${tr('homecare.assessment_intro')}</p>
    ${errorSummary(tr('homecare.error_summary'), model.errors)}
    <form method="post" action="/staff/home-care/visits/${model.visitId}/assessment" novalidate>
      ${csrfField(model.viewer)}
      ${radios('on_time', tr('homecare.on_time_legend'), ON_TIME, model, model.values.onTime)}
      ${radios('affected_by', tr('homecare.affected_by_legend'), AFFECTED_BY, model, model.values.affectedBy)}
      <p>
        <label for="hc-note">${tr('homecare.note_label')}</label>
        <span class="hint" id="hc-note-hint">${tr('homecare.note_hint')}</span>
        <textarea id="hc-note" name="note" rows="3" maxlength="1000" aria-describedby="hc-note-hint">
${model.values.note ?? ''}</textarea
        >
      </p>
      <p><button type="submit">${tr('homecare.assessment_save')}</button></p>
    </form>`;
  return staffPage({
    lang: model.lang,
    title: tr('homecare.assessment_title'),
    body,
    viewer: model.viewer,
    active: 'home-care',
    path: `/staff/home-care/visits/${model.visitId}/assessment`,
    extraCss: CSS,
  });
}
