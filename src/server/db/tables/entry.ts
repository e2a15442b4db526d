// Tables of staff entry of paper and oral feedback (migration 20261122060000_staff_entry.sql) and of the
// home-care mobile mode (20261122060100_home_care.sql) and chat satisfaction (20261122060200_chat_ratings.sql).
import type { ColumnType } from 'kysely';
import type { DateOnly, NullableTimestamp, Timestamp } from '../column-types.ts';

export interface EntryBatchesTable {
  id: string;
  survey_id: string;
  unit_id: string;
  channel: 'paper' | 'oral';
  language: 'fi' | 'sv' | 'en';
  label: string | null;
  entered_by: string;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface EntryRecordsTable {
  response_id: string;
  batch_id: string;
  form_number: number;
  entered_by: string;
  created_at: Timestamp;
}

export interface HomeCareVisitsTable {
  id: string;
  unit_id: string;
  staff_id: string;
  response_id: string | null;
  client_declined: ColumnType<boolean, boolean | undefined, boolean>;
  local_date: DateOnly;
  created_at: Timestamp;
}

export type HomeCareOnTime = 'yes' | 'partly' | 'no';
export type HomeCareAffectedBy = 'nothing' | 'timing' | 'lack_of_time' | 'other';

export interface HomeCareAssessmentsTable {
  visit_id: string;
  on_time: HomeCareOnTime;
  affected_by: HomeCareAffectedBy;
  note_redacted: string | null;
  created_at: Timestamp;
}

export interface ChatRatingsTable {
  id: string;
  system: string;
  external_id: string;
  unit_id: string;
  rated_at: Date | string;
  local_date: DateOnly;
  rating: number;
  comment_redacted: string | null;
  comment_original: Uint8Array | null;
  language: 'fi' | 'sv' | 'en' | null;
  source: 'api' | 'csv';
  created_at: Timestamp;
}

export interface EntryTables {
  entry_batches: EntryBatchesTable;
  entry_records: EntryRecordsTable;
  home_care_visits: HomeCareVisitsTable;
  home_care_assessments: HomeCareAssessmentsTable;
  chat_ratings: ChatRatingsTable;
}
