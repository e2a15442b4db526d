import type { Question, SurveyDefinition } from './survey-definition.ts';

// Checks a submission's answers against the survey version it answers, and derives the stored form. Shared by
// the server (the one intake) and the survey page, so both reject exactly the same things.

export type AnswerProblemCode =
  | 'no_answers'
  | 'unknown_question'
  | 'required'
  | 'invalid_type'
  | 'out_of_range'
  | 'invalid_option'
  | 'duplicate_option'
  | 'too_many_selections'
  | 'too_long';

export interface AnswerProblem {
  /** The question the problem is about; '' for the submission as a whole (no_answers). */
  questionId: string;
  code: AnswerProblemCode;
}

/** A stored non-text answer: a score, 'cant_say', an option id or option ids. */
export type StoredAnswer = number | string | string[];

export interface StoredAnswers {
  /** Every answered question except free text, which is stored apart (and redacted) as `texts`. */
  answers: Record<string, StoredAnswer>;
  recommendation: number | null;
  respondentType: string | null;
  ageGroup: string | null;
  texts: { questionId: string; text: string }[];
}

/** null, '', whitespace and [] all mean "not answered": forms send empty fields. */
export function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

// Text goes to PostgreSQL: NUL and other control characters (bar tab and newline) and lone surrogates are
// rejected by text and jsonb columns, so they are removed here rather than turning into a server error.
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSTORABLE, '').normalize('NFC').trim();
}

function scaleProblem(value: unknown, min: number, max: number): AnswerProblemCode | undefined {
  if (typeof value !== 'number') return 'invalid_type';
  return Number.isInteger(value) && value >= min && value <= max ? undefined : 'out_of_range';
}

function optionIds(question: Question): Set<string> {
  return new Set('options' in question ? question.options.map((o) => o.id) : []);
}

function problemOf(question: Question, value: unknown): AnswerProblemCode | undefined {
  switch (question.type) {
    case 'recommendation':
      return scaleProblem(value, 0, 10);
    case 'smiley':
      return scaleProblem(value, 1, 4);
    case 'statement':
      if (value === 'cant_say') return question.allowCantSay ? undefined : 'out_of_range';
      return scaleProblem(value, 1, 5);
    case 'single_choice':
      if (typeof value !== 'string') return 'invalid_type';
      return optionIds(question).has(value) ? undefined : 'invalid_option';
    case 'multiple_choice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return 'invalid_type';
      const valid = optionIds(question);
      if (value.some((v: string) => !valid.has(v))) return 'invalid_option';
      if (new Set(value).size !== value.length) return 'duplicate_option';
      return value.length > (question.maxSelections ?? valid.size) ? 'too_many_selections' : undefined;
    }
    case 'free_text':
      if (typeof value !== 'string') return 'invalid_type';
      return cleanText(value).length > question.maxLength ? 'too_long' : undefined;
  }
}

/** Every problem with the answers, in question order; an empty list means they may be stored. */
export function validateAnswers(
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(definition.questions.map((q) => q.id));
  for (const questionId of Object.keys(answers)) {
    if (!known.has(questionId)) problems.push({ questionId, code: 'unknown_question' });
  }
  let answered = 0;
  for (const question of definition.questions) {
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (!isAnswered(value)) {
      if (question.required) problems.push({ questionId: question.id, code: 'required' });
      continue;
    }
    answered++;
    const code = problemOf(question, value);
    if (code) problems.push({ questionId: question.id, code });
  }
  if (answered === 0 && problems.length === 0) problems.push({ questionId: '', code: 'no_answers' });
  return problems;
}

/** The stored form of answers that passed validateAnswers(). Free text is cleaned but not yet redacted. */
export function deriveStoredAnswers(
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
): StoredAnswers {
  const stored: StoredAnswers = {
    answers: {},
    recommendation: null,
    respondentType: null,
    ageGroup: null,
    texts: [],
  };
  for (const question of definition.questions) {
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (!isAnswered(value)) continue;
    if (question.type === 'free_text') {
      stored.texts.push({ questionId: question.id, text: cleanText(value as string) });
      continue;
    }
    stored.answers[question.id] = value as StoredAnswer;
    if (question.type === 'recommendation' && stored.recommendation === null)
      stored.recommendation = value as number;
    if (question.type === 'single_choice' && question.role === 'respondent_type')
      stored.respondentType = value as string;
    if (question.type === 'single_choice' && question.role === 'age_group') stored.ageGroup = value as string;
  }
  // The children's set has no "who answered" question: its audience says it.
  if (stored.respondentType === null && definition.audience === 'child') stored.respondentType = 'child';
  return stored;
}
