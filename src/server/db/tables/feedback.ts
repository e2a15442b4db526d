// Tables of the feedback feature (migration 20261122020000_feedback.sql).
import type { ColumnType } from 'kysely';
import type { JsonDefault, NullableTimestamp, Timestamp } from '../column-types.ts';

export type FeedbackTypeColumn = 'praise' | 'question' | 'idea' | 'complaint' | 'accessibility' | 'other';
export type FeedbackStatusColumn = 'received' | 'allocated' | 'handling' | 'done' | 'duplicate' | 'rejected';
export type FeedbackModerationColumn = 'pending' | 'published' | 'withheld';

/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface Open311ClientsTable {
  id: Defaulted<string>;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface FeedbackItemsTable {
  id: string;
  submission_id: string;
  public_id: string;
  tracking_token: string;
  type: FeedbackTypeColumn;
  unit_id: string | null;
  routed_unit_id: string | null;
  title: string | null;
  description_redacted: string;
  /** Added by the inbox migration (20261122021000): the moderator's public wording; null = description_redacted. */
  public_description: ColumnType<string | null, string | null | undefined, string | null>;
  redactions: JsonDefault<Record<string, number>>;
  language: 'fi' | 'sv' | 'en';
  wants_reply: Defaulted<boolean>;
  reply_channel: 'email' | 'sms' | null;
  status: Defaulted<FeedbackStatusColumn>;
  duplicate_of_id: string | null;
  assignee_id: string | null;
  moderation: Defaulted<FeedbackModerationColumn>;
  published_at: NullableTimestamp;
  public_reply: string | null;
  public_reply_at: NullableTimestamp;
  reply_due_at: NullableTimestamp;
  lat: number | null;
  long: number | null;
  address: string | null;
  source: 'web' | 'api';
  api_client_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FeedbackOriginalsTable {
  feedback_id: string;
  ciphertext: Uint8Array;
  created_at: Timestamp;
}

export interface FeedbackContactsTable {
  feedback_id: string;
  ciphertext: Uint8Array;
  created_at: Timestamp;
}

export interface FeedbackAttachmentsTable {
  id: string;
  feedback_id: string;
  position: number;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  size_bytes: number;
  width: number;
  height: number;
  content: Uint8Array;
  withheld: Defaulted<boolean>;
  created_at: Timestamp;
}

export interface FeedbackTables {
  open311_clients: Open311ClientsTable;
  feedback_items: FeedbackItemsTable;
  feedback_originals: FeedbackOriginalsTable;
  feedback_contacts: FeedbackContactsTable;
  feedback_attachments: FeedbackAttachmentsTable;
}
