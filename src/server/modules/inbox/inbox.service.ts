import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ConflictError, DomainError, ValidationError } from '../../errors.ts';
import { can, type StaffPrincipal } from '../staff/index.ts';
import {
  FEEDBACK_STATUSES,
  type FeedbackItem,
  type FeedbackStatus,
  type SubmitHook,
} from '../feedback/index.ts';
import type { BulkAction, BulkResult, InboxService } from './index.ts';
import { createInboxContext, forbidden, isUuid, notFound } from './inbox.context.ts';
import { helsinkiDate, replyDeadline } from './inbox.deadlines.ts';
import { canOpenInbox } from './inbox.policy.ts';
import * as repo from './inbox.repository.ts';
import { chooseRoute, chosenUnitIn, rulesIn } from './inbox.routing.ts';
import { canMove } from './inbox.status.ts';
import { createReplyService } from './inbox.replies.ts';
import { createViews } from './inbox.views.ts';
import { createNotifier } from './inbox.notify.ts';
import { createRulesService } from './inbox.rules.ts';
import { scheduleRecurring } from './inbox.jobs.ts';
import type { InboxDeps } from './index.ts';

const NOTE_MAX = 5000;
const PUBLIC_TEXT_MAX = 5000;
const BULK_MAX = 200;
const TAG_PATTERN = /^[\p{L}\p{N}_ -]{1,40}$/u;

function transaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

