// Tables of the insights feature (migrations 20261122030000_insights_aggregates.sql, 20261122030010_insights_alerts.sql,
// 20261122030100_insights_compact_rollups.sql).
import type { Generated } from 'kysely';
import type { DateOnly, Json, NullableTimestamp, Timestamp } from '../column-types.ts';

export interface InsightsPendingTable {
  response_id: string;
}

interface RollupCounts {
  nx: Generated<number>;
  n0: Generated<number>;
  n1: Generated<number>;
  n2: Generated<number>;
  n3: Generated<number>;
  n4: Generated<number>;
  n5: Generated<number>;
  n6: Generated<number>;
  n7: Generated<number>;
  n8: Generated<number>;
  n9: Generated<number>;
  n10: Generated<number>;
}

/** insights_day: the '' slice (every response) per unit × day × survey × question. */
export interface InsightsDayTable extends RollupCounts {
  unit_id: string;
  day: DateOnly;
  survey_id: string;
  question_id: string;
}

/** insights_month (day = the month's first day), in slices: dim '' or one dimension and its value. */
export interface InsightsMonthTable extends RollupCounts {
  dim: '' | 'channel' | 'language' | 'respondent_type' | 'age_group';
  unit_id: string;
  day: DateOnly;
  dim_value: string;
  survey_id: string;
  question_id: string;
}

/** insights_tree_month: the month slices summed over each unit's strict subtree by the current tree. */
export interface InsightsTreeMonthTable extends RollupCounts {
  dim: InsightsMonthTable['dim'];
  ancestor_id: string;
  day: DateOnly;
  dim_value: string;
  survey_id: string;
  question_id: string;
}

/** A row here means the tree changed since the subtree sums were made: reads add up unit rows instead. */
export interface InsightsTreeDirtyTable {
  marked_at: Timestamp;
}

export interface InsightsDeltaTable {
  unit_id: string;
  day: DateOnly;
  survey_id: string;
  channel: string;
  language: string;
  respondent_type: string;
  age_group: string;
  question_id: string;
  value: number;
  sign: number;
}

export interface InsightsAlertRulesTable {
  id: Generated<string>;
  kind: string;
  unit_id: string;
  include_descendants: Generated<boolean>;
  threshold: number | null;
  period_days: Generated<number>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface InsightsAlertsTable {
  id: Generated<string>;
  rule_id: string;
  unit_id: string;
  period_from: DateOnly;
  period_to: DateOnly;
  figures: Json<Record<string, number>>;
  created_at: Timestamp;
  emailed_at: NullableTimestamp;
}

export interface InsightsTables {
  insights_pending: InsightsPendingTable;
  insights_day: InsightsDayTable;
  insights_month: InsightsMonthTable;
  insights_tree_month: InsightsTreeMonthTable;
  insights_tree_dirty: InsightsTreeDirtyTable;
  insights_delta: InsightsDeltaTable;
  insights_alert_rules: InsightsAlertRulesTable;
  insights_alerts: InsightsAlertsTable;
}
