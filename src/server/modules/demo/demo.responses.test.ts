import { describe, expect, test } from 'vitest';
import { countScores, npsOf } from '../../../shared/nps.ts';
import { validateAnswers } from '../../../shared/answers.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { createRandom } from './demo.random.ts';
import { buildOrganisation } from './demo.organisation.ts';
import { generateResponses, type DemoResponse } from './demo.responses.ts';

const l = { fi: 'x', sv: 'x', en: 'x' };
const option = (id: string) => ({ id, label: l });
const STATEMENTS = ['smooth', 'timely', 'respect', 'together', 'safe', 'understandable', 'useful'];
const NATIONAL: SurveyDefinition = {
  title: l,
  thankYou: l,
  audience: 'adult',
  scales: { agreement: { labels: [l, l, l, l, l], cantSay: l }, smiley: { labels: [l, l, l, l] } },
  questions: [
    { id: 'recommendation', type: 'recommendation', text: l, lowLabel: l, highLabel: l },
    ...STATEMENTS.map((id) => ({ id, type: 'statement' as const, text: l, allowCantSay: true })),
    {
      id: 'respondent_type',
      type: 'single_choice',
      role: 'respondent_type',
      text: l,
      options: ['client', 'relative', 'assisted'].map(option),
    },
    {
      id: 'age_group',
      type: 'single_choice',
      role: 'age_group',
      text: l,
      options: ['13_17', '18_29', '30_49', '50_64', '65_74', '75_plus'].map(option),
    },
    { id: 'comment', type: 'free_text', text: l, maxLength: 2000 },
  ],
};

const NOW = new Date('2026-11-22T10:00:00Z');

function generate(count: number, seed = 1): { rows: DemoResponse[]; serviceOf: Map<string, string> } {
  const random = createRandom(seed);
  const org = buildOrganisation(random.fork('organisation'));
  const rows = [
    ...generateResponses({
      random: random.fork('responses'),
      targets: org.targets,
      national: { surveyId: 's', versionId: 'v', definition: NATIONAL },
      count,
      now: NOW,
    }),
  ];
  return { rows, serviceOf: new Map(org.targets.map((t) => [t.unitId, t.service.key])) };
}

function nps(rows: DemoResponse[]): number {
  return npsOf(countScores(rows.map((r) => r.recommendation))).nps ?? NaN;
}

function groupBy(rows: DemoResponse[], key: (r: DemoResponse) => string): Map<string, DemoResponse[]> {
  const groups = new Map<string, DemoResponse[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

describe('synthetic responses', () => {
  const { rows, serviceOf } = generate(30_000);

  test('every answer set passes the same validation as intake', () => {
    for (const row of rows.slice(0, 3000)) {
      const raw = {
        ...row.answers,
        ...Object.fromEntries(row.texts.map((t) => [t.questionId, t.textRedacted])),
      };
      expect(validateAnswers(NATIONAL, raw)).toEqual([]);
    }
  });

  test('a handful of busy units are clearly better and clearly worse than the division', () => {
    const byUnit = [...groupBy(rows, (r) => r.unitId).values()].filter((g) => g.length >= 100).map(nps);
    expect(byUnit.filter((n) => n >= 78).length).toBeGreaterThanOrEqual(3);
    expect(byUnit.filter((n) => n <= 35).length).toBeGreaterThanOrEqual(3);
  });

  test('health stations are the busiest service', () => {
    const byService = [...groupBy(rows, (r) => serviceOf.get(r.unitId) ?? '')].sort(
      (a, b) => b[1].length - a[1].length,
    );
    expect(byService[0]?.[0]).toBe('terveysasemat');
  });

  test('results improve mildly over the year', () => {
    const first = nps(rows.filter((r) => r.localDate < '2026-05-22'));
    const second = nps(rows.filter((r) => r.localDate >= '2026-05-22'));
    expect(second - first).toBeGreaterThan(1);
    expect(second - first).toBeLessThan(15);
  });

  test('weekdays are busy, weekends and July quiet', () => {
    const weekday = (r: DemoResponse) => new Date(`${r.localDate}T12:00:00Z`).getUTCDay();
    const weekend = rows.filter((r) => [0, 6].includes(weekday(r))).length;
    expect(weekend / rows.length).toBeLessThan(0.12);
    const july = rows.filter((r) => r.localDate.startsWith('2026-07')).length;
    const september = rows.filter((r) => r.localDate.startsWith('2026-09')).length;
    expect(july).toBeLessThan(september * 0.7);
  });

  test('the channel, language and respondent mixes look like a wellbeing area with SMS surveys', () => {
    const share = (f: (r: DemoResponse) => boolean) => rows.filter(f).length / rows.length;
    expect(share((r) => r.channel === 'sms')).toBeGreaterThan(0.3);
    expect(share((r) => r.channel === 'sms')).toBeLessThan(0.5);
    expect(share((r) => r.language === 'fi')).toBeGreaterThan(0.8);
    expect(share((r) => r.language === 'sv')).toBeGreaterThan(0.05);
    const answered = rows.filter((r) => r.respondentType !== null);
    expect(answered.filter((r) => r.respondentType === 'client').length / answered.length).toBeGreaterThan(
      0.7,
    );
  });

  test('statements agree with the recommendation', () => {
    const mean = (group: DemoResponse[]) => {
      const values = group.map((r) => r.answers.respect).filter((v): v is number => typeof v === 'number');
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const promoters = rows.filter((r) => (r.recommendation ?? 0) >= 9);
    const detractors = rows.filter((r) => r.recommendation !== null && r.recommendation <= 6);
    expect(mean(promoters) - mean(detractors)).toBeGreaterThan(1);
  });

  test('the same seed gives the same responses and another seed different ones', () => {
    const once = JSON.stringify(generate(500, 1).rows);
    expect(JSON.stringify(generate(500, 1).rows)).toBe(once);
    expect(JSON.stringify(generate(500, 2).rows)).not.toBe(once);
  });
});
