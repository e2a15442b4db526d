import { expect, test } from 'vitest';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { definitionProblems } from './definition.validation.ts';
import { THL_NATIONAL } from './templates/thl-national.ts';

const copy = (): SurveyDefinition => structuredClone(THL_NATIONAL);

test('a question without a Swedish text is reported with the path to the missing text', () => {
  const definition = copy() as unknown as { questions: { text: Record<string, string> }[] };
  delete definition.questions[1]?.text.sv;
  const problems = definitionProblems(definition);
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.some((p) => p.path.startsWith('/questions/1'))).toBe(true);
});

test('two questions with the same id are rejected', () => {
  const definition = copy();
  const second = definition.questions[2];
  if (second) second.id = 'smooth';
  expect(definitionProblems(definition)).toEqual([
    { path: '/questions/2/id', message: 'duplicate question id smooth' },
  ]);
});

test('duplicate option ids and a second respondent-type question are rejected', () => {
  const definition = copy();
  const respondent = definition.questions.find((q) => q.id === 'respondent_type');
  if (respondent?.type !== 'single_choice') throw new Error('fixture');
  respondent.options.push({ ...respondent.options[0]!, id: 'client' });
  definition.questions.push({
    ...respondent,
    id: 'respondent_again',
    options: respondent.options.slice(0, 2),
  });
  const messages = definitionProblems(definition).map((p) => p.message);
  expect(messages).toContain('duplicate option id client');
  expect(messages).toContain('more than one question has the role respondent_type');
});

test('a language key that is not a language code is rejected', () => {
  const definition = copy() as unknown as { title: Record<string, string> };
  definition.title['Finnish!'] = 'x';
  expect(definitionProblems(definition).length).toBeGreaterThan(0);
});
