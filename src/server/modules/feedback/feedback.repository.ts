import { sql, type Insertable, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type {
  FeedbackAttachmentsTable,
  FeedbackContactsTable,
  FeedbackItemsTable,
  FeedbackOriginalsTable,
} from '../../db/tables/feedback.ts';
import type { AttachmentInfo, FeedbackItem, ImportedState, PublicQuery } from './index.ts';

// SQL of the feedback module. Every function takes the executor so the service can run it in a transaction.

export interface PreparedFeedback {
  item: Insertable<FeedbackItemsTable> & { id: string; public_id: string; tracking_token: string };
  original: Insertable<FeedbackOriginalsTable> | null;
  contact: Insertable<FeedbackContactsTable> | null;
  attachments: Insertable<FeedbackAttachmentsTable>[];
}

type ItemRow = Selectable<FeedbackItemsTable> & { has_original: SqlBool };

const ATTACHMENT_INFO = [
  'id',
  'feedback_id',
  'position',
  'mime',
  'size_bytes',
  'width',
  'height',
  'withheld',
] as const;

export async function findBySubmission(db: Kysely<DB>, submissionId: string) {
  return db
    .selectFrom('feedback_items')
    .select(['id', 'public_id', 'tracking_token'])
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
}

/** Inserts the item unless its submission_id exists; true when it was inserted (then the rest follows). */
export async function insertFeedback(db: Kysely<DB>, prepared: PreparedFeedback): Promise<boolean> {
  const inserted = await db
    .insertInto('feedback_items')
    .values(prepared.item)
    .onConflict((oc) => oc.column('submission_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (prepared.original) await db.insertInto('feedback_originals').values(prepared.original).execute();
  if (prepared.contact) await db.insertInto('feedback_contacts').values(prepared.contact).execute();
  for (const attachment of prepared.attachments)
    await db.insertInto('feedback_attachments').values(attachment).execute();
  return true;
}

function itemQuery(db: Kysely<DB>) {
  return db
    .selectFrom('feedback_items as f')
    .selectAll('f')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('feedback_originals as o')
            .select('o.feedback_id')
            .whereRef('o.feedback_id', '=', 'f.id'),
        )
        .as('has_original'),
    );
}

function toAttachment(
  row: Pick<Selectable<FeedbackAttachmentsTable>, (typeof ATTACHMENT_INFO)[number]>,
): AttachmentInfo {
  return {
    id: row.id,
    position: row.position,
    mime: row.mime,
    sizeBytes: row.size_bytes,
    width: row.width,
    height: row.height,
    withheld: row.withheld,
  };
}

function toItem(row: ItemRow, attachments: AttachmentInfo[]): FeedbackItem {
  return {
    id: row.id,
    publicId: row.public_id,
    type: row.type,
    unitId: row.unit_id,
    routedUnitId: row.routed_unit_id,
    title: row.title,
    descriptionRedacted: row.description_redacted,
    publicDescription: row.public_description,
    redactions: row.redactions,
    hasOriginal: Boolean(row.has_original),
    language: row.language,
    wantsReply: row.wants_reply,
    replyChannel: row.reply_channel,
    status: row.status,
    duplicateOfId: row.duplicate_of_id,
    assigneeId: row.assignee_id,
    moderation: row.moderation,
    publishedAt: row.published_at,
    publicReply: row.public_reply,
    publicReplyAt: row.public_reply_at,
    replyDueAt: row.reply_due_at,
    lat: row.lat,
    long: row.long,
    address: row.address,
    source: row.source,
    apiClientId: row.api_client_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attachments,
  };
}

async function withAttachments(
  db: Kysely<DB>,
  rows: ItemRow[],
  publicOnly: boolean,
): Promise<FeedbackItem[]> {
  if (rows.length === 0) return [];
  let query = db
    .selectFrom('feedback_attachments')
    .select(ATTACHMENT_INFO)
    .where(
      'feedback_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('feedback_id')
    .orderBy('position');
  if (publicOnly) query = query.where('withheld', '=', false);
  const attachments = await query.execute();
  const byItem = new Map<string, AttachmentInfo[]>();
  for (const a of attachments) {
    const list = byItem.get(a.feedback_id) ?? [];
    list.push(toAttachment(a));
    byItem.set(a.feedback_id, list);
  }
  return rows.map((row) => toItem(row, byItem.get(row.id) ?? []));
}

export async function getItem(
  db: Kysely<DB>,
  by: { id: string } | { publicId: string },
): Promise<FeedbackItem | undefined> {
  const query = itemQuery(db);
  const row = await (
    'id' in by ? query.where('f.id', '=', by.id) : query.where('f.public_id', '=', by.publicId)
  ).executeTakeFirst();
  if (!row) return undefined;
  const [item] = await withAttachments(db, [row], false);
  return item;
}

export async function getByToken(db: Kysely<DB>, token: string) {
  return db
    .selectFrom('feedback_items')
    .select([
      'public_id',
      'type',
      'unit_id',
      'status',
      'created_at',
      'updated_at',
      'public_reply',
      'public_reply_at',
      'wants_reply',
    ])
    .where('tracking_token', '=', token)
    .executeTakeFirst();
}

/** Great-circle distance in metres (haversine); plain SQL, no PostGIS, the same on both engines. */
function distanceWithin(near: NonNullable<PublicQuery['near']>) {
  return sql<boolean>`6371008.8 * 2 * asin(sqrt(
      power(sin(radians(f.lat - ${near.lat}::float8) / 2), 2)
      + cos(radians(${near.lat}::float8)) * cos(radians(f.lat))
        * power(sin(radians(f.long - ${near.long}::float8) / 2), 2))) <= ${near.radiusMetres}::float8`;
}

export async function listPublic(db: Kysely<DB>, q: PublicQuery): Promise<FeedbackItem[]> {
  let query = itemQuery(db).where('f.moderation', '=', 'published');
  if (q.types) query = query.where('f.type', 'in', q.types.length > 0 ? q.types : ['__none__' as 'other']);
  if (q.publicIds)
    query =
      q.publicIds.length > 0
        ? query.where('f.public_id', 'in', q.publicIds)
        : query.where(sql<boolean>`false`);
  if (q.statuses)
    query =
      q.statuses.length > 0 ? query.where('f.status', 'in', q.statuses) : query.where(sql<boolean>`false`);
  if (q.createdFrom) query = query.where('f.created_at', '>=', q.createdFrom);
  if (q.createdTo) query = query.where('f.created_at', '<=', q.createdTo);
  if (q.updatedFrom) query = query.where('f.updated_at', '>=', q.updatedFrom);
  if (q.updatedTo) query = query.where('f.updated_at', '<=', q.updatedTo);
  if (q.near) query = query.where('f.lat', 'is not', null).where(distanceWithin(q.near));
  if (q.bbox) {
    const [west, south, east, north] = q.bbox;
    query = query
      .where('f.long', '>=', west)
      .where('f.long', '<=', east)
      .where('f.lat', '>=', south)
      .where('f.lat', '<=', north);
  }
  if (q.unitId) {
    const root = q.unitId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('org_unit_closure as c')
          .select('c.descendant_id')
          .where('c.ancestor_id', '=', root)
          .whereRef('c.descendant_id', '=', 'f.unit_id'),
      ),
    );
  }
  const rows = await query.orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').limit(q.limit).execute();
  return withAttachments(db, rows, true);
}

export async function setState(db: Kysely<DB>, id: string, state: ImportedState): Promise<number> {
  const result = await db
    .updateTable('feedback_items')
    .set({
      status: state.status,
      moderation: state.moderation,
      published_at: state.moderation === 'published' ? state.updatedAt : null,
      public_reply: state.publicReply ?? null,
      public_reply_at: state.publicReply ? (state.publicReplyAt ?? state.updatedAt) : null,
      created_at: state.createdAt,
      updated_at: state.updatedAt,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function getOriginal(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('feedback_originals')
    .select('ciphertext')
    .where('feedback_id', '=', id)
    .executeTakeFirst();
}

export async function getContact(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('feedback_contacts')
    .select('ciphertext')
    .where('feedback_id', '=', id)
    .executeTakeFirst();
}

export async function getAttachment(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('feedback_attachments as a')
    .innerJoin('feedback_items as f', 'f.id', 'a.feedback_id')
    .select([
      'a.id',
      'a.feedback_id',
      'a.position',
      'a.mime',
      'a.size_bytes',
      'a.width',
      'a.height',
      'a.withheld',
      'a.content',
      'f.moderation',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}
