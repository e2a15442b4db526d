import { expect, test } from 'vitest';
import type { SurveyDefinition } from '../../shared/survey-definition.ts';
import { THL_NATIONAL } from '../../server/modules/surveys/templates/thl-national.ts';
import { parseAnswerForm } from './answer-form.ts';

const t = (s: string) => ({ fi: s, sv: s, en: s });
const SURVEY: SurveyDefinition = {
  ...THL_NATIONAL,
  questions: [
    { id: 'mood', type: 'smiley', text: t('Mood'), required: true },
    {
      id: 'topics',
      type: 'multiple_choice',
      text: t('Topics'),
      maxSelections: 2,
      options: [
        { id: 'a', label: t('A') },
        { id: 'b', label: t('B') },
        { id: 'c', label: t('C') },
      ],
    },
    { id: 'note', type: 'free_text', text: t('Note'), maxLength: 10 },
  ],
};

test('form strings become typed answers; blanks are left out', () => {
  const parsed = parseAnswerForm(THL_NATIONAL, {
    submission_id: '3B241101-E2BB-4255-8CAF-4136C566A962',
    q_recommendation: '0',
    q_smooth: '5',
    q_timely: 'cant_say',
    q_respondent_type: 'assisted',
    q_comment: '   ',
    contact_name: '',
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.answers).toEqual({
    recommendation: 0,
    smooth: 5,
    timely: 'cant_say',
    respondent_type: 'assisted',
  });
  expect(parsed.contact).toBeUndefined();
  expect(parsed.submissionId).toBe('3b241101-e2bb-4255-8caf-4136c566a962');
});

test('values outside a scale or the options are errors, not silently dropped', () => {
  const parsed = parseAnswerForm(THL_NATIONAL, {
    q_recommendation: '11',
    q_smooth: '0',
    q_respondent_type: 'robot',
  });
  expect(parsed.errors.map((e) => [e.field, e.code])).toEqual([
    ['recommendation', 'invalid'],
    ['smooth', 'invalid'],
    ['respondent_type', 'invalid'],
  ]);
});

test('required questions, selection limits and text length are checked', () => {
  const parsed = parseAnswerForm(SURVEY, { q_topics: ['a', 'b', 'c'], q_note: 'x'.repeat(11) });
  expect(parsed.errors).toEqual([
    { field: 'mood', code: 'required' },
    { field: 'topics', code: 'too_many', params: { max: 2 } },
    { field: 'note', code: 'too_long', params: { max: 10 } },
  ]);
  expect(parsed.values.answers.topics).toEqual(['a', 'b', 'c']);
});

test('a line break counts as one character, as the browser counted it against maxlength', () => {
  const parsed = parseAnswerForm(SURVEY, { q_mood: '4', q_note: 'abcd\r\nefgh' });
  expect(parsed.errors).toEqual([]);
  expect(parsed.answers).toEqual({ mood: 4, note: 'abcd\nefgh' });
});

test('an empty form asks for at least one answer', () => {
  expect(parseAnswerForm(THL_NATIONAL, {}).errors).toEqual([{ field: 'form', code: 'no_answers' }]);
});

test('contact details are checked and a name alone asks for a way to reply', () => {
  const bad = parseAnswerForm(THL_NATIONAL, { q_recommendation: '8', contact_phone: 'call me' });
  expect(bad.errors.map((e) => e.code)).toEqual(['phone_invalid']);
  const nameOnly = parseAnswerForm(THL_NATIONAL, { q_recommendation: '8', contact_name: 'Anna' });
  expect(nameOnly.errors).toEqual([{ field: 'contact_email', code: 'contact_incomplete' }]);
  const good = parseAnswerForm(THL_NATIONAL, {
    q_recommendation: '8',
    contact_name: ' Anna ',
    contact_phone: '+358 40 123 4567',
  });
  expect(good.errors).toEqual([]);
  expect(good.contact).toEqual({ name: 'Anna', phone: '+358 40 123 4567' });
});

test('a missing or malformed submission id is reported as absent', () => {
  expect(parseAnswerForm(THL_NATIONAL, { submission_id: 'x' }).submissionId).toBeUndefined();
  expect(parseAnswerForm(THL_NATIONAL, { submission_id: ['a', 'b'] }).submissionId).toBeUndefined();
});
