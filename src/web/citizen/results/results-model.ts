// View models of the public results pages: figures already suppressed by the insights module.
import type { Language } from '../../../shared/languages.ts';
import type { TrendPoint } from '../../charts/trend-chart.ts';
import type { StatementBar } from '../../charts/statement-bars.ts';

export interface PublicNps {
  value: number;
  low: number | null;
  high: number | null;
  n: number;
}

export interface PublicChild {
  id: string;
  name: string;
  n: number | null;
  nps: number | null;
  suppressed: boolean;
}

export interface UnitResultsModel {
  lang: Language;
  unitId: string;
  name: string;
  crumbs: { id: string; name: string }[];
  from: string;
  to: string;
  minGroupSize: number;
  /** null: hidden (small group) or no answers; `hidden` tells which. */
  nps: PublicNps | null;
  hidden: boolean;
  n: number | null;
  trend: TrendPoint[];
  statements: StatementBar[];
  children: PublicChild[];
  changes: { date: string; text: string }[];
  /** The full page's address, for the embed's "more" link. */
  pageHref: string;
}

export interface ResultsIndexModel {
  lang: Language;
  query: string;
  /** Search hits, or the top of the tree when there is no query. */
  units: { id: string; name: string; context: string | null; depth: number }[];
  searched: boolean;
  minGroupSize: number;
}
