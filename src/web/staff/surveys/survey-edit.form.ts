import type { LocalizedText, Question, SurveyDefinition } from '../../../shared/survey-definition.ts';

type Recommendation = Extract<Question, { type: 'recommendation' }>;
type Choice = Extract<Question, { type: 'single_choice' | 'multiple_choice' }>;

// The edit form changes texts only (structure edits would need rules a form cannot explain). Field names are
// `<base>.<language>`, e.g. `q.smooth.text.fi-plain`; the same descriptors render the form and read it back.

export const BASE_LANGUAGES = ['fi', 'sv', 'en'] as const;
const DEFAULT_EXTRA_LANGUAGES = ['fi-plain', 'sv-plain'];
const TEXT_MAX = 2000;

export type FieldLabel = { key: string; params?: Record<string, string | number> };

export interface TextField {
  base: string;
  label: FieldLabel;
  optional: boolean;
  multiline: boolean;
  get(definition: SurveyDefinition): LocalizedText | undefined;
  set(definition: SurveyDefinition, value: LocalizedText | undefined): void;
}

export interface FieldGroup {
  legend: FieldLabel;
  fields: TextField[];
}

export interface FieldError {
  /** The input's name, e.g. `title.sv`. */
  field: string;
  group: FieldLabel;
  label: FieldLabel;
  language: string;
  problem: 'required' | 'too_long' | 'partial';
}

export type FormBody = Record<string, string | string[] | undefined>;

function field(
  base: string,
  label: FieldLabel,
  get: TextField['get'],
  set: TextField['set'],
  options: { optional?: boolean; multiline?: boolean } = {},
): TextField {
  return {
    base,
    label,
    get,
    set,
    optional: options.optional ?? false,
    multiline: options.multiline ?? false,
  };
}

/** Every editable text of a definition, grouped as the form shows them. */
export function editableGroups(definition: SurveyDefinition): FieldGroup[] {
  const general: FieldGroup = {
    legend: { key: 'surveys.group_general' },
    fields: [
      field(
        'title',
        { key: 'surveys.field_title' },
        (d) => d.title,
        (d, v) => v && (d.title = v),
      ),
      field(
        'intro',
        { key: 'surveys.field_intro' },
        (d) => d.intro,
        (d, v) => {
          if (v) d.intro = v;
          else delete d.intro;
        },
        {
          optional: true,
          multiline: true,
        },
      ),
      field(
        'thankYou',
        { key: 'surveys.field_thank_you' },
        (d) => d.thankYou,
        (d, v) => v && (d.thankYou = v),
        {
          multiline: true,
        },
      ),
    ],
  };
  const scales: FieldGroup = {
    legend: { key: 'surveys.group_scales' },
    fields: [
      ...definition.scales.agreement.labels.map((_, i) =>
        field(
          `scales.agreement.${i}`,
          { key: 'surveys.field_agreement_label', params: { value: i + 1 } },
          (d) => d.scales.agreement.labels[i],
          (d, v) => v && (d.scales.agreement.labels[i] = v),
        ),
      ),
      field(
        'scales.cantSay',
        { key: 'surveys.field_cant_say' },
        (d) => d.scales.agreement.cantSay,
        (d, v) => v && (d.scales.agreement.cantSay = v),
      ),
      ...definition.scales.smiley.labels.map((_, i) =>
        field(
          `scales.smiley.${i}`,
          { key: 'surveys.field_smiley_label', params: { value: i + 1 } },
          (d) => d.scales.smiley.labels[i],
          (d, v) => v && (d.scales.smiley.labels[i] = v),
        ),
      ),
    ],
  };
  const questions = definition.questions.map((question, qi): FieldGroup => {
    const q = (d: SurveyDefinition) => d.questions[qi] as Question;
    const fields: TextField[] = [
      field(
        `q.${question.id}.text`,
        { key: 'surveys.field_question_text' },
        (d) => q(d).text,
        (d, v) => v && (q(d).text = v),
        {
          multiline: true,
        },
      ),
      field(
        `q.${question.id}.help`,
        { key: 'surveys.field_help' },
        (d) => q(d).help,
        (d, v) => {
          if (v) q(d).help = v;
          else delete q(d).help;
        },
        {
          optional: true,
          multiline: true,
        },
      ),
    ];
    if (question.type === 'recommendation') {
      const r = (d: SurveyDefinition) => q(d) as Recommendation;
      fields.push(
        field(
          `q.${question.id}.lowLabel`,
          { key: 'surveys.field_low_label' },
          (d) => r(d).lowLabel,
          (d, v) => v && (r(d).lowLabel = v),
        ),
        field(
          `q.${question.id}.highLabel`,
          { key: 'surveys.field_high_label' },
          (d) => r(d).highLabel,
          (d, v) => v && (r(d).highLabel = v),
        ),
      );
    }
    if (question.type === 'single_choice' || question.type === 'multiple_choice') {
      question.options.forEach((option, oi) => {
        const o = (d: SurveyDefinition) => (q(d) as Choice).options[oi];
        fields.push(
          field(
            `q.${question.id}.option.${option.id}`,
            { key: 'surveys.field_option', params: { option: option.id } },
            (d) => o(d)?.label,
            (d, v) => {
              const target = o(d);
              if (v && target) target.label = v;
            },
          ),
        );
      });
    }
    return {
      legend: { key: 'surveys.group_question', params: { number: qi + 1, id: question.id } },
      fields,
    };
  });
  return [general, scales, ...questions];
}

/** fi, sv, en, the plain-language variants, and any other language the definition already has (e.g. Sámi). */
export function editLanguages(definition: SurveyDefinition): string[] {
  const found = new Set<string>();
  for (const group of editableGroups(definition)) {
    for (const f of group.fields) for (const key of Object.keys(f.get(definition) ?? {})) found.add(key);
  }
  const fixed: string[] = [...BASE_LANGUAGES, ...DEFAULT_EXTRA_LANGUAGES];
  return [...fixed, ...[...found].filter((lang) => !fixed.includes(lang)).sort()];
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Applies the submitted texts to a copy of `previous`; fields that were not submitted keep their text. */
export function applyTextEdits(
  previous: SurveyDefinition,
  body: FormBody,
): { definition: SurveyDefinition; errors: FieldError[] } {
  const definition = structuredClone(previous);
  const languages = editLanguages(previous);
  const errors: FieldError[] = [];
  for (const group of editableGroups(previous)) {
    for (const f of group.fields) {
      const before = f.get(previous);
      const next: Record<string, string> = {};
      for (const lang of languages) {
        const submitted = first(body[`${f.base}.${lang}`]);
        const value = (submitted === undefined ? before?.[lang] : submitted)?.trim() ?? '';
        if (value.length > TEXT_MAX) {
          errors.push({
            field: `${f.base}.${lang}`,
            group: group.legend,
            label: f.label,
            language: lang,
            problem: 'too_long',
          });
        }
        if (value) next[lang] = value;
      }
      const filled = Object.keys(next).length > 0;
      for (const lang of BASE_LANGUAGES) {
        if (next[lang] || (f.optional && !filled)) continue;
        const problem = f.optional ? 'partial' : 'required';
        errors.push({
          field: `${f.base}.${lang}`,
          group: group.legend,
          label: f.label,
          language: lang,
          problem,
        });
      }
      f.set(definition, filled ? (next as LocalizedText) : undefined);
    }
  }
  return { definition, errors };
}
