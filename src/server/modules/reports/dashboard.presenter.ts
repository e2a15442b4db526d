// Builds the dashboard page's view model from the gathered figures: names in the page language, charts' points,
// the children's rows with sparklines. Presentation only.
import type { Language } from '../../../shared/languages.ts';
import { CHANNELS } from '../../../shared/channels.ts';
import { LANGUAGES } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import type { StaffViewer } from '../../../web/staff/layout.ts';
import type {
  DashboardModel,
  HeadlineView,
  ThemesPanelView,
} from '../../../web/staff/dashboard/dashboard-model.ts';
import type { DashboardQuery } from '../../../web/staff/dashboard/dashboard-query.ts';
import type { DashboardData } from './dashboard.service.ts';
import type { SurveyLabels } from './survey-labels.ts';
import {
  channelLabel,
  channelMixOf,
  countOf,
  npsView,
  sparkPoints,
  statementBarsOf,
  trendPoints,
} from './figures.presenter.ts';
import { unitName } from './unit-names.ts';

export function headlineOf(data: Pick<DashboardData, 'summary' | 'comparison'>): HeadlineView {
  const change = data.comparison.change;
  return {
    n: countOf(data.summary.count),
    nps: npsView(data.summary.nps),
    npsSuppressed: data.summary.nps.suppressed,
    change: change
      ? { value: change.value, low: change.ci95[0], high: change.ci95[1], significant: change.significant }
      : null,
  };
}

/** The last eight quarters up to the one holding today, newest first. */
export function recentQuarters(today: string, count = 8): string[] {
  let year = Number(today.slice(0, 4));
  let quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}Q${quarter}`);
    quarter--;
    if (quarter === 0) {
      quarter = 4;
      year--;
    }
  }
  return out;
}

export function buildDashboardModel(input: {
  lang: Language;
  viewer: StaffViewer;
  query: DashboardQuery;
  data: DashboardData;
  labels: SurveyLabels;
  today: string;
  canExportResponses: boolean;
  canExportNational: boolean;
  /** The themes panel as the text analysis gave it (already suppressed); null: no panel. */
  themes?: ThemesPanelView | null;
}): DashboardModel {
  const { lang, data, query } = input;
  const tr = t(lang);
  const unknown = { value: 'unknown', label: tr('reports.unknown') };
  return {
    lang,
    viewer: input.viewer,
    query: { ...query, unit: data.unit.id },
    range: { from: data.summary.scope.from, to: data.summary.scope.to },
    unit: { id: data.unit.id, name: unitName(data.unit.names, lang) },
    crumbs: data.chain.map((c) => ({ id: c.unit.id, name: unitName(c.unit.names, lang), link: c.readable })),
    minGroupSize: data.summary.minGroupSize,
    headline: headlineOf(data),
    trend: trendPoints(lang, data.trend.buckets),
    statements: statementBarsOf(data.summary.statements, input.labels.statements),
    channelMix: channelMixOf(lang, tr('dashboard.channels_row'), data.summary.breakdowns.channel),
    children: data.children.rows.map((row) => {
      const nps = npsView(row.nps);
      return {
        unitId: row.unitId,
        name: unitName(row.names, lang),
        own: row.own,
        hasChildren: row.hasChildren,
        n: countOf(row.count),
        nps: nps?.value ?? null,
        low: nps?.low ?? null,
        high: nps?.high ?? null,
        suppressed: row.count.suppressed || row.nps.suppressed,
        spark: sparkPoints(lang, row.series),
      };
    }),
    childrenHidden: data.children.total.count.suppressed,
    filterOptions: {
      channels: CHANNELS.map((c) => ({ value: c, label: channelLabel(lang, c) })),
      respondentTypes: [
        ...input.labels.respondentTypes,
        { value: 'child', label: tr('reports.respondent_child') },
        unknown,
      ],
      languages: LANGUAGES.map((l) => ({ value: l, label: tr(`common.language_${l}`) })),
      ageGroups: [...input.labels.ageGroups, unknown],
    },
    canExportResponses: input.canExportResponses,
    canExportNational: input.canExportNational,
    quarters: recentQuarters(input.today),
    themes: input.themes ?? null,
  };
}
