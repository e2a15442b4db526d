// What the inbox shows: the list with filters (scope decided by subtree roots) and one item with its history,
// notes and replies, each trimmed to what the principal may read.
import type { StaffPrincipal } from '../staff/index.ts';
import { scopeRoots } from '../staff/index.ts';
import type { InboxFilters, InboxItemView, InboxList, InboxListItem } from './index.ts';
import { forbidden, isUuid, type InboxContext } from './inbox.context.ts';
import { isOverdue, replyDeadline } from './inbox.deadlines.ts';
import { canOpenInbox } from './inbox.policy.ts';
import * as repo from './inbox.repository.ts';
import { ALLOWED_TRANSITIONS, isClosed } from './inbox.status.ts';

export const PAGE_SIZE = 50;
const EXCERPT_LENGTH = 160;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

async function unitSet(ctx: InboxContext, roots: string[] | null): Promise<Set<string> | null> {
  if (roots === null) return null;
  const ids = await Promise.all(roots.map((root) => ctx.deps.organisation.subtreeIds(root)));
  return new Set(ids.flat());
}

export function createViews(ctx: InboxContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function list(principal: StaffPrincipal, filters: InboxFilters): Promise<InboxList> {
    if (!canOpenInbox(principal)) throw forbidden();
    let unitIds = await unitSet(ctx, scopeRoots(principal, 'read_aggregates'));
    if (filters.unitId) {
      const wanted = new Set(await deps.organisation.subtreeIds(filters.unitId));
      unitIds = unitIds === null ? wanted : new Set([...unitIds].filter((u) => wanted.has(u)));
    }
    const textUnits = await unitSet(ctx, scopeRoots(principal, 'read_redacted_text'));
    const page = Math.max(1, Math.floor(filters.page ?? 1));
    let assigneeId: string | null | undefined;
    if (filters.assignee === 'me') assigneeId = principal.userId;
    else if (filters.assignee === 'none') assigneeId = null;
    else if (filters.assignee && isUuid(filters.assignee)) assigneeId = filters.assignee;
    const now = ctx.now();
    const { rows, total } = await repo.listItems(db, {
      unitIds: unitIds === null ? null : [...unitIds],
      statuses: filters.statuses,
      types: filters.types,
      overdueAt: filters.overdue ? now : undefined,
      assigneeId,
      tag: filters.tag?.trim().toLowerCase() || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const [tags, users, units] = await Promise.all([
      repo.tagsFor(
        db,
        rows.map((r) => r.id),
      ),
      ctx.users(),
      unitNames(rows.map((r) => r.routed_unit_id)),
    ]);
    const items: InboxListItem[] = rows.map((row) => {
      const readText =
        textUnits === null || (row.routed_unit_id !== null && textUnits.has(row.routed_unit_id));
      return {
        id: row.id,
        publicId: row.public_id,
        type: row.type,
        status: row.status,
        moderation: row.moderation,
        language: row.language,
        routedUnitId: row.routed_unit_id,
        routedUnitNames: row.routed_unit_id ? (units.get(row.routed_unit_id) ?? null) : null,
        assigneeId: row.assignee_id,
        assigneeName: row.assignee_id ? (users.get(row.assignee_id)?.displayName ?? null) : null,
        wantsReply: row.wants_reply,
        replyChannel: row.reply_channel,
        excerpt: readText ? excerpt(row.description_redacted) : null,
        tags: tags.get(row.id) ?? [],
        createdAt: row.created_at,
        replyDueAt: row.reply_due_at,
        overdue: isOverdue(row.reply_due_at, isClosed(row.status), now),
      };
    });
    return { items, total, page, pageSize: PAGE_SIZE };
  }

  async function unitNames(ids: (string | null)[]) {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    const units = await Promise.all(unique.map((id) => deps.organisation.getUnit(id)));
    return new Map(units.filter((u) => u !== undefined).map((u) => [u.id, u.names]));
  }

  async function getItem(principal: StaffPrincipal, id: string): Promise<InboxItemView> {
    const { item, access } = await ctx.load(principal, id);
    const [events, notes, replyRows, tags, users, units] = await Promise.all([
      repo.listEvents(db, id),
      access.act ? repo.listNotes(db, id) : Promise.resolve([]),
      access.act ? repo.listReplies(db, id) : Promise.resolve([]),
      repo.tagsFor(db, [id]),
      ctx.users(),
      unitNames([item.routedUnitId, item.unitId]),
    ]);
    const eventUnits = await unitNames(events.map((e) => e.unit_id));
    const name = (userId: string | null) => (userId ? (users.get(userId)?.displayName ?? null) : null);
    const deadline = replyDeadline({
      type: item.type,
      replyRequested: item.wantsReply,
      receivedAt: item.createdAt,
    });
    const closed = isClosed(item.status);
    return {
      access,
      item: {
        id: item.id,
        publicId: item.publicId,
        type: item.type,
        status: item.status,
        moderation: item.moderation,
        language: item.language,
        routedUnitId: item.routedUnitId,
        routedUnitNames: item.routedUnitId ? (units.get(item.routedUnitId) ?? null) : null,
        unitId: item.unitId,
        unitNames: item.unitId ? (units.get(item.unitId) ?? null) : null,
        assigneeId: item.assigneeId,
        assigneeName: name(item.assigneeId),
        wantsReply: item.wantsReply,
        replyChannel: item.replyChannel,
        excerpt: access.readText ? excerpt(item.descriptionRedacted) : null,
        description: access.readText ? item.descriptionRedacted : null,
        publicDescription: access.readText ? (item.publicDescription ?? item.descriptionRedacted) : null,
        publicReply: access.readText ? item.publicReply : null,
        publicReplyAt: item.publicReplyAt,
        publishedAt: item.publishedAt,
        duplicateOfId: item.duplicateOfId,
        hasOriginal: item.hasOriginal,
        tags: access.readText ? (tags.get(id) ?? []) : [],
        createdAt: item.createdAt,
        replyDueAt: item.replyDueAt,
        overdue: isOverdue(item.replyDueAt, closed, ctx.now()),
        deadlineRule: deadline?.rule ?? null,
        dueDate: item.replyDueAt ? (deadline?.dueDate ?? null) : null,
      },
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        actorId: e.actor_id,
        actorName: name(e.actor_id),
        fromStatus: e.from_status,
        toStatus: e.to_status,
        unitId: e.unit_id,
        unitNames: e.unit_id ? (eventUnits.get(e.unit_id) ?? null) : null,
        assigneeId: e.assignee_id,
        assigneeName: name(e.assignee_id),
        // Tags are text that analysts and viewers without readText must not see.
        details: access.readText ? e.details : {},
        createdAt: e.created_at,
      })),
      notes: notes.map((n) => ({
        id: n.id,
        authorId: n.author_id,
        authorName: name(n.author_id),
        body: n.body,
        createdAt: n.created_at,
      })),
      replies: replyRows.map((r) => ({
        id: r.id,
        channel: r.channel,
        language: r.language,
        templateKey: r.template_key,
        subject: r.subject,
        body: r.body,
        status: r.status,
        errorCode: r.error_code,
        sentBy: r.sent_by,
        sentByName: name(r.sent_by),
        createdAt: r.created_at,
      })),
      nextStatuses: access.act ? [...ALLOWED_TRANSITIONS[item.status]] : [],
    };
  }

  return { list, getItem };
}