export function createInboxService(deps: InboxDeps): InboxService {
  const ctx = createInboxContext(deps);
  const { db } = deps;
  const replies = createReplyService(ctx);
  const views = createViews(ctx);
  const rules = createRulesService(ctx);
  const notifier = createNotifier(ctx);

  const onFeedbackSubmitted: SubmitHook = async (item, trx) => {
    const route = chooseRoute(item.type, await chosenUnitIn(trx, item.unitId), await rulesIn(trx));
    const deadline = replyDeadline({
      type: item.type,
      replyRequested: item.wantsReply,
      receivedAt: item.createdAt,
    });
    await repo.updateWorkflow(trx, item.id, {
      routed_unit_id: route.unitId,
      reply_due_at: deadline?.dueAt ?? null,
    });
    await repo.insertEvents(trx, [
      { feedbackId: item.id, kind: 'received', actorId: null, toStatus: 'received', unitId: item.unitId },
      {
        feedbackId: item.id,
        kind: 'routed',
        actorId: null,
        unitId: route.unitId,
        details: { via: route.via, ruleId: route.via === 'rule' ? route.ruleId : null },
      },
    ]);
    await scheduleRecurring(trx, deps.jobs, ctx.now());
  };

  /** Runs fn on the locked row and checks nobody changed the status since the page was loaded. */
  async function withLockedItem<T>(
    id: string,
    work: (trx: Kysely<DB>, status: FeedbackStatus) => Promise<T>,
  ): Promise<T> {
    return transaction(db, async (trx) => {
      const row = await repo.lockItem(trx, id);
      if (!row) throw notFound();
      return work(trx, row.status);
    });
  }

  async function changeStatus(
    principal: StaffPrincipal,
    id: string,
    to: FeedbackStatus,
    options: { duplicateOf?: string } = {},
  ): Promise<void> {
    if (!(FEEDBACK_STATUSES as readonly string[]).includes(to)) {
      throw new ValidationError('invalid_status', 'inbox.error_invalid_status');
    }
    const item = await ctx.loadForAction(principal, id);
    let duplicateOfId: string | null = null;
    if (to === 'duplicate') duplicateOfId = await resolveDuplicate(item, options.duplicateOf);
    await withLockedItem(id, async (trx, from) => {
      if (from === to) return;
      if (!canMove(from, to)) {
        throw new ConflictError('invalid_transition', 'inbox.error_invalid_transition', { from, to });
      }
      await repo.updateWorkflow(trx, id, { status: to, duplicate_of_id: duplicateOfId });
      await repo.insertEvents(trx, [
        {
          feedbackId: id,
          kind: 'status_changed',
          actorId: principal.userId,
          fromStatus: from,
          toStatus: to,
          details: duplicateOfId ? { duplicateOfId } : {},
        },
      ]);
    });
  }

  async function resolveDuplicate(item: FeedbackItem, reference: string | undefined): Promise<string> {
    const ref = reference?.trim() ?? '';
    if (!ref) throw new ValidationError('duplicate_of_required', 'inbox.error_duplicate_of_required');
    const target = isUuid(ref) ? ref : await repo.findIdByPublicId(db, ref.toLowerCase());
    if (!target || target === item.id || !(await deps.feedback.get(target))) {
      throw new ValidationError('duplicate_of_unknown', 'inbox.error_duplicate_of_unknown');
    }
    return target;
  }

  async function assign(principal: StaffPrincipal, id: string, assigneeId: string | null): Promise<void> {
    const item = await ctx.loadForAction(principal, id);
    if (assigneeId !== null) {
      const user = (await ctx.users()).get(assigneeId);
      const ancestors = await ctx.ancestorIds(item.routedUnitId);
      if (!user || user.disabled || !can(user, 'reply', ancestors)) {
        throw new ValidationError('not_assignable', 'inbox.error_not_assignable');
      }
    }
    await withLockedItem(id, async (trx, status) => {
      const becomesAllocated = assigneeId !== null && status === 'received';
      await repo.updateWorkflow(trx, id, {
        assignee_id: assigneeId,
        ...(becomesAllocated ? { status: 'allocated' as const } : {}),
      });
      await repo.insertEvents(trx, [
        {
          feedbackId: id,
          kind: assigneeId ? 'assigned' : 'unassigned',
          actorId: principal.userId,
          assigneeId,
        },
        ...(becomesAllocated
          ? [
              {
                feedbackId: id,
                kind: 'status_changed' as const,
                actorId: principal.userId,
                fromStatus: status,
                toStatus: 'allocated',
              },
            ]
          : []),
      ]);
    });
  }

  async function reroute(principal: StaffPrincipal, id: string, unitId: string): Promise<void> {
    const item = await ctx.loadForAction(principal, id);
    const unit = await deps.organisation.getUnit(unitId);
    const today = helsinkiDate(ctx.now());
    if (!unit || unit.mergedIntoId !== null || (unit.validTo !== null && unit.validTo < today)) {
      throw new ValidationError('unknown_unit', 'inbox.error_unknown_unit');
    }
    if (unit.id === item.routedUnitId) return;
    await withLockedItem(id, async (trx, status) => {
      // The new unit's people decide who handles it: the assignment does not travel with the item.
      const backToReceived = status === 'allocated';
      await repo.updateWorkflow(trx, id, {
        routed_unit_id: unit.id,
        assignee_id: null,
        ...(backToReceived ? { status: 'received' as const } : {}),
      });
      await repo.insertEvents(trx, [
        {
          feedbackId: id,
          kind: 'routed',
          actorId: principal.userId,
          unitId: unit.id,
          details: { via: 'staff', fromUnitId: item.routedUnitId },
        },
        ...(backToReceived
          ? [
              {
                feedbackId: id,
                kind: 'status_changed' as const,
                actorId: principal.userId,
                fromStatus: status,
                toStatus: 'received',
              },
            ]
          : []),
      ]);
    });
  }

  async function addNote(principal: StaffPrincipal, id: string, body: string): Promise<void> {
    await ctx.loadForAction(principal, id);
    const text = body.trim();
    if (text.length === 0 || text.length > NOTE_MAX) {
      throw new ValidationError('invalid_note', 'inbox.error_invalid_note', { max: NOTE_MAX });
    }
    await transaction(db, async (trx) => {
      const noteId = await repo.insertNote(trx, { feedbackId: id, authorId: principal.userId, body: text });
      await repo.insertEvents(trx, [
        { feedbackId: id, kind: 'note_added', actorId: principal.userId, details: { noteId } },
      ]);
    });
  }

  function normaliseTag(tag: string): string {
    const clean = tag.trim().replace(/\s+/g, ' ').toLowerCase();
    if (!TAG_PATTERN.test(clean)) throw new ValidationError('invalid_tag', 'inbox.error_invalid_tag');
    return clean;
  }

  async function addTag(principal: StaffPrincipal, id: string, tag: string): Promise<void> {
    await ctx.loadForAction(principal, id);
    const clean = normaliseTag(tag);
    await transaction(db, async (trx) => {
      if (await repo.insertTag(trx, { feedbackId: id, tag: clean, actorId: principal.userId })) {
        await repo.insertEvents(trx, [
          { feedbackId: id, kind: 'tagged', actorId: principal.userId, details: { tag: clean } },
        ]);
      }
    });
  }

  async function removeTag(principal: StaffPrincipal, id: string, tag: string): Promise<void> {
    await ctx.loadForAction(principal, id);
    const clean = normaliseTag(tag);
    await transaction(db, async (trx) => {
      if (await repo.deleteTag(trx, id, clean)) {
        await repo.insertEvents(trx, [
          { feedbackId: id, kind: 'untagged', actorId: principal.userId, details: { tag: clean } },
        ]);
      }
    });
  }

  async function setPublicReply(principal: StaffPrincipal, id: string, text: string | null): Promise<void> {
    await ctx.loadForAction(principal, id);
    const clean = text?.trim() || null;
    if (clean !== null && clean.length > PUBLIC_TEXT_MAX) {
      throw new ValidationError('public_reply_too_long', 'inbox.error_public_reply_too_long', {
        max: PUBLIC_TEXT_MAX,
      });
    }
    await transaction(db, async (trx) => {
      await repo.updateWorkflow(trx, id, { public_reply: clean, public_reply_at: clean ? ctx.now() : null });
      await repo.insertEvents(trx, [
        { feedbackId: id, kind: 'public_reply_set', actorId: principal.userId, details: { cleared: !clean } },
      ]);
    });
  }

  async function moderate(
    principal: StaffPrincipal,
    id: string,
    input: { action: 'publish' | 'withhold'; publicText?: string | null },
  ): Promise<void> {
    const item = await ctx.loadForAction(principal, id);
    const publicText = input.publicText === undefined ? undefined : input.publicText?.trim() || null;
    if (publicText && publicText.length > PUBLIC_TEXT_MAX) {
      throw new ValidationError('public_text_too_long', 'inbox.error_public_text_too_long', {
        max: PUBLIC_TEXT_MAX,
      });
    }
    await transaction(db, async (trx) => {
      const events: repo.NewEvent[] = [];
      if (publicText !== undefined) {
        const edited = publicText !== null && publicText !== item.descriptionRedacted ? publicText : null;
        await repo.updateWorkflow(trx, id, { public_description: edited });
        events.push({ feedbackId: id, kind: 'public_text_edited', actorId: principal.userId });
      }
      if (input.action === 'publish') {
        await repo.updateWorkflow(trx, id, {
          moderation: 'published',
          published_at: item.publishedAt ?? ctx.now(),
        });
      } else {
        await repo.updateWorkflow(trx, id, { moderation: 'withheld' });
      }
      events.push({
        feedbackId: id,
        kind: input.action === 'publish' ? 'published' : 'withheld',
        actorId: principal.userId,
      });
      await repo.insertEvents(trx, events);
    });
  }

  async function readPersonal<T>(
    principal: StaffPrincipal,
    id: string,
    kind: 'contact_read' | 'original_read',
    read: () => Promise<T>,
  ): Promise<T> {
    const { access } = await ctx.load(principal, id);
    if (!access.readPersonal) throw forbidden();
    // The feedback service writes the audit log entry; the item's history says who looked, too.
    const value = await read();
    await repo.insertEvents(db, [{ feedbackId: id, kind, actorId: principal.userId }]);
    return value;
  }

  async function bulk(principal: StaffPrincipal, ids: string[], action: BulkAction): Promise<BulkResult> {
    const unique = [...new Set(ids)];
    if (unique.length === 0 || unique.length > BULK_MAX) {
      throw new ValidationError('invalid_selection', 'inbox.error_invalid_selection', { max: BULK_MAX });
    }
    const result: BulkResult = { done: [], refused: [] };
    for (const id of unique) {
      try {
        if (action.kind === 'assign') await assign(principal, id, action.assigneeId);
        else if (action.kind === 'status') await changeStatus(principal, id, action.status);
        else if (action.kind === 'tag') await addTag(principal, id, action.tag);
        else await moderate(principal, id, { action: 'publish' });
        result.done.push(id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.refused.push({ id, code: error.code });
      }
    }
    return result;
  }

  return {
    onFeedbackSubmitted,
    async publicLog(feedbackIds) {
      const rows = await repo.publicLog(db, feedbackIds);
      const map = new Map<string, { time: Date; status: FeedbackStatus; note?: string }[]>();
      for (const row of rows) {
        const status = row.to_status as FeedbackStatus | null;
        if (!status) continue;
        map.set(row.feedback_id, [...(map.get(row.feedback_id) ?? []), { time: row.created_at, status }]);
      }
      return map;
    },
    canOpen: canOpenInbox,
    list: views.list,
    getItem: views.getItem,
    readContact: (principal, id) =>
      readPersonal(principal, id, 'contact_read', () =>
        deps.feedback.readContact(id, { actorId: principal.userId, purpose: 'inbox' }),
      ),
    readOriginal: (principal, id) =>
      readPersonal(principal, id, 'original_read', () =>
        deps.feedback.readOriginal(id, { actorId: principal.userId, purpose: 'inbox' }),
      ),
    changeStatus,
    assign,
    reroute,
    addNote,
    addTag,
    removeTag,
    setPublicReply,
    moderate,
    bulk,
    async assignable(principal, id) {
      const item = await ctx.loadForAction(principal, id);
      const ancestors = await ctx.ancestorIds(item.routedUnitId);
      const users = [...(await ctx.users()).values()];
      return users
        .filter((u) => !u.disabled && can(u, 'reply', ancestors))
        .map((u) => ({ id: u.id, displayName: u.displayName }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fi'));
    },
    reply: (principal, id, input) =>
      replies.reply(principal, id, input, { changeStatus, setPublicReply, moderate }),
    draftReply: replies.draftReply,
    listTemplates: replies.listTemplates,
    saveTemplate: replies.saveTemplate,
    listRoutingRules: rules.list,
    addRoutingRule: rules.add,
    removeRoutingRule: rules.remove,
    escalateOverdue: notifier.escalateOverdue,
    sendDigests: notifier.sendDigests,
  };
}
