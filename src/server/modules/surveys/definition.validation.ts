import { Value } from '@sinclair/typebox/value';
import { SurveyDefinition, type LocalizedText } from '../../../shared/survey-definition.ts';

// The shared schema's record of extra languages accepts any key (a Record's pattern only applies to keys that
// match it), so the language keys are checked here: `fi`, `se`, `smn`, `fi-plain`, …
const LANGUAGE_KEY = /^[a-z]{2,3}(-plain)?$/;

export interface DefinitionProblem {
  /** JSON pointer into the definition, e.g. /questions/2/text/fi. */
  path: string;
  message: string;
}

/** Everything wrong with a definition: the TypeBox schema, then rules a schema cannot say (unique ids). */
export function definitionProblems(definition: unknown): DefinitionProblem[] {
  if (!Value.Check(SurveyDefinition, definition)) {
    // A union reports one error per branch; the first few per path are enough to act on.
    const seen = new Set<string>();
    const problems: DefinitionProblem[] = [];
    for (const error of Value.Errors(SurveyDefinition, definition)) {
      const key = `${error.path}|${error.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ path: error.path || '/', message: error.message });
      if (problems.length >= 50) break;
    }
    return problems;
  }
  const problems: DefinitionProblem[] = [];
  const questionIds = new Set<string>();
  definition.questions.forEach((question, index) => {
    if (questionIds.has(question.id)) {
      problems.push({ path: `/questions/${index}/id`, message: `duplicate question id ${question.id}` });
    }
    questionIds.add(question.id);
    if (question.type !== 'single_choice' && question.type !== 'multiple_choice') return;
    const optionIds = new Set<string>();
    question.options.forEach((option, optionIndex) => {
      if (optionIds.has(option.id)) {
        problems.push({
          path: `/questions/${index}/options/${optionIndex}/id`,
          message: `duplicate option id ${option.id}`,
        });
      }
      optionIds.add(option.id);
    });
    if (question.type === 'multiple_choice' && (question.maxSelections ?? 0) > question.options.length) {
      problems.push({
        path: `/questions/${index}/maxSelections`,
        message: 'maxSelections is larger than the number of options',
      });
    }
  });
  for (const [path, text] of localizedTexts(definition)) {
    for (const key of Object.keys(text)) {
      if (!LANGUAGE_KEY.test(key))
        problems.push({ path: `${path}/${key}`, message: `not a language code: ${key}` });
    }
  }
  const roles = definition.questions.flatMap((q) => (q.type === 'single_choice' && q.role ? [q.role] : []));
  for (const role of new Set(roles)) {
    if (roles.filter((r) => r === role).length > 1) {
      problems.push({ path: '/questions', message: `more than one question has the role ${role}` });
    }
  }
  return problems;
}

function* localizedTexts(definition: SurveyDefinition): Generator<[string, LocalizedText]> {
  yield ['/title', definition.title];
  if (definition.intro) yield ['/intro', definition.intro];
  yield ['/thankYou', definition.thankYou];
  const { agreement, smiley } = definition.scales;
  for (const [i, label] of agreement.labels.entries()) yield [`/scales/agreement/labels/${i}`, label];
  yield ['/scales/agreement/cantSay', agreement.cantSay];
  for (const [i, label] of smiley.labels.entries()) yield [`/scales/smiley/labels/${i}`, label];
  for (const [i, question] of definition.questions.entries()) {
    yield [`/questions/${i}/text`, question.text];
    if (question.help) yield [`/questions/${i}/help`, question.help];
    if (question.type === 'recommendation') {
      yield [`/questions/${i}/lowLabel`, question.lowLabel];
      yield [`/questions/${i}/highLabel`, question.highLabel];
    }
    if (question.type === 'single_choice' || question.type === 'multiple_choice') {
      for (const [j, option] of question.options.entries())
        yield [`/questions/${i}/options/${j}/label`, option.label];
    }
  }
}

export function isValidDefinition(definition: unknown): definition is SurveyDefinition {
  return definitionProblems(definition).length === 0;
}
