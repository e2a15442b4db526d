import { t } from '../../../i18n/index.ts';
import type { QuarterlySectionProvider } from '../reports/index.ts';
import type { AnalysisViews } from './analysis.views.service.ts';

// The quarterly review's "themes" section (docs/quarterly-review.md): the themes of the quarter's comments with
// their share, n and change against the previous quarter, and the commonest key phrases in base form. The views
// already hide small groups; the section only arranges what they show.

const SHOWN_PHRASES = 10;

function percent(lang: string, share: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function themesSection(views: Pick<AnalysisViews, 'themeSummary'>): QuarterlySectionProvider {
  return {
    id: 'themes',
    title: (lang) => t(lang)('analysis.quarterly_title'),
    async build(context) {
      const tr = t(context.lang);
      const summary = await views.themeSummary({
        unitId: context.unitId,
        from: context.from,
        to: context.to,
      });
      if (summary.total.suppressed)
        return { kind: 'content', paragraphs: [tr('analysis.quarterly_suppressed')] };
      if (summary.total.n === 0) return { kind: 'content', paragraphs: [tr('analysis.quarterly_empty')] };
      const rows = summary.themes.map((theme) => {
        const name = theme.names[context.lang];
        if (theme.suppressed) return [name, tr('analysis.quarterly_hidden'), '', ''];
        const change =
          theme.previousShare === null
            ? '–'
            : `${theme.share >= theme.previousShare ? '+' : '−'}${Math.round(Math.abs(theme.share - theme.previousShare) * 100)}`;
        return [name, percent(context.lang, theme.share), theme.n, change];
      });
      const phrases = summary.keyPhrases.slice(0, SHOWN_PHRASES).map((p) => p.phrase);
      return {
        kind: 'content',
        paragraphs: [
          tr('analysis.quarterly_intro', { n: summary.total.n }),
          ...(phrases.length > 0 ? [tr('analysis.quarterly_phrases', { phrases: phrases.join(', ') })] : []),
        ],
        table: {
          caption: tr('analysis.quarterly_title'),
          columns: [
            tr('analysis.quarterly_col_theme'),
            tr('analysis.quarterly_col_share'),
            tr('analysis.quarterly_col_n'),
            tr('analysis.quarterly_col_change'),
          ],
          rows,
        },
      };
    },
  };
}
