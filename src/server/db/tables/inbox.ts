// Tables of the inbox feature (migration 20261122021000_inbox.sql).
import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, JsonDefault, Timestamp } from '../column-types.ts';

export type InboxEventKind =
  | 'received'
  | 'routed'
  | 'status_changed'
  | 'assigned'
  | 'unassigned'
  | 'note_added'
  | 'tagged'
  | 'untagged'
  | 'replied'
  | 'reply_failed'
  | 'public_reply_set'
  | 'published'
  | 'withheld'
  | 'public_text_edited'
  | 'escalated'
  | 'contact_read'
  | 'original_read';

/** A uuid column with a database default: optional on insert. */
type DefaultedId = ColumnType<string, string | undefined, string>;

export interface InboxEventsTable {
  id: Generated<number>;
  feedback_id: string;
  kind: InboxEventKind;
  actor_id: string | null;
  from_status: string | null;
  to_status: string | null;
  unit_id: string | null;
  assignee_id: string | null;
  details: JsonDefault<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface InboxNotesTable {
  id: DefaultedId;
  feedback_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface InboxTagsTable {
  feedback_id: string;
  tag: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface InboxRepliesTable {
  id: DefaultedId;
  feedback_id: string;
  channel: 'email' | 'sms';
  language: 'fi' | 'sv' | 'en';
  template_key: string | null;
  subject: string | null;
  body: string;
  status: 'sent' | 'failed';
  error_code: string | null;
  message_id: string | null;
  sent_by: string;
  created_at: Timestamp;
}

export interface InboxReplyTemplatesTable {
  id: DefaultedId;
  key: string;
  language: 'fi' | 'sv' | 'en';
  name: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface InboxRoutingRulesTable {
  id: DefaultedId;
  position: number;
  feedback_type: string | null;
  service_area_id: string | null;
  target_unit_id: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface InboxEscalationsTable {
  feedback_id: string;
  due_at: ColumnType<Date, Date | string, Date | string>;
  unit_id: string | null;
  recipients: number;
  escalated_at: Timestamp;
}

export interface InboxDigestRunsTable {
  day: DateOnly;
  sent: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface InboxTables {
  inbox_events: InboxEventsTable;
  inbox_notes: InboxNotesTable;
  inbox_tags: InboxTagsTable;
  inbox_replies: InboxRepliesTable;
  inbox_reply_templates: InboxReplyTemplatesTable;
  inbox_routing_rules: InboxRoutingRulesTable;
  inbox_escalations: InboxEscalationsTable;
  inbox_digest_runs: InboxDigestRunsTable;
}
