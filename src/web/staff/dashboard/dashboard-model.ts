// The dashboard's view model: plain figures already suppressed by the insights module. The page never computes
// a figure; it only lays out what it is given (and says "fewer than N answers" where a figure is hidden).
import type { Language } from '../../../shared/languages.ts';
import type { TrendPoint } from '../../charts/trend-chart.ts';
import type { StatementBar } from '../../charts/statement-bars.ts';
import type { MixRow } from '../../charts/channel-mix.ts';
import type { SparkPoint } from '../../charts/sparkline.ts';
import type { StaffViewer } from '../layout.ts';
import type { DashboardQuery } from './dashboard-query.ts';

export interface NpsView {
  value: number;
  low: number | null;
  high: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface HeadlineView {
  /** null when suppressed. */
  n: number | null;
  nps: NpsView | null;
  npsSuppressed: boolean;
  /** Change against the previous period of equal length; null when either side is hidden. */
  change: { value: number; low: number; high: number; significant: boolean } | null;
}

export interface ChildView {
  unitId: string;
  name: string;
  own: boolean;
  hasChildren: boolean;
  /** Whether the viewer may open this child's dashboard (always true below a unit they may see). */
  n: number | null;
  nps: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
  spark: SparkPoint[];
}

export interface Crumb {
  id: string;
  name: string;
  /** False for ancestors above the viewer's own scope: shown as text, not a link. */
  link: boolean;
}

export interface FilterOptions {
  channels: { value: string; label: string }[];
  respondentTypes: { value: string; label: string }[];
  languages: { value: string; label: string }[];
  ageGroups: { value: string; label: string }[];
}

export type ToneKey = 'positive' | 'neutral' | 'negative' | 'mixed';

/** One theme of the themes panel; hidden themes (a small group) carry no figures. */
export interface ThemePanelRow {
  key: string;
  name: string;
  /** The analysis view of this theme for the same subtree and period. */
  href: string;
  hidden: boolean;
  n: number | null;
  /** Share of the period's analysed comments, 0…1. */
  share: number | null;
  /** Share in the previous period of equal length; null when that was hidden or empty. */
  previousShare: number | null;
  /** Comments per tone; a null tone is hidden (too few). */
  tones: Record<ToneKey, number | null> | null;
}

/** The themes panel (from text analysis, registered through composition): figures already suppressed. */
export interface ThemesPanelView {
  /** Analysed comments in scope; null when hidden. */
  total: number | null;
  rows: ThemePanelRow[];
  /** The analysis view of the same subtree and period. */
  href: string;
}

export interface DashboardModel {
  lang: Language;
  viewer: StaffViewer;
  query: DashboardQuery;
  range: { from: string; to: string };
  unit: { id: string; name: string };
  crumbs: Crumb[];
  minGroupSize: number;
  headline: HeadlineView;
  trend: TrendPoint[];
  statements: StatementBar[];
  channelMix: MixRow[];
  children: ChildView[];
  /** The children's figures are hidden as a whole (the scope's total is suppressed). */
  childrenHidden: boolean;
  filterOptions: FilterOptions;
  /** Responses with redacted text: not for viewers (aggregates only). */
  canExportResponses: boolean;
  canExportNational: boolean;
  quarters: string[];
  /** null when no text analysis is wired in. */
  themes: ThemesPanelView | null;
}
