import { describe, expect, test } from 'vitest';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { parseEntryForm } from './entry-form.ts';

const text = (s: string) => ({ fi: s, sv: s, en: s });
const definition: SurveyDefinition = {
  title: text('Kysely'),
  thankYou: text('Kiitos'),
  audience: 'adult',
  scales: {
    agreement: { labels: [1, 2, 3, 4, 5].map((n) => text(String(n))), cantSay: text('En osaa sanoa') },
    smiley: { labels: [1, 2, 3, 4].map((n) => text(String(n))) },
  },
  questions: [
    {
      id: 'rec',
      type: 'recommendation',
      text: text('Suosittelisitko'),
      lowLabel: text('Ei'),
      highLabel: text('Kyllä'),
    },
    { id: 'st', type: 'statement', text: text('Sujuvaa'), allowCantSay: true },
    { id: 'strict', type: 'statement', text: text('Ilman eos'), allowCantSay: false },
    { id: 'face', type: 'smiley', text: text('Miltä tuntui') },
    {
      id: 'who',
      type: 'single_choice',
      text: text('Kuka'),
      options: [
        { id: 'client', label: text('Asiakas') },
        { id: 'relative', label: text('Omainen') },
      ],
    },
    {
      id: 'what',
      type: 'multiple_choice',
      text: text('Mitä'),
      maxSelections: 2,
      options: ['a', 'b', 'c'].map((id) => ({ id, label: text(id) })),
    },
    { id: 'free', type: 'free_text', text: text('Kerro'), maxLength: 10 },
  ],
};
const ID = '0192a5f0-0000-7000-8000-000000000001';

describe('parsing an entered paper form', () => {
  test('box numbers become the answers the printed boxes stand for', () => {
    const parsed = parseEntryForm(definition, {
      submission_id: ID,
      a_rec: '10',
      a_st: '0',
      a_strict: '5',
      a_face: '1',
      a_who: '2',
      a_what: '3, 1',
      a_free: ' lyhyt ',
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.submissionId).toBe(ID);
    expect(parsed.answers).toEqual({
      rec: 10,
      st: 'cant_say',
      strict: 5,
      face: 1,
      who: 'relative',
      what: ['c', 'a'],
      free: 'lyhyt',
    });
  });

  test('empty fields are unanswered questions, and a wholly empty form is an error', () => {
    expect(parseEntryForm(definition, { a_rec: '3', a_st: '' }).answers).toEqual({ rec: 3 });
    expect(parseEntryForm(definition, { a_rec: '  ' }).errors).toEqual([
      { field: 'form', code: 'no_answers' },
    ]);
  });

  test('numbers outside the printed boxes are errors at their question, and what was typed is kept', () => {
    const parsed = parseEntryForm(definition, {
      a_rec: '11',
      a_strict: '0',
      a_face: '5',
      a_who: '3',
      a_what: '1 4',
      a_st: 'x',
    });
    expect(parsed.errors.map((e) => e.field)).toEqual(['rec', 'st', 'strict', 'face', 'who', 'what']);
    expect(parsed.errors.every((e) => e.code === 'invalid')).toBe(true);
    expect(parsed.values.rec).toBe('11');
    expect(parsed.answers).toEqual({});
  });

  test('too many choices and too long text are refused with their limits', () => {
    const parsed = parseEntryForm(definition, { a_what: '1 2 3', a_free: 'x'.repeat(11) });
    expect(parsed.errors).toEqual([
      { field: 'what', code: 'too_many', params: { max: 2 } },
      { field: 'free', code: 'too_long', params: { max: 10 } },
    ]);
  });

  test('a missing or malformed submission id is reported as missing', () => {
    expect(parseEntryForm(definition, { a_rec: '1', submission_id: 'nope' }).submissionId).toBeUndefined();
  });
});
