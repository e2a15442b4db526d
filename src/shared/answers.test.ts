import { describe, expect, test } from 'vitest';
import { cleanText, deriveStoredAnswers, isAnswered, validateAnswers } from './answers.ts';
import type { LocalizedText, SurveyDefinition } from './survey-definition.ts';

const t = (s: string): LocalizedText => ({ fi: s, sv: s, en: s });
const option = (id: string) => ({ id, label: t(id) });

const definition: SurveyDefinition = {
  title: t('Survey'),
  thankYou: t('Thanks'),
  audience: 'adult',
  scales: {
    agreement: { labels: [t('1'), t('2'), t('3'), t('4'), t('5')], cantSay: t('?') },
    smiley: { labels: [t('1'), t('2'), t('3'), t('4')] },
  },
  questions: [
    { id: 'recommendation', type: 'recommendation', text: t('r'), lowLabel: t('l'), highLabel: t('h') },
    { id: 'smooth', type: 'statement', text: t('s'), allowCantSay: true, required: true },
    { id: 'strict', type: 'statement', text: t('s'), allowCantSay: false },
    { id: 'face', type: 'smiley', text: t('f') },
    {
      id: 'who',
      type: 'single_choice',
      role: 'respondent_type',
      text: t('w'),
      options: [option('client'), option('relative'), option('assisted')],
    },
    {
      id: 'age',
      type: 'single_choice',
      role: 'age_group',
      text: t('a'),
      options: [option('18_29'), option('30_49')],
    },
    {
      id: 'topics',
      type: 'multiple_choice',
      text: t('m'),
      maxSelections: 2,
      options: [option('waiting'), option('staff'), option('premises')],
    },
    { id: 'comment', type: 'free_text', text: t('c'), maxLength: 10 },
  ],
};

const childDefinition: SurveyDefinition = {
  ...definition,
  audience: 'child',
  questions: [{ id: 'face', type: 'smiley', text: t('f'), required: true }],
};

describe('validateAnswers', () => {
  test('a complete valid submission has no problems', () => {
    expect(
      validateAnswers(definition, {
        recommendation: 0,
        smooth: 'cant_say',
        strict: 5,
        face: 4,
        who: 'relative',
        age: '30_49',
        topics: ['waiting', 'staff'],
        comment: '  ten chars!  '.trim().slice(0, 10),
      }),
    ).toEqual([]);
  });

  test('a missing required answer is reported; empty values count as missing', () => {
    for (const empty of [undefined, null, '', '   ', []]) {
      const answers: Record<string, unknown> = { recommendation: 9 };
      if (empty !== undefined) answers.smooth = empty;
      expect(validateAnswers(definition, answers)).toEqual([{ questionId: 'smooth', code: 'required' }]);
    }
  });

  test('unknown question ids are reported', () => {
    expect(validateAnswers(definition, { smooth: 4, nope: 1, __proto__x: 2 })).toEqual([
      { questionId: 'nope', code: 'unknown_question' },
      { questionId: '__proto__x', code: 'unknown_question' },
    ]);
  });

  test('nothing answered at all is rejected as a whole', () => {
    expect(validateAnswers(childDefinition, {})).toEqual([{ questionId: 'face', code: 'required' }]);
    const optional: SurveyDefinition = { ...definition, questions: definition.questions.slice(2) };
    expect(validateAnswers(optional, { comment: '' })).toEqual([{ questionId: '', code: 'no_answers' }]);
  });

  test.each([
    ['recommendation', 11, 'out_of_range'],
    ['recommendation', -1, 'out_of_range'],
    ['recommendation', 7.5, 'out_of_range'],
    ['recommendation', '7', 'invalid_type'],
    ['recommendation', true, 'invalid_type'],
    ['recommendation', 'cant_say', 'invalid_type'],
    ['smooth', 0, 'out_of_range'],
    ['smooth', 6, 'out_of_range'],
    ['smooth', 'maybe', 'invalid_type'],
    ['strict', 'cant_say', 'out_of_range'],
    ['face', 0, 'out_of_range'],
    ['face', 5, 'out_of_range'],
    ['who', 'child', 'invalid_option'],
    ['who', 1, 'invalid_type'],
    ['who', ['client'], 'invalid_type'],
    ['topics', 'waiting', 'invalid_type'],
    ['topics', ['waiting', 3], 'invalid_type'],
    ['topics', ['nope'], 'invalid_option'],
    ['topics', ['staff', 'staff'], 'duplicate_option'],
    ['topics', ['waiting', 'staff', 'premises'], 'too_many_selections'],
    ['comment', 'eleven chars', 'too_long'],
    ['comment', 42, 'invalid_type'],
    ['comment', { text: 'x' }, 'invalid_type'],
  ])('%s = %j is rejected as %s', (questionId, value, code) => {
    const answers: Record<string, unknown> = { smooth: 3, [questionId]: value };
    expect(validateAnswers(definition, answers)).toEqual([{ questionId, code }]);
  });

  test('free text length is measured after trimming', () => {
    expect(validateAnswers(definition, { smooth: 3, comment: `   ${'x'.repeat(10)}  \n ` })).toEqual([]);
  });

  test('every problem is reported at once', () => {
    const problems = validateAnswers(definition, { recommendation: 12, face: 9, extra: 1 });
    expect(problems.map((p) => p.code).sort()).toEqual([
      'out_of_range',
      'out_of_range',
      'required',
      'unknown_question',
    ]);
  });
});

describe('deriveStoredAnswers', () => {
  test('derives the recommendation, respondent type and age group and splits out free text', () => {
    const stored = deriveStoredAnswers(definition, {
      recommendation: 8,
      smooth: 'cant_say',
      who: 'assisted',
      age: '18_29',
      topics: ['staff'],
      comment: '  Kiitos!\r\n ',
      face: null,
      strict: '',
    });
    expect(stored).toEqual({
      answers: { recommendation: 8, smooth: 'cant_say', who: 'assisted', age: '18_29', topics: ['staff'] },
      recommendation: 8,
      respondentType: 'assisted',
      ageGroup: '18_29',
      texts: [{ questionId: 'comment', text: 'Kiitos!' }],
    });
  });

  test('a children’s survey is stored as answered by a child', () => {
    expect(deriveStoredAnswers(childDefinition, { face: 3 })).toMatchObject({
      respondentType: 'child',
      recommendation: null,
      ageGroup: null,
    });
  });

  test('an adult survey without a respondent answer has no respondent type', () => {
    expect(deriveStoredAnswers(definition, { smooth: 2 }).respondentType).toBeNull();
  });
});

describe('text helpers', () => {
  test('cleanText removes characters the database cannot store and normalises line ends', () => {
    expect(cleanText(' a\u0000b\u0007c\r\nd\re\tf \ud800g\udc00 ')).toBe('abc\nd\ne\tf g');
    expect(cleanText('😀 ok')).toBe('😀 ok');
    expect(cleanText('a\u0308')).toBe('ä');
  });

  test('isAnswered treats zero and false-like scores as answers', () => {
    expect(isAnswered(0)).toBe(true);
    expect(isAnswered('cant_say')).toBe(true);
    expect(isAnswered('')).toBe(false);
  });
});
