import { expect, test } from 'vitest';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { THL_NATIONAL } from '../../../server/modules/surveys/templates/thl-national.ts';
import { applyTextEdits, editableGroups, editLanguages } from './survey-edit.form.ts';

const withSami = (): SurveyDefinition => {
  const definition = structuredClone(THL_NATIONAL);
  definition.title.se = 'Áššehasmáhcahus';
  return definition;
};

test('every question and every option has fields, and the languages include plain language and those in use', () => {
  const bases = editableGroups(THL_NATIONAL).flatMap((g) => g.fields.map((f) => f.base));
  expect(bases).toEqual(
    expect.arrayContaining([
      'title',
      'q.recommendation.lowLabel',
      'q.respondent_type.option.assisted',
      'q.useful.text',
    ]),
  );
  expect(editLanguages(withSami())).toEqual(['fi', 'sv', 'en', 'fi-plain', 'sv-plain', 'se']);
});

test('submitted texts replace the old ones and fields not submitted stay as they were', () => {
  const { definition, errors } = applyTextEdits(THL_NATIONAL, {
    'q.safe.text.en': ' I felt safe. ',
    'q.respondent_type.option.relative.sv': 'Jag är anhörig',
  });
  expect(errors).toEqual([]);
  const safe = definition.questions.find((q) => q.id === 'safe');
  expect(safe?.text).toEqual({
    ...THL_NATIONAL.questions.find((q) => q.id === 'safe')?.text,
    en: 'I felt safe.',
  });
  const respondent = definition.questions.find((q) => q.id === 'respondent_type');
  expect(respondent?.type === 'single_choice' && respondent.options[1]?.label.sv).toBe('Jag är anhörig');
  expect(THL_NATIONAL.questions.find((q) => q.id === 'safe')?.text.en).not.toBe('I felt safe.');
});

test('an emptied plain-language text is removed, an emptied required text is an error', () => {
  const { definition, errors } = applyTextEdits(THL_NATIONAL, {
    'q.smooth.text.fi-plain': '',
    'title.en': '',
  });
  expect(definition.questions.find((q) => q.id === 'smooth')?.text['fi-plain']).toBeUndefined();
  expect(errors).toMatchObject([{ field: 'title.en', problem: 'required', language: 'en' }]);
});

test('an optional text is removed when every language is emptied, and half-filled it is an error', () => {
  const all = applyTextEdits(THL_NATIONAL, {
    'intro.fi': '',
    'intro.sv': '',
    'intro.en': '',
    'intro.fi-plain': '',
    'intro.sv-plain': '',
  });
  expect(all.errors).toEqual([]);
  expect(all.definition.intro).toBeUndefined();
  const half = applyTextEdits(THL_NATIONAL, { 'intro.sv': '' });
  expect(half.errors).toMatchObject([{ field: 'intro.sv', problem: 'partial' }]);
});

test('a text over 2000 characters is an error', () => {
  const { errors } = applyTextEdits(THL_NATIONAL, { 'q.comment.text.fi': 'a'.repeat(2001) });
  expect(errors).toMatchObject([{ field: 'q.comment.text.fi', problem: 'too_long' }]);
});
