import { describe, expect, test } from 'vitest';
import type { ThemeSummary } from './analysis.views.service.ts';
import { themesSection } from './analysis.quarterly.ts';

const context = {
  unitId: 'u',
  subtreeIds: ['u'],
  quarter: '2026Q3',
  from: '2026-07-01',
  to: '2026-09-30',
  lang: 'en' as const,
  minGroupSize: 5,
};
const names = (en: string) => ({ fi: en, sv: en, en });
const tones = { positive: 0, neutral: 0, negative: 0, mixed: 0 };

function views(summary: Partial<ThemeSummary>) {
  return {
    themeSummary: async () =>
      ({
        scope: { unitId: 'u', from: '', to: '' },
        tones: null,
        themes: [],
        keyPhrases: [],
        ...summary,
      }) as ThemeSummary,
  };
}

describe("the quarterly review's themes section", () => {
  test('lists each theme with its share, n and change in percentage points, hidden themes in words', async () => {
    const content = await themesSection(
      views({
        total: { n: 120, suppressed: false },
        themes: [
          {
            key: 'waiting',
            names: names('Waiting times'),
            n: 30,
            share: 0.25,
            tones,
            previousShare: 0.2,
            suppressed: false,
          },
          {
            key: 'parking',
            names: names('Parking'),
            n: null,
            suppressed: true,
            reason: 'small_group',
          } as never,
        ],
        keyPhrases: [{ phrase: 'jono', n: 12 }],
      }),
    ).build(context);
    expect(content.kind).toBe('content');
    if (content.kind !== 'content') return;
    expect(content.paragraphs[0]).toContain('120 free-text comments');
    expect(content.paragraphs[1]).toBe('The commonest key phrases in base form: jono.');
    expect(content.table?.rows).toEqual([
      ['Waiting times', '25%', 30, '+5'],
      ['Parking', 'not shown: too small a group', '', ''],
    ]);
  });

  test('says so when there are too few comments or none', async () => {
    const few = await themesSection(views({ total: { n: null, suppressed: true } })).build(context);
    expect(few).toEqual({ kind: 'content', paragraphs: ['There are too few comments to show themes.'] });
    const none = await themesSection(views({ total: { n: 0, suppressed: false } })).build(context);
    expect(none).toEqual({ kind: 'content', paragraphs: ['No comments were analysed in the quarter.'] });
  });
});
