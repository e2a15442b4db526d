// Tables of the analysis feature (migration 20261122070000_analysis.sql).
import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Timestamp } from '../column-types.ts';

/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type ToneColumn = 'positive' | 'neutral' | 'negative' | 'mixed';

export interface AnalysisThemesTable {
  key: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  position: Defaulted<number>;
  active: Defaulted<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AnalysisResultsTable {
  id: Generated<number>;
  response_id: string | null;
  question_id: string | null;
  feedback_id: string | null;
  unit_id: string | null;
  occurred_on: DateOnly;
  language: string | null;
  tone: ToneColumn;
  tone_score: number;
  themes: Defaulted<string[]>;
  key_phrases: Defaulted<string[]>;
  model: string;
  analysed_at: Timestamp;
}

export interface AnalysisPendingTable {
  response_id: string | null;
  question_id: string | null;
  feedback_id: string | null;
  added_at: Timestamp;
}

export interface AnalysisCorrectionsTable {
  id: Generated<number>;
  response_id: string | null;
  question_id: string | null;
  feedback_id: string | null;
  themes: string[] | null;
  tone: ToneColumn | null;
  corrected_by: string | null;
  corrected_at: Timestamp;
}

export interface AnalysisModelsTable {
  id: Generated<number>;
  model: string;
  training_rows: number;
  corrections: number;
  cv_macro_f1: number | null;
  trained_at: Timestamp;
}

export interface AnalysisAlertsTable {
  id: Generated<number>;
  unit_id: string;
  theme: string;
  period_start: DateOnly;
  period_end: DateOnly;
  n: number;
  share: number;
  baseline_n: number;
  baseline_share: number;
  z: number;
  p_value: number;
  created_at: Timestamp;
}

export interface AnalysisTables {
  analysis_themes: AnalysisThemesTable;
  analysis_results: AnalysisResultsTable;
  analysis_pending: AnalysisPendingTable;
  analysis_corrections: AnalysisCorrectionsTable;
  analysis_models: AnalysisModelsTable;
  analysis_alerts: AnalysisAlertsTable;
}
