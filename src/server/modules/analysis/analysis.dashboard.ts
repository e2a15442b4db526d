import type { DashboardThemesProvider, ThemePanelRow } from '../reports/index.ts';
import type { AnalysisViews } from './analysis.views.service.ts';

// The staff dashboard's themes panel (src/web/staff/dashboard/themes-panel.ts): the theme summary of the
// dashboard's subtree and period in the dashboard's language, with links to the analysis views of the same
// subtree and period. The views already hide small groups; the panel only passes on what they show.

function analysisHref(scope: { unitId: string; from: string; to: string }, lang: string, theme?: string) {
  const params = new URLSearchParams({ unit: scope.unitId, from: scope.from, to: scope.to });
  if (theme) params.set('theme', theme);
  params.set('lang', lang);
  return `/staff/analysis?${params.toString()}`;
}

export function themesPanel(views: Pick<AnalysisViews, 'themeSummary'>): DashboardThemesProvider {
  return {
    async load({ unitId, from, to, lang }) {
      const scope = { unitId, from, to };
      const summary = await views.themeSummary(scope);
      const rows: ThemePanelRow[] = summary.themes.map((theme) => {
        const base = { key: theme.key, name: theme.names[lang], href: analysisHref(scope, lang, theme.key) };
        if (theme.suppressed)
          return { ...base, hidden: true, n: null, share: null, previousShare: null, tones: null };
        return {
          ...base,
          hidden: false,
          n: theme.n,
          share: theme.share,
          previousShare: theme.previousShare,
          tones: theme.tones,
        };
      });
      return { total: summary.total.n, rows, href: analysisHref(scope, lang) };
    },
  };
}
