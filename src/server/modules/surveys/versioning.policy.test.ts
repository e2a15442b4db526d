import { expect, test } from 'vitest';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { editViolations } from './versioning.policy.ts';
import { THL_NATIONAL } from './templates/thl-national.ts';

const TEMPLATE_IDS = THL_NATIONAL.questions.map((q) => q.id);
const copy = (): SurveyDefinition => structuredClone(THL_NATIONAL);

test('changing every text is allowed', () => {
  const next = copy();
  for (const question of next.questions) question.text = { fi: 'Uusi', sv: 'Ny', en: 'New' };
  expect(editViolations([THL_NATIONAL], next, TEMPLATE_IDS)).toEqual([]);
});

test('adding an own statement and a new answer option is allowed', () => {
  const next = copy();
  next.questions.push({
    id: 'parking',
    type: 'statement',
    allowCantSay: true,
    text: { fi: 'a', sv: 'b', en: 'c' },
  });
  const age = next.questions.find((q) => q.id === 'age_group');
  if (age?.type !== 'single_choice') throw new Error('fixture');
  age.options.push({ id: '85_plus', label: { fi: '85+', sv: '85+', en: '85+' } });
  expect(editViolations([THL_NATIONAL], next, TEMPLATE_IDS)).toEqual([]);
});

test('a question of the built-in template may not be removed', () => {
  const next = copy();
  next.questions = next.questions.filter((q) => q.id !== 'safe');
  expect(editViolations([THL_NATIONAL], next, TEMPLATE_IDS)).toEqual([
    { rule: 'template_question_removed', questionId: 'safe' },
  ]);
});

test('an existing question may not change its type', () => {
  const next = copy();
  next.questions[1] = { id: 'smooth', type: 'smiley', text: { fi: 'a', sv: 'b', en: 'c' } };
  expect(editViolations([THL_NATIONAL], next, TEMPLATE_IDS)).toEqual([
    { rule: 'type_changed', questionId: 'smooth' },
  ]);
});

test('an answer option may not be removed and a role may not change', () => {
  const next = copy();
  const respondent = next.questions.find((q) => q.id === 'respondent_type');
  if (respondent?.type !== 'single_choice') throw new Error('fixture');
  respondent.options = respondent.options.filter((o) => o.id !== 'assisted');
  delete respondent.role;
  expect(editViolations([THL_NATIONAL], next, TEMPLATE_IDS)).toEqual([
    { rule: 'role_changed', questionId: 'respondent_type' },
    { rule: 'option_removed', questionId: 'respondent_type', optionId: 'assisted' },
  ]);
});

test('an own question removed earlier may not come back with another type', () => {
  const withOwn = copy();
  withOwn.questions.push({
    id: 'parking',
    type: 'statement',
    allowCantSay: true,
    text: { fi: 'a', sv: 'b', en: 'c' },
  });
  const next = copy();
  next.questions.push({
    id: 'parking',
    type: 'free_text',
    maxLength: 100,
    text: { fi: 'a', sv: 'b', en: 'c' },
  });
  expect(editViolations([withOwn, THL_NATIONAL], next, TEMPLATE_IDS)).toEqual([
    { rule: 'type_changed', questionId: 'parking' },
  ]);
});
