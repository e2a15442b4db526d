// Tables of the sms feature (migrations 20261122050000–20261122050099, docs/sms.md).
import type { Generated } from 'kysely';
import type { NullableTimestamp, RequiredTimestamp, Timestamp } from '../column-types.ts';

export interface SmsSettingsTable {
  id: Generated<number>;
  unit_id: string | null;
  enabled: boolean | null;
  min_age: number | null;
  require_consent: boolean | null;
  follow_up_days: number | null;
  per_person_days: number | null;
  window_start_hour: number | null;
  window_end_hour: number | null;
  mode: 'link' | 'reply' | null;
  survey: string | null;
  daily_limit: number | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface SmsVisitEventsTable {
  event_id: string;
  unit_id: string | null;
  visit_at: RequiredTimestamp;
  visit_type: string | null;
  language: string;
  person_hash: Uint8Array | null;
  source: 'api' | 'csv' | 'fhir';
  decision: 'invited' | 'ineligible';
  reason: string | null;
  received_at: Timestamp;
}

export type SmsInvitationStatus = 'pending' | 'sent' | 'delivered' | 'failed' | 'dead' | 'cancelled';

export interface SmsInvitationsTable {
  id: string;
  event_id: string;
  unit_id: string;
  survey_id: string;
  person_hash: Uint8Array;
  phone_ciphertext: Uint8Array | null;
  language: string;
  mode: 'link' | 'reply';
  window_start_hour: number;
  window_end_hour: number;
  token_hash: Uint8Array | null;
  expires_at: NullableTimestamp;
  status: Generated<SmsInvitationStatus>;
  attempts: Generated<number>;
  next_attempt_at: RequiredTimestamp;
  locked_until: NullableTimestamp;
  last_error: string | null;
  sent_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  answered_at: NullableTimestamp;
  response_id: string | null;
  created_at: Timestamp;
}

export interface SmsOptOutsTable {
  person_hash: Uint8Array;
  created_at: Timestamp;
}

export interface SmsDailySendsTable {
  day: string;
  sent: Generated<number>;
}

export interface SmsIntegrationKeysTable {
  id: Generated<string>;
  name: string;
  key_hash: Uint8Array;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface SmsTables {
  sms_settings: SmsSettingsTable;
  sms_visit_events: SmsVisitEventsTable;
  sms_invitations: SmsInvitationsTable;
  sms_opt_outs: SmsOptOutsTable;
  sms_daily_sends: SmsDailySendsTable;
  sms_integration_keys: SmsIntegrationKeysTable;
}
