import { describe, expect, test } from 'vitest';
import { trendChart } from './trend-chart.ts';
import { statementBars } from './statement-bars.ts';
import { channelMix } from './channel-mix.ts';
import { sparkline } from './sparkline.ts';
import { formatNps, formatPercent } from './format.ts';

describe('trend chart', () => {
  const points = [
    { label: 'tammi 2026', value: 40, low: 20, high: 60, n: 50, suppressed: false },
    { label: 'helmi 2026', value: null, low: null, high: null, n: null, suppressed: true },
    { label: 'maalis 2026', value: -12.4, low: -40, high: 16, n: 30, suppressed: false },
  ];
  const svg = trendChart({ id: 't', lang: 'fi', title: 'Kehitys', points, minGroupSize: 5 }).value;

  test('every point is reachable with the keyboard and named in words', () => {
    expect(svg.match(/tabindex="0"/g)).toHaveLength(3);
    expect(svg).toContain('aria-label="tammi 2026: +40, 95 %:n luottamusväli +20 … +60, n = 50"');
    expect(svg).toContain(
      'aria-label="helmi 2026: ei näytetä: alle 5 vastausta, tai luku paljastaisi näin pienen ryhmän"',
    );
  });

  test('a suppressed period breaks the line and the band instead of joining across it', () => {
    expect(svg.match(/class="line"/g)).toHaveLength(2);
    expect(svg.match(/class="band"/g)).toHaveLength(2);
  });

  test('the data table carries the same figures and says which are hidden', () => {
    const table = svg.slice(svg.indexOf('<table'));
    expect(table).toContain('<td>−12</td>');
    expect(table).toContain(
      '<td colspan="3">ei näytetä: alle 5 vastausta, tai luku paljastaisi näin pienen ryhmän</td>',
    );
    expect(table).not.toContain('helmi 2026</th><td>');
  });
});

describe('statement bars, channel mix and sparklines', () => {
  test('a suppressed statement has no bar length and says so in words', () => {
    const html = statementBars({
      id: 's',
      lang: 'en',
      title: 'Statements',
      minGroupSize: 5,
      bars: [
        {
          id: 'smooth',
          label: 'Smooth',
          agreeShare: 0.78,
          mean: 4.1,
          distribution: [1, 2, 3, 10, 20],
          cantSay: 2,
          n: 36,
          suppressed: false,
        },
        {
          id: 'safe',
          label: 'Safe',
          agreeShare: null,
          mean: null,
          distribution: [],
          cantSay: null,
          n: null,
          suppressed: true,
        },
      ],
    }).value;
    expect(html).toContain('78% (n = 36)');
    const safe = html.slice(html.indexOf('Safe'));
    expect(safe).toContain('width="0"');
    expect(safe).toContain('not shown: fewer than 5 answers');
  });

  test('the channel mix draws only shown channels, with a pattern per channel and a legend', () => {
    const html = channelMix({
      id: 'c',
      lang: 'en',
      title: 'Channels',
      minGroupSize: 5,
      rows: [
        {
          label: 'All',
          segments: [
            { key: 'web', label: 'Web link', n: 30, suppressed: false },
            { key: 'sms', label: 'Text message', n: 10, suppressed: false },
            { key: 'kiosk', label: 'Kiosk', n: null, suppressed: true },
          ],
        },
      ],
    }).value;
    expect(html).toContain('aria-label="All: Web link 75%, Text message 25%"');
    expect(html.match(/<pattern /g)).toHaveLength(3);
    expect(html).toContain('Kiosk: not shown: fewer than 5 answers');
    expect(html.match(/<rect x=/g)).toHaveLength(2);
  });

  test('a sparkline names its values, hidden ones included', () => {
    const svg = sparkline('sv', [
      { label: 'jan', value: 10 },
      { label: 'feb', value: null },
      { label: 'mar', value: 30 },
    ]).value;
    expect(svg).toContain('role="img"');
    expect(svg).toContain('jan +10, feb visas inte, mar +30');
  });

  test('numbers follow the language', () => {
    expect(formatNps('fi', -3.6)).toBe('−4');
    expect(formatPercent('fi', 0.5)).toMatch(/^50\s%$/);
    expect(formatPercent('en', 0.5)).toBe('50%');
  });
});
