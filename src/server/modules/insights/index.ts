// Insights: figures along the organisation tree (n, NPS with its 95 % CI, statements, breakdowns, trends,
// children, period comparison) read from incrementally maintained aggregates, with small-group suppression
// (primary and secondary) applied before anything leaves this module; and alerts on those figures.
// Owns insights_* tables. Reads responses only to maintain the aggregates (never free text or contact details).
// docs/insights.md describes the figures, the suppression rules, the aggregates and the API.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Logger } from '../../logger.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { Mailer } from '../../adapters/mail/mailer.ts';
import type { FullOrganisationService, UnitNames, OrgUnitType } from '../organisation/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import {
  rolesWith,
  type StaffAuth,
  type StaffPrincipal,
  type StaffRole,
  type StaffService,
} from '../staff/index.ts';

// ---- Scope -----------------------------------------------------------------------------------------------------

/** Every filter narrows the responses counted; an absent or empty list means "all". */
export interface InsightsFilters {
  channels?: string[];
  /** Respondent types ('client', 'relative', 'assisted', 'child', …); 'unknown' matches responses without one. */
  respondentTypes?: string[];
  languages?: string[];
  /** Age groups as stored; 'unknown' matches responses without one. */
  ageGroups?: string[];
  surveyId?: string;
}

/** A subtree (the unit and everything below it, merged and closed units included) and an inclusive period. */
export interface InsightsScope {
  unitId: string;
  /** Inclusive local dates (Europe/Helsinki), YYYY-MM-DD. */
  from: string;
  to: string;
  filters?: InsightsFilters;
}

export type Grain = 'week' | 'month' | 'quarter';

// ---- Figures -----------------------------------------------------------------------------------------------------
// A figure is either shown (suppressed: false, with its n and values) or suppressed (suppressed: true, n null and
// no values). 'small_group': fewer than minGroupSize respondents. 'secondary': big enough, but hidden so that a
// suppressed sibling cannot be worked out by subtracting visible figures from a total; 'complement': the figure
// differs from the unfiltered figure of the same scope by fewer than minGroupSize respondents.

export type SuppressionReason = 'small_group' | 'secondary' | 'complement';

export interface SuppressedFigure {
  suppressed: true;
  reason: SuppressionReason;
  n: null;
}

export interface Share {
  count: number;
  /** 0…1 */
  share: number;
}

export interface NpsShown {
  suppressed: false;
  /** Respondents who answered the recommendation question. */
  n: number;
  /** −100…100; null only when n is 0 (which is always suppressed, so in practice a number). */
  value: number | null;
  /** 95 % confidence interval [low, high], clamped to −100…100. */
  ci95: [number, number] | null;
  promoters: Share;
  passives: Share;
  detractors: Share;
}
export type NpsFigure = NpsShown | SuppressedFigure;

/** Statement answers 1–5 ('agreement'), children's faces 1–4 ('smiley'). */
export type StatementScale = 'agreement' | 'smiley';

export interface StatementShown {
  suppressed: false;
  /** Respondents who chose a value; "can't say" is outside this n and every share. */
  n: number;
  /** Share choosing 4–5 (agreement) or 3–4 (smiley), 0…1; null when n is 0. */
  agreeShare: number | null;
  mean: number | null;
  /** Counts by value: keys '1'…'5' (agreement) or '1'…'4' (smiley). */
  distribution: Record<string, number>;
  cantSay: number;
}
export type StatementValues = StatementShown | SuppressedFigure;
export type StatementFigure = StatementValues & { id: string; scale: StatementScale };

/** n of responses in a group, or suppressed. */
export type CountFigure = { suppressed: false; n: number } | SuppressedFigure;

export interface BreakdownRow {
  /** The category value; 'unknown' for responses without one. */
  key: string;
  count: CountFigure;
  nps: NpsFigure;
}

export type BreakdownDimension = 'channel' | 'respondentType' | 'language' | 'ageGroup' | 'survey';

export interface Summary {
  scope: InsightsScope;
  minGroupSize: number;
  /** Responses in scope. When it is suppressed, everything else is suppressed too. */
  count: CountFigure;
  nps: NpsFigure;
  /** Statements are those of one survey (ids repeat across surveys on other scales): the filtered survey, or the
   * national set by default; null when that survey does not exist. */
  statementSurveyId: string | null;
  statements: StatementFigure[];
  breakdowns: Record<BreakdownDimension, BreakdownRow[]>;
}

export interface TrendBucket {
  /** First and last day of the bucket (clipped to the scope's period). */
  start: string;
  end: string;
  /** '2026-W07', '2026-02', '2026Q1'. */
  label: string;
  count: CountFigure;
  nps: NpsFigure;
  /** Share agreeing per statement id (agreeShare of each StatementFigure). */
  statements: StatementFigure[];
}

export interface Trend {
  scope: InsightsScope;
  grain: Grain;
  minGroupSize: number;
  buckets: TrendBucket[];
}

export interface SparkPoint {
  label: string;
  start: string;
  /** NPS of the month, null when suppressed or no answers. */
  nps: number | null;
  suppressed: boolean;
}

export interface ChildRow {
  unitId: string;
  names: UnitNames;
  type: OrgUnitType;
  /** True when the child has children of its own (drill down). */
  hasChildren: boolean;
  /** The row for responses given directly to the scope's unit (not to any child) has own: true. */
  own: boolean;
  count: CountFigure;
  nps: NpsFigure;
  statements: StatementFigure[];
  /** By month over the scope's period. */
  series: SparkPoint[];
}

