import { describe, expect, test } from 'vitest';
import type { Question } from '../../../../shared/survey-definition.ts';
import { definitionProblems } from '../definition.validation.ts';
import { BUILT_IN_TEMPLATES } from './index.ts';
import { THL_NATIONAL } from './thl-national.ts';
import { THL_CHILDREN } from './thl-children.ts';

const STATEMENT_IDS = ['smooth', 'timely', 'respect', 'together', 'safe', 'understandable', 'useful'];

describe.each(BUILT_IN_TEMPLATES.map((t) => [t.name, t.definition] as const))(
  'template %s',
  (_name, definition) => {
    test('is a valid survey definition', () => {
      expect(definitionProblems(definition)).toEqual([]);
    });

    test('has Finnish, Swedish and English for every text and no text left untranslated', () => {
      const texts = JSON.stringify(definition);
      for (const question of definition.questions) {
        expect(question.text.sv).not.toBe(question.text.fi);
        expect(question.text.en).not.toBe(question.text.sv);
      }
      expect(texts).not.toMatch(/TODO|lorem/i);
    });
  },
);

describe('the national set', () => {
  const byId = new Map(THL_NATIONAL.questions.map((q) => [q.id, q]));
  const get = (id: string): Question => {
    const question = byId.get(id);
    if (!question) throw new Error(`missing ${id}`);
    return question;
  };

  test('starts with the recommendation index on 0–10 with labels for both ends', () => {
    const recommendation = get('recommendation');
    expect(THL_NATIONAL.questions[0]).toBe(recommendation);
    expect(recommendation.type).toBe('recommendation');
    expect(recommendation.text.fi).toMatch(/^Kuinka todennäköisesti suosittelisit saamaasi palvelua/);
    if (recommendation.type !== 'recommendation') throw new Error('type');
    expect(recommendation.lowLabel.fi).toBeTruthy();
    expect(recommendation.highLabel.sv).toBeTruthy();
  });

  test('has the seven basic statements, optional, each with "can\'t say"', () => {
    const statements = THL_NATIONAL.questions.filter((q) => q.type === 'statement');
    expect(statements.map((q) => q.id)).toEqual(STATEMENT_IDS);
    for (const statement of statements) {
      expect(statement).toMatchObject({ allowCantSay: true, required: false });
    }
  });

  test('asks who answers: client, relative or someone helped, tagged for breakdowns', () => {
    const respondent = get('respondent_type');
    expect(respondent).toMatchObject({ type: 'single_choice', role: 'respondent_type' });
    if (respondent.type !== 'single_choice') throw new Error('type');
    expect(respondent.options.map((o) => o.id)).toEqual(['client', 'relative', 'assisted']);
  });

  test('offers an optional age group and a free-text comment of at most 2000 characters', () => {
    const age = get('age_group');
    if (age.type !== 'single_choice') throw new Error('type');
    expect(age.role).toBe('age_group');
    expect(age.options.map((o) => o.id)).toEqual(['13_17', '18_29', '30_49', '50_64', '65_74', '75_plus']);
    expect(get('comment')).toMatchObject({ type: 'free_text', maxLength: 2000, required: false });
  });

  test('has plain-language Finnish and Swedish for every question text', () => {
    for (const question of THL_NATIONAL.questions) {
      expect(question.text['fi-plain'], question.id).toBeTruthy();
      expect(question.text['sv-plain'], question.id).toBeTruthy();
    }
  });

  test('labels five agreement steps from fully disagree to fully agree', () => {
    const labels = THL_NATIONAL.scales.agreement.labels;
    expect(labels[0]?.fi).toBe('Täysin eri mieltä');
    expect(labels[4]?.fi).toBe('Täysin samaa mieltä');
    expect(labels[4]?.sv).toBe('Helt av samma åsikt');
  });
});

describe("the children's set", () => {
  test('is for children and answered with smileys, with an optional comment at the end', () => {
    expect(THL_CHILDREN.audience).toBe('child');
    const types = THL_CHILDREN.questions.map((q) => q.type);
    expect(types.slice(0, -1).every((type) => type === 'smiley')).toBe(true);
    expect(THL_CHILDREN.questions.at(-1)).toMatchObject({
      id: 'comment',
      type: 'free_text',
      required: false,
    });
    expect(THL_CHILDREN.questions.map((q) => q.id)).toEqual(
      expect.arrayContaining(['overall', 'listened', 'understood', 'safe']),
    );
  });

  test('keeps sentences short enough for a 7-year-old', () => {
    for (const question of THL_CHILDREN.questions.filter((q) => q.type === 'smiley')) {
      expect(question.text.fi.split(' ').length, question.id).toBeLessThanOrEqual(6);
    }
  });
});
