// Tables of the kiosk feature (migration 20261122040000_kiosk.sql).
import type { Generated } from 'kysely';
import type { NullableTimestamp, RequiredTimestamp, Timestamp } from '../column-types.ts';

export interface KioskDevicesTable {
  id: Generated<string>;
  unit_id: string;
  name: string;
  survey_id: string;
  main_question: string;
  follow_up_question: string | null;
  free_text_question: string | null;
  languages: Generated<string[]>;
  reset_seconds: Generated<number>;
  thanks_seconds: Generated<number>;
  repeat_interval_ms: Generated<number>;
  silent_after_minutes: Generated<number>;
  opening_days: Generated<number[]>;
  opens_at: Generated<string>;
  closes_at: Generated<string>;
  config_version: Generated<number>;
  enrol_code_hash: string | null;
  enrol_code_expires_at: NullableTimestamp;
  token_hash: string | null;
  enrolled_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_contact_at: NullableTimestamp;
  queue_length: number | null;
  app_version: string | null;
  rejected_count: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KioskAnswersTable {
  response_id: string;
  device_id: string;
  repeat: boolean;
  answered_at: RequiredTimestamp;
}

export interface KioskAlertsTable {
  id: Generated<number>;
  device_id: string;
  raised_at: Timestamp;
  silent_since: NullableTimestamp;
  resolved_at: NullableTimestamp;
  emailed_at: NullableTimestamp;
}

export interface KioskTables {
  kiosk_devices: KioskDevicesTable;
  kiosk_answers: KioskAnswersTable;
  kiosk_alerts: KioskAlertsTable;
}
