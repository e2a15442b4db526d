import type { Language } from '../../shared/languages.ts';
import type { Question, SurveyDefinition } from '../../shared/survey-definition.ts';
import { t } from '../../i18n/index.ts';
import { attr, html, type SafeHtml } from '../ui/html.ts';
import { answerField } from './answer-form.ts';
import { smileyFace } from './smiley.ts';
import { localized } from './text.ts';

export interface QuestionContext {
  lang: Language;
  plain: boolean;
  definition: SurveyDefinition;
  value: string | string[];
  error: string | undefined;
}

export const questionDomId = (id: string): string => `q-${id}`;
const optionId = (questionId: string, value: string) => `q-${questionId}-${value}`;

interface Option {
  value: string;
  label: SafeHtml | string;
}

/** The options a question offers, in order: used by the renderer and to find the first input for error links. */
function optionsOf(question: Question, ctx: Omit<QuestionContext, 'value' | 'error'>): Option[] {
  const { lang, plain, definition } = ctx;
  const text = (x: Parameters<typeof localized>[0]) => localized(x, lang, plain);
  switch (question.type) {
    case 'recommendation':
      return Array.from({ length: 11 }, (_, n) => ({ value: String(n), label: String(n) }));
    case 'statement': {
      const scale = definition.scales.agreement;
      const options = scale.labels.map((label, i) => ({ value: String(i + 1), label: text(label) }));
      return question.allowCantSay
        ? [...options, { value: 'cant_say', label: text(scale.cantSay) }]
        : options;
    }
    case 'smiley':
      return definition.scales.smiley.labels.map((label, i) => ({
        value: String(i + 1),
        label: html`${smileyFace(i + 1)}<span>${text(label)}</span>`,
      }));
    case 'single_choice':
    case 'multiple_choice':
      return question.options.map((o) => ({ value: o.id, label: text(o.label) }));
    case 'free_text':
      return [];
  }
}

/** Where an error summary link should take the keyboard: the first input of the question. */
export function firstInputId(question: Question, definition: SurveyDefinition): string {
  const first = optionsOf(question, { lang: 'fi', plain: false, definition })[0];
  return first ? optionId(question.id, first.value) : questionDomId(question.id);
}

const GROUP_CLASS: Record<Question['type'], string> = {
  recommendation: 'choices scale',
  statement: 'choices stack',
  smiley: 'choices smiley',
  single_choice: 'choices stack',
  multiple_choice: 'choices stack',
  free_text: '',
};

function errorLine(id: string, message: string | undefined, lang: Language): SafeHtml | string {
  if (!message) return '';
  return html`<p class="field-error" id="${id}">
    <span class="visually-hidden">${t(lang)('citizen.error_prefix')}</span> ${message}
  </p>`;
}

function freeText(question: Extract<Question, { type: 'free_text' }>, ctx: QuestionContext): SafeHtml {
  const tr = t(ctx.lang);
  const id = questionDomId(question.id);
  const help = question.help ? localized(question.help, ctx.lang, ctx.plain) : undefined;
  const described = [help && `${id}-help`, `${id}-warn`, `${id}-limit`, ctx.error && `${id}-error`];
  return html`<div class="field">
    <label class="q" for="${id}">${localized(question.text, ctx.lang, ctx.plain)}</label>
    ${help ? html`<p class="hint" id="${id}-help">${help}</p>` : ''}
    <p class="hint warn" id="${id}-warn">${tr('citizen.text_warning')}</p>
    <p class="hint" id="${id}-limit">${tr('citizen.text_limit', { max: question.maxLength })}</p>
    ${errorLine(`${id}-error`, ctx.error, ctx.lang)}
    <textarea
      id="${id}"
      name="${answerField(question.id)}"
      rows="5"
      maxlength="${question.maxLength}"
      aria-describedby="${described.filter(Boolean).join(' ')}"
      ${attr('aria-invalid', Boolean(ctx.error), 'true')}
    >
${typeof ctx.value === 'string' ? ctx.value : ''}</textarea>
  </div>`;
}

export function renderQuestion(question: Question, ctx: QuestionContext): SafeHtml {
  if (question.type === 'free_text') return freeText(question, ctx);
  const tr = t(ctx.lang);
  const id = questionDomId(question.id);
  const text = (x: Parameters<typeof localized>[0]) => localized(x, ctx.lang, ctx.plain);
  const multiple = question.type === 'multiple_choice';
  const chosen = new Set(Array.isArray(ctx.value) ? ctx.value : [ctx.value]);
  const help = question.help ? text(question.help) : undefined;
  let extra: SafeHtml | string = '';
  if (question.type === 'recommendation') {
    extra = html`<p class="scale-ends" id="${id}-ends">
      <span>${tr('citizen.scale_end', { value: 0, label: text(question.lowLabel) })}</span>
      <span>${tr('citizen.scale_end', { value: 10, label: text(question.highLabel) })}</span>
    </p>`;
  } else if (multiple) {
    const max = question.maxSelections;
    extra = html`<p class="hint" id="${id}-many">
      ${max ? tr('citizen.choose_up_to', { max }) : tr('citizen.choose_many')}
    </p>`;
  }
  const described = [
    help && `${id}-help`,
    question.type === 'recommendation' && `${id}-ends`,
    multiple && `${id}-many`,
    ctx.error && `${id}-error`,
  ].filter(Boolean);
  const inputs = optionsOf(question, ctx).map(
    (o) =>
      html`<label for="${optionId(question.id, o.value)}"
        ><input
          type="${multiple ? 'checkbox' : 'radio'}"
          id="${optionId(question.id, o.value)}"
          name="${answerField(question.id)}"
          value="${o.value}"
          ${attr('checked', chosen.has(o.value))}
        />
        ${typeof o.label === 'string' ? html`<span>${o.label}</span>` : o.label}</label
      >`,
  );
  return html`<fieldset id="${id}" ${attr('aria-describedby', described.length > 0, described.join(' '))}>
    <legend>
      ${text(question.text)}${question.required ? html` <span class="req">${tr('citizen.required')}</span>` : ''}
    </legend>
    ${help ? html`<p class="hint" id="${id}-help">${help}</p>` : ''} ${extra}
    ${errorLine(`${id}-error`, ctx.error, ctx.lang)}
    <div class="${GROUP_CLASS[question.type]}">${inputs}</div>
  </fieldset>`;
}
