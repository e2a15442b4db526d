// Turns the insights module's figures (already suppressed) into the charts' view models. Nothing here computes a
// figure from counts: a suppressed figure stays a "suppressed" marker all the way to the page.
import type { Language } from '../../../shared/languages.ts';
import type { TrendPoint } from '../../../web/charts/trend-chart.ts';
import type { StatementBar } from '../../../web/charts/statement-bars.ts';
import type { MixRow } from '../../../web/charts/channel-mix.ts';
import type { SparkPoint as ChartSparkPoint } from '../../../web/charts/sparkline.ts';
import type { NpsView } from '../../../web/staff/dashboard/dashboard-model.ts';
import { t } from '../../../i18n/index.ts';
import type {
  BreakdownRow,
  CountFigure,
  NpsFigure,
  SparkPoint,
  StatementFigure,
  TrendBucket,
} from '../insights/index.ts';

export function countOf(figure: CountFigure): number | null {
  return figure.suppressed ? null : figure.n;
}

export function npsView(figure: NpsFigure): NpsView | null {
  if (figure.suppressed || figure.value === null) return null;
  return {
    value: figure.value,
    low: figure.ci95?.[0] ?? null,
    high: figure.ci95?.[1] ?? null,
    promoters: figure.promoters.share,
    passives: figure.passives.share,
    detractors: figure.detractors.share,
  };
}

const WEEK: Record<Language, string> = { fi: 'vk', sv: 'v.', en: 'wk' };

/** '2026-02' → 'helmi 2026', '2026-W07' → '2026 vk 7'; quarters ('2026Q1') stay as they are. */
export function periodLabel(lang: Language, label: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) return `${week[1]} ${WEEK[lang]} ${Number(week[2])}`;
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (!month) return label;
  const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
  const locale = lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function trendPoints(lang: Language, buckets: readonly TrendBucket[]): TrendPoint[] {
  return buckets.map((b) => {
    const suppressed = b.count.suppressed || b.nps.suppressed;
    const nps = b.nps.suppressed ? null : b.nps;
    return {
      label: periodLabel(lang, b.label),
      value: nps?.value ?? null,
      low: nps?.ci95?.[0] ?? null,
      high: nps?.ci95?.[1] ?? null,
      n: nps ? nps.n : suppressed ? null : countOf(b.count),
      suppressed: suppressed && !(countOf(b.count) === 0),
    };
  });
}

export function statementBarsOf(
  statements: readonly StatementFigure[],
  labels: ReadonlyMap<string, string>,
): StatementBar[] {
  return statements
    .filter((s) => s.scale === 'agreement')
    .map((s) => {
      const label = labels.get(s.id) ?? s.id;
      if (s.suppressed) {
        return {
          id: s.id,
          label,
          agreeShare: null,
          mean: null,
          distribution: [],
          cantSay: null,
          n: null,
          suppressed: true,
        };
      }
      return {
        id: s.id,
        label,
        agreeShare: s.agreeShare,
        mean: s.mean,
        distribution: ['1', '2', '3', '4', '5'].map((k) => s.distribution[k] ?? 0),
        cantSay: s.cantSay,
        n: s.n,
        suppressed: false,
      };
    });
}

export function channelLabel(lang: Language, key: string): string {
  return t(lang)(`reports.channel_${/^[a-z_]+$/.test(key) ? key : 'unknown'}`);
}

export function channelMixOf(lang: Language, rowLabel: string, rows: readonly BreakdownRow[]): MixRow[] {
  return [
    {
      label: rowLabel,
      segments: rows.map((r) => ({
        key: r.key,
        label: channelLabel(lang, r.key),
        n: countOf(r.count),
        suppressed: r.count.suppressed,
      })),
    },
  ];
}

export function sparkPoints(lang: Language, series: readonly SparkPoint[]): ChartSparkPoint[] {
  return series.map((p) => ({ label: periodLabel(lang, p.label), value: p.suppressed ? null : p.nps }));
}
