// Tables of the insights feature (migrations 20261122030000_insights_aggregates.sql, 20261122030010_insights_alerts.sql).
import type { Generated } from 'kysely';
import type { DateOnly, Json, NullableTimestamp, Timestamp } from '../column-types.ts';

export interface InsightsPendingTable {
  response_id: string;
}

/** insights_day and insights_month (day = the month's first day) have the same columns. */
export interface InsightsRollupTable {
  unit_id: string;
  day: DateOnly;
  survey_id: string;
  channel: string;
  language: string;
  respondent_type: string;
  age_group: string;
  question_id: string;
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
  insights_day: InsightsRollupTable;
  insights_month: InsightsRollupTable;
  insights_delta: InsightsDeltaTable;
  insights_alert_rules: InsightsAlertRulesTable;
  insights_alerts: InsightsAlertsTable;
}
