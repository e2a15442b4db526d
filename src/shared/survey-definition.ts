import { Type, type Static } from '@sinclair/typebox';

// A survey version's content is data (stored as jsonb in survey_versions.definition), validated by this schema
// on every write. Question ids are stable across versions: reports join on them.

/** Text in several languages: fi, sv and en are required; other keys allow Sámi ('se', 'smn', 'sms') and
 * plain-language variants ('fi-plain', 'sv-plain'). */
export const LocalizedText = Type.Intersect([
  Type.Object({
    fi: Type.String({ minLength: 1, maxLength: 2000 }),
    sv: Type.String({ minLength: 1, maxLength: 2000 }),
    en: Type.String({ minLength: 1, maxLength: 2000 }),
  }),
  Type.Record(
    Type.String({ pattern: '^[a-z]{2,3}(-plain)?$' }),
    Type.String({ minLength: 1, maxLength: 2000 }),
  ),
]);
export type LocalizedText = Static<typeof LocalizedText>;

const QuestionId = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });
const OptionId = Type.String({ pattern: '^[a-z0-9][a-z0-9_]{0,39}$' });

const base = {
  id: QuestionId,
  text: LocalizedText,
  help: Type.Optional(LocalizedText),
  required: Type.Optional(Type.Boolean()),
};

export const RecommendationQuestion = Type.Object({
  ...base,
  type: Type.Literal('recommendation'),
  lowLabel: LocalizedText,
  highLabel: LocalizedText,
});

export const StatementQuestion = Type.Object({
  ...base,
  type: Type.Literal('statement'),
  /** Whether "can't say" is offered; it is stored as 'cant_say' and left out of every denominator. */
  allowCantSay: Type.Boolean(),
});

export const SmileyQuestion = Type.Object({ ...base, type: Type.Literal('smiley') });

export const ChoiceOption = Type.Object({ id: OptionId, label: LocalizedText });

/** What a choice question's answer also means: copied to a response column used for breakdowns. */
export const QuestionRole = Type.Union([Type.Literal('respondent_type'), Type.Literal('age_group')]);

export const SingleChoiceQuestion = Type.Object({
  ...base,
  type: Type.Literal('single_choice'),
  options: Type.Array(ChoiceOption, { minItems: 2, maxItems: 30 }),
  role: Type.Optional(QuestionRole),
});

export const MultipleChoiceQuestion = Type.Object({
  ...base,
  type: Type.Literal('multiple_choice'),
  options: Type.Array(ChoiceOption, { minItems: 2, maxItems: 30 }),
  maxSelections: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const FreeTextQuestion = Type.Object({
  ...base,
  type: Type.Literal('free_text'),
  maxLength: Type.Integer({ minimum: 1, maximum: 5000 }),
});

export const Question = Type.Union([
  RecommendationQuestion,
  StatementQuestion,
  SmileyQuestion,
  SingleChoiceQuestion,
  MultipleChoiceQuestion,
  FreeTextQuestion,
]);
export type Question = Static<typeof Question>;
export type QuestionType = Question['type'];

export const SurveyDefinition = Type.Object({
  title: LocalizedText,
  intro: Type.Optional(LocalizedText),
  thankYou: LocalizedText,
  /** 'adult' for 13+, 'child' for the 7–12 set (smileys, simpler words). */
  audience: Type.Union([Type.Literal('adult'), Type.Literal('child')]),
  scales: Type.Object({
    /** The five statement labels from "fully disagree" (1) to "fully agree" (5), and "can't say". */
    agreement: Type.Object({
      labels: Type.Array(LocalizedText, { minItems: 5, maxItems: 5 }),
      cantSay: LocalizedText,
    }),
    /** The four smiley faces from the unhappiest (1) to the happiest (4): no neutral face. */
    smiley: Type.Object({ labels: Type.Array(LocalizedText, { minItems: 4, maxItems: 4 }) }),
  }),
  questions: Type.Array(Question, { minItems: 1, maxItems: 60 }),
});
export type SurveyDefinition = Static<typeof SurveyDefinition>;

/** An answer as it travels in POST /api/v1/responses: a number, 'cant_say', an option id, ids, or text. */
export const AnswerValue = Type.Union([
  Type.Integer({ minimum: 0, maximum: 10 }),
  Type.Literal('cant_say'),
  Type.String({ maxLength: 5000 }),
  Type.Array(OptionId, { maxItems: 30 }),
  Type.Null(),
]);
export type AnswerValue = Static<typeof AnswerValue>;

export const RESPONDENT_TYPES = ['client', 'relative', 'assisted', 'child'] as const;
export type RespondentType = (typeof RESPONDENT_TYPES)[number];