export interface ChildrenTable {
  scope: InsightsScope;
  minGroupSize: number;
  total: { count: CountFigure; nps: NpsFigure };
  rows: ChildRow[];
}

export interface PeriodFigures {
  from: string;
  to: string;
  count: CountFigure;
  nps: NpsFigure;
}

export interface Comparison {
  scope: InsightsScope;
  minGroupSize: number;
  current: PeriodFigures;
  /** The period of equal length just before. */
  previous: PeriodFigures;
  /** current − previous NPS with a 95 % CI; null when either side is suppressed. */
  change: { value: number; ci95: [number, number]; significant: boolean } | null;
}

// ---- Raw cells (for exports that apply suppression themselves with suppressCells) ---------------------------

export type CellDimension =
  'unit' | 'month' | 'channel' | 'respondentType' | 'language' | 'ageGroup' | 'survey';

/** Unsuppressed counts of one group. Only for exports: pass them through suppressCells before showing. */
export interface RawCell {
  /** Values of the grouped dimensions ('unit' is the unit the responses were given to; 'month' YYYY-MM). */
  keys: Partial<Record<CellDimension, string>>;
  responses: number;
  /** 0–10 counts of the recommendation question, index = score. */
  recommendation: number[];
  /** Per question id: counts by value ('1'…'5') and 'cant_say'. */
  questions: Record<string, Record<string, number>>;
}

// ---- Alerts --------------------------------------------------------------------------------------------------------

export type AlertRuleKind = 'nps_drop' | 'detractor_share';

export interface AlertRule {
  id: string;
  kind: AlertRuleKind;
  /** The rule watches this unit and (with includeDescendants) every unit below it. */
  unitId: string;
  includeDescendants: boolean;
  /** detractor_share: the share (0…1) above which it fires; nps_drop: ignored. */
  threshold: number | null;
  /** Length of the period compared, in days (default 30). */
  periodDays: number;
  active: boolean;
}

export interface Alert {
  id: string;
  ruleId: string;
  kind: AlertRuleKind;
  unitId: string;
  unitNames: UnitNames;
  periodFrom: string;
  periodTo: string;
  /** Figures that fired it: e.g. { nps, previousNps, change, low, high } or { detractorShare, threshold, n }. */
  figures: Record<string, number>;
  createdAt: Date;
  emailedAt: Date | null;
}

export interface AlertsService {
  createRule(input: Omit<AlertRule, 'id' | 'active'> & { actorId: string | null }): Promise<AlertRule>;
  listRules(unitId?: string): Promise<AlertRule[]>;
  /** Alerts for units within the given roots (null: everything), newest first. */
  listAlerts(options: { rootIds: string[] | null; limit?: number }): Promise<Alert[]>;
  /**
   * Evaluates every active rule for the period that ends the day before `today` (YYYY-MM-DD; default: today in
   * Helsinki) against the period of equal length before it; stores new alerts and e-mails the managers of the unit.
   */
  evaluate(today?: string): Promise<{ created: number; emailed: number }>;
}

// ---- Service -------------------------------------------------------------------------------------------------------

export interface InsightsService {
  /** Every figure of the scope with its breakdowns. Throws NotFoundError unit_not_found, ValidationError. */
  summary(scope: InsightsScope): Promise<Summary>;
  trend(scope: InsightsScope, grain: Grain): Promise<Trend>;
  /** The scope unit's children (each a subtree) plus the responses given directly to the unit. */
  children(scope: InsightsScope): Promise<ChildrenTable>;
  /** The period against the period of equal length just before it. */
  compare(scope: InsightsScope): Promise<Comparison>;
  /** Unsuppressed counts grouped by the given dimensions. For exports; suppress before showing. */
  cells(scope: InsightsScope, groupBy: CellDimension[]): Promise<RawCell[]>;
  minGroupSize(): number;
}

export interface AggregatesMaintenance {
  /** Folds pending new responses into the aggregates; returns how many it folded. Safe to run concurrently. */
  catchUp(options?: { maxResponses?: number }): Promise<number>;
  /** Recomputes every aggregate from the responses (e.g. after a bulk import). */
  rebuild(onProgress?: (done: number, total: number) => void): Promise<{ responses: number }>;
  /** Responses stored but not yet in the aggregates. */
  pending(): Promise<number>;
}

export interface InsightsModule {
  service: InsightsService;
  aggregates: AggregatesMaintenance;
  alerts: AlertsService;
  routes: RouteRegistrar;
  /** Registers the aggregator and alert jobs on the queue. */
  registerJobs(): void;
}

export interface InsightsDeps {
  db: Kysely<DB>;
  logger: Logger;
  jobs: JobQueue;
  organisation: FullOrganisationService;
  surveys: Pick<SurveysService, 'getCurrent'>;
  auth: StaffAuth;
  staff: Pick<StaffService, 'listUsers'>;
  minGroupSize: number;
  /** Alerts are e-mailed through it; without one they are only listed. */
  mailer?: Mailer;
  publicUrl: string;
  now?: () => Date;
}

/** The roles that may read aggregates of their subtree: every role with that permission (handlers too). */
export const INSIGHTS_READ_ROLES: readonly StaffRole[] = rolesWith('read_aggregates');

export type { StaffPrincipal };
export { createInsightsModule } from './insights.module.ts';
export { suppressCells } from './suppression.ts';
