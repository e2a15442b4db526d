// Row types for Kysely, kept by hand beside the migrations. Generated<T> marks columns with a database default.
// Core tables live here; each later feature keeps its tables in db/tables/<feature>.ts and DB extends them all,
// so features never edit the same lines.
import type { ColumnType, Generated } from 'kysely';
import type {
  DateOnly,
  Json,
  JsonDefault,
  NullableTimestamp,
  RequiredTimestamp,
  Timestamp,
} from './column-types.ts';
import type { InsightsTables } from './tables/insights.ts';
import type { FeedbackTables } from './tables/feedback.ts';
import type { AccessTables } from './tables/access.ts';
import type { KioskTables } from './tables/kiosk.ts';
import type { SmsTables } from './tables/sms.ts';
import type { EntryTables } from './tables/entry.ts';
import type { AnalysisTables } from './tables/analysis.ts';
import type { ReportsTables } from './tables/reports.ts';
import type { InboxTables } from './tables/inbox.ts';

export interface OrgUnitsTable {
  id: string;
  parent_id: string | null;
  type: 'division' | 'service_area' | 'service' | 'unit' | 'site' | 'other';
  name_fi: string;
  name_sv: string | null;
  name_en: string | null;
  oid: string | null;
  valid_from: DateOnly | null;
  valid_to: DateOnly | null;
  merged_into_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgUnitClosureTable {
  ancestor_id: string;
  descendant_id: string;
  depth: number;
}

export interface OrgUnitEventsTable {
  id: Generated<number>;
  unit_id: string;
  kind: 'created' | 'updated' | 'moved' | 'merged' | 'closed' | 'reopened';
  from_parent_id: string | null;
  to_parent_id: string | null;
  merged_into_id: string | null;
  changes: JsonDefault<Record<string, unknown>>;
  actor_id: string | null;
  source: Generated<string>;
  created_at: Timestamp;
}

export interface SurveysTable {
  id: Generated<string>;
  slug: string;
  template: string | null;
  current_version_id: string | null;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyVersionsTable {
  id: Generated<string>;
  survey_id: string;
  version: number;
  definition: Json<object>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SurveyPublicationsTable {
  id: Generated<string>;
  survey_id: string;
  unit_id: string;
  include_subtree: Generated<boolean>;
  channels: string[];
  created_by: string | null;
  created_at: Timestamp;
  ended_at: NullableTimestamp;
}

export interface ShortLinksTable {
  code: string;
  survey_id: string;
  unit_id: string;
  created_at: Timestamp;
}

export interface ResponsesTable {
  id: Generated<string>;
  submission_id: string;
  survey_id: string;
  survey_version_id: string;
  unit_id: string;
  channel: string;
  language: string;
  respondent_type: string | null;
  age_group: string | null;
  recommendation: number | null;
  answers: Json<Record<string, unknown>>;
  submitted_at: RequiredTimestamp;
  received_at: Timestamp;
  local_date: DateOnly;
  /** Kept but excluded from results: 'repeat' (kiosk misuse filter) or 'test'. Null for a normal response. */
  flag: ColumnType<'repeat' | 'test' | null, 'repeat' | 'test' | null | undefined, 'repeat' | 'test' | null>;
}

export interface ResponseTextsTable {
  response_id: string;
  question_id: string;
  text_redacted: string;
  redactions: JsonDefault<Record<string, number>>;
  detected_language: string | null;
}

export interface ResponseTextOriginalsTable {
  response_id: string;
  question_id: string;
  ciphertext: Uint8Array;
  created_at: Timestamp;
}

export interface ResponseContactsTable {
  response_id: string;
  ciphertext: Uint8Array;
  created_at: Timestamp;
}

export interface StaffUsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  locale: Generated<'fi' | 'sv' | 'en'>;
  disabled_at: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffRoleAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  role: 'admin' | 'coordinator' | 'manager' | 'handler' | 'analyst' | 'viewer';
  unit_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface StaffSessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: RequiredTimestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email_hash: string;
  ip: string;
  succeeded: boolean;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: JsonDefault<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: JsonDefault<Record<string, unknown>>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  last_error: string | null;
  done_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface DB
  extends
    InsightsTables,
    FeedbackTables,
    AccessTables,
    KioskTables,
    SmsTables,
    EntryTables,
    AnalysisTables,
    ReportsTables,
    InboxTables {
  org_units: OrgUnitsTable;
  org_unit_closure: OrgUnitClosureTable;
  org_unit_events: OrgUnitEventsTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  survey_publications: SurveyPublicationsTable;
  short_links: ShortLinksTable;
  responses: ResponsesTable;
  response_texts: ResponseTextsTable;
  response_text_originals: ResponseTextOriginalsTable;
  response_contacts: ResponseContactsTable;
  staff_users: StaffUsersTable;
  staff_role_assignments: StaffRoleAssignmentsTable;
  staff_sessions: StaffSessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  settings: SettingsTable;
  schema_migrations: SchemaMigrationsTable;
}
