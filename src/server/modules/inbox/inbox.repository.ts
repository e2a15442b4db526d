import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FeedbackItemsTable } from '../../db/tables/feedback.ts';
import type {
  InboxEventKind,
  InboxRepliesTable,
  InboxReplyTemplatesTable,
  InboxRoutingRulesTable,
} from '../../db/tables/inbox.ts';
import type { FeedbackStatus, FeedbackType } from '../feedback/index.ts';
import { CLOSED_STATUSES } from './inbox.status.ts';

// SQL of the inbox. Every writer takes the executor, so the service can put several in one transaction.

export interface NewEvent {
  feedbackId: string;
  kind: InboxEventKind;
  actorId: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  unitId?: string | null;
  assigneeId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export async function insertEvents(db: Kysely<DB>, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('inbox_events')
    .values(
      events.map((e) => ({
        feedback_id: e.feedbackId,
        kind: e.kind,
        actor_id: e.actorId,
        from_status: e.fromStatus ?? null,
        to_status: e.toStatus ?? null,
        unit_id: e.unitId ?? null,
        assignee_id: e.assigneeId ?? null,
        details: JSON.stringify(e.details ?? {}),
      })),
    )
    .execute();
}

export type WorkflowPatch = Pick<
  Updateable<FeedbackItemsTable>,
  | 'status'
  | 'routed_unit_id'
  | 'assignee_id'
  | 'duplicate_of_id'
  | 'moderation'
  | 'published_at'
  | 'public_reply'
  | 'public_reply_at'
  | 'reply_due_at'
  | 'public_description'
>;

/** Only the workflow columns, and always updated_at (Open311 updated_after reads it). */
export async function updateWorkflow(db: Kysely<DB>, id: string, patch: WorkflowPatch): Promise<void> {
  await db
    .updateTable('feedback_items')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function getTrackingToken(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('feedback_items')
    .select('tracking_token')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.tracking_token;
}

/** Locks the item's row for the rest of the transaction, so two people cannot move it at the same time. */
export async function lockItem(
  db: Kysely<DB>,
  id: string,
): Promise<Selectable<FeedbackItemsTable> | undefined> {
  return db.selectFrom('feedback_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findIdByPublicId(db: Kysely<DB>, publicId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('feedback_items')
    .select('id')
    .where('public_id', '=', publicId)
    .executeTakeFirst();
  return row?.id;
}

export interface ListQuery {
  /** null: everywhere (a global role). An empty list matches nothing. */
  unitIds: string[] | null;
  statuses?: FeedbackStatus[];
  types?: FeedbackType[];
  overdueAt?: Date;
  assigneeId?: string | null;
  tag?: string;
  limit: number;
  offset: number;
}

export type ListRow = Pick<
  Selectable<FeedbackItemsTable>,
  | 'id'
  | 'public_id'
  | 'type'
  | 'status'
  | 'moderation'
  | 'language'
  | 'routed_unit_id'
  | 'assignee_id'
  | 'wants_reply'
  | 'reply_channel'
  | 'description_redacted'
  | 'created_at'
  | 'reply_due_at'
>;

export async function listItems(
  db: Kysely<DB>,
  query: ListQuery,
): Promise<{ rows: ListRow[]; total: number }> {
  if (query.unitIds !== null && query.unitIds.length === 0) return { rows: [], total: 0 };
  let base = db.selectFrom('feedback_items as f');
  if (query.unitIds !== null) base = base.where('f.routed_unit_id', 'in', query.unitIds);
  if (query.statuses?.length) base = base.where('f.status', 'in', query.statuses);
  if (query.types?.length) base = base.where('f.type', 'in', query.types);
  if (query.overdueAt) {
    base = base
      .where('f.reply_due_at', '<=', query.overdueAt)
      .where('f.status', 'not in', [...CLOSED_STATUSES]);
  }
  if (query.assigneeId === null) base = base.where('f.assignee_id', 'is', null);
  else if (query.assigneeId !== undefined) base = base.where('f.assignee_id', '=', query.assigneeId);
  if (query.tag) {
    const tag = query.tag;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('inbox_tags as t')
          .select('t.tag')
          .whereRef('t.feedback_id', '=', 'f.id')
          .where('t.tag', '=', tag),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select([
        'f.id',
        'f.public_id',
        'f.type',
        'f.status',
        'f.moderation',
        'f.language',
        'f.routed_unit_id',
        'f.assignee_id',
        'f.wants_reply',
        'f.reply_channel',
        'f.description_redacted',
        'f.created_at',
        'f.reply_due_at',
      ])
      .orderBy('f.created_at', 'desc')
      .orderBy('f.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function tagsFor(db: Kysely<DB>, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('inbox_tags')
    .select(['feedback_id', 'tag'])
    .where('feedback_id', 'in', ids)
    .orderBy('tag')
    .execute();
  for (const row of rows) map.set(row.feedback_id, [...(map.get(row.feedback_id) ?? []), row.tag]);
  return map;
}

export async function listEvents(db: Kysely<DB>, id: string) {
  return db.selectFrom('inbox_events').selectAll().where('feedback_id', '=', id).orderBy('id').execute();
}

export async function listNotes(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('inbox_notes')
    .selectAll()
    .where('feedback_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertNote(
  db: Kysely<DB>,
  note: { feedbackId: string; authorId: string; body: string },
): Promise<string> {
  const row = await db
    .insertInto('inbox_notes')
    .values({ feedback_id: note.feedbackId, author_id: note.authorId, body: note.body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** true when the tag was new on the item. */
export async function insertTag(
  db: Kysely<DB>,
  tag: { feedbackId: string; tag: string; actorId: string },
): Promise<boolean> {
  const row = await db
    .insertInto('inbox_tags')
    .values({ feedback_id: tag.feedbackId, tag: tag.tag, created_by: tag.actorId })
    .onConflict((oc) => oc.columns(['feedback_id', 'tag']).doNothing())
    .returning('tag')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteTag(db: Kysely<DB>, feedbackId: string, tag: string): Promise<boolean> {
  const result = await db
    .deleteFrom('inbox_tags')
    .where('feedback_id', '=', feedbackId)
    .where('tag', '=', tag)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listReplies(db: Kysely<DB>, id: string): Promise<Selectable<InboxRepliesTable>[]> {
  return db
    .selectFrom('inbox_replies')
    .selectAll()
    .where('feedback_id', '=', id)
    .orderBy('created_at')
    .execute();
}

export async function insertReply(
  db: Kysely<DB>,
  reply: Omit<Selectable<InboxRepliesTable>, 'id' | 'created_at'>,
): Promise<string> {
  const row = await db.insertInto('inbox_replies').values(reply).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function listTemplates(db: Kysely<DB>): Promise<Selectable<InboxReplyTemplatesTable>[]> {
  return db.selectFrom('inbox_reply_templates').selectAll().orderBy('key').orderBy('language').execute();
}

export async function getTemplate(db: Kysely<DB>, key: string, language: string) {
  return db
    .selectFrom('inbox_reply_templates')
    .selectAll()
    .where('key', '=', key)
    .where('language', '=', language as 'fi' | 'sv' | 'en')
    .executeTakeFirst();
}

export async function upsertTemplate(
  db: Kysely<DB>,
  template: Pick<
    Selectable<InboxReplyTemplatesTable>,
    'key' | 'language' | 'name' | 'subject' | 'body' | 'updated_by'
  >,
): Promise<void> {
  await db
    .insertInto('inbox_reply_templates')
    .values(template)
    .onConflict((oc) =>
      oc.columns(['key', 'language']).doUpdateSet({
        name: template.name,
        subject: template.subject,
        body: template.body,
        updated_by: template.updated_by,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

export async function listRules(db: Kysely<DB>): Promise<Selectable<InboxRoutingRulesTable>[]> {
  return db.selectFrom('inbox_routing_rules').selectAll().orderBy('position').orderBy('created_at').execute();
}

export async function insertRule(
  db: Kysely<DB>,
  rule: { feedbackType: string | null; serviceAreaId: string | null; targetUnitId: string; actorId: string },
): Promise<Selectable<InboxRoutingRulesTable>> {
  return db
    .insertInto('inbox_routing_rules')
    .values({
      position: sql<number>`coalesce((select max(position) from inbox_routing_rules), 0) + 1`,
      feedback_type: rule.feedbackType,
      service_area_id: rule.serviceAreaId,
      target_unit_id: rule.targetUnitId,
      created_by: rule.actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getRule(db: Kysely<DB>, id: string) {
  return db.selectFrom('inbox_routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteRule(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('inbox_routing_rules').where('id', '=', id).execute();
}

/** Open items past their deadline that have not been escalated for that deadline yet. */
export async function listUnescalatedOverdue(db: Kysely<DB>, now: Date, limit = 500) {
  return db
    .selectFrom('feedback_items as f')
    .select(['f.id', 'f.public_id', 'f.type', 'f.routed_unit_id', 'f.reply_due_at', 'f.status'])
    .where('f.reply_due_at', '<=', now)
    .where('f.status', 'not in', [...CLOSED_STATUSES])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('inbox_escalations as e')
            .select('e.feedback_id')
            .whereRef('e.feedback_id', '=', 'f.id')
            // The deadline travels through JavaScript (millisecond precision) on its way into inbox_escalations.
            .where(sql<boolean>`e.due_at = date_trunc('milliseconds', f.reply_due_at)`),
        ),
      ),
    )
    .orderBy('f.reply_due_at')
    .limit(limit)
    .execute();
}

export async function insertEscalation(
  db: Kysely<DB>,
  escalation: { feedbackId: string; dueAt: Date; unitId: string | null; recipients: number },
): Promise<void> {
  await db
    .insertInto('inbox_escalations')
    .values({
      feedback_id: escalation.feedbackId,
      due_at: escalation.dueAt,
      unit_id: escalation.unitId,
      recipients: escalation.recipients,
    })
    .onConflict((oc) => oc.columns(['feedback_id', 'due_at']).doNothing())
    .execute();
}

/** true for the first caller on a Helsinki day: the digest goes out once even with several instances. */
export async function claimDigestDay(db: Kysely<DB>, day: string): Promise<boolean> {
  const row = await db
    .insertInto('inbox_digest_runs')
    .values({ day })
    .onConflict((oc) => oc.column('day').doNothing())
    .returning('day')
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordDigestCount(db: Kysely<DB>, day: string, sent: number): Promise<void> {
  await db.updateTable('inbox_digest_runs').set({ sent }).where('day', '=', day).execute();
}

/** Open items, for the digest: id, reference, unit, assignee and deadline (no text). */
export async function listOpenItems(db: Kysely<DB>) {
  return db
    .selectFrom('feedback_items')
    .select(['id', 'public_id', 'type', 'status', 'routed_unit_id', 'assignee_id', 'reply_due_at'])
    .where('status', 'not in', [...CLOSED_STATUSES])
    .orderBy('reply_due_at')
    .orderBy('created_at')
    .execute();
}

export async function publicLog(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('inbox_events')
    .select(['feedback_id', 'kind', 'to_status', 'details', 'created_at'])
    .where('feedback_id', 'in', ids)
    .where('kind', 'in', ['received', 'status_changed'])
    .orderBy('id')
    .execute();
}

/**
 * Whether a recurring job already has a run waiting: any unfinished one that may still run, or with `after` only
 * one due later than that (a running job is itself unfinished, so it asks for runs after its own).
 */
export async function hasPendingRun(db: Kysely<DB>, name: string, after: Date | null): Promise<boolean> {
  let query = db
    .selectFrom('jobs')
    .select('id')
    .where('name', '=', name)
    .where('done_at', 'is', null)
    .whereRef('attempts', '<', 'max_attempts');
  if (after) query = query.where('run_at', '>', after);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The marker left in a reply whose text has passed its retention period. */
export const PURGED_TEXT = '–';

/** Deletes internal notes and blanks reply texts written before the cutoff; returns how many went. */
export async function purgeTextsOlderThan(db: Kysely<DB>, cutoff: Date): Promise<number> {
  const notes = await db.deleteFrom('inbox_notes').where('created_at', '<', cutoff).executeTakeFirst();
  const replies = await db
    .updateTable('inbox_replies')
    .set({ body: PURGED_TEXT, subject: null })
    .where('created_at', '<', cutoff)
    .where('body', '<>', PURGED_TEXT)
    .executeTakeFirst();
  return Number(notes.numDeletedRows) + Number(replies.numUpdatedRows);
}
