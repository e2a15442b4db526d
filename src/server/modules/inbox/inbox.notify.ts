// Escalation of overdue items to the managers above them, and the daily digest per handler. The e-mails carry
// references, types, dates and links, never feedback text or contact details: e-mail leaves the trust boundary.
import { t } from '../../../i18n/index.ts';
import type { StaffUserView } from '../staff/index.ts';
import type { InboxContext } from './inbox.context.ts';
import { helsinkiDate } from './inbox.deadlines.ts';
import * as repo from './inbox.repository.ts';

interface DigestLine {
  id: string;
  public_id: string;
  type: string;
  status: string;
  reply_due_at: Date | null;
}

export function createNotifier(ctx: InboxContext) {
  const { db } = ctx.deps;

  /** Managers assigned at the nearest level above the unit that has any; global managers otherwise. */
  function managersAbove(ancestorIds: string[], users: StaffUserView[]): StaffUserView[] {
    const managersAt = (unitId: string | null) =>
      users.filter((u) => !u.disabled && u.roles.some((r) => r.role === 'manager' && r.unitId === unitId));
    for (let i = ancestorIds.length - 2; i >= 0; i -= 1) {
      const found = managersAt(ancestorIds[i] ?? null);
      if (found.length > 0) return found;
    }
    return managersAt(null);
  }

  function line(user: StaffUserView, item: DigestLine, now: Date): string {
    const tr = t(user.locale);
    const due = item.reply_due_at ? helsinkiDate(new Date(item.reply_due_at.getTime() - 1)) : null;
    const late = item.reply_due_at !== null && item.reply_due_at.getTime() <= now.getTime();
    return [
      `- ${item.public_id}: ${tr(`inbox.type_${item.type}`)}, ${tr(`inbox.status_${item.status}`)}`,
      due ? `, ${tr('inbox.mail_due', { date: due })}${late ? ` (${tr('inbox.overdue')})` : ''}` : '',
      `\n  ${ctx.deps.publicUrl}/staff/inbox/${item.id}`,
    ].join('');
  }

  async function escalateOverdue(now = ctx.now()): Promise<number> {
    const rows = await repo.listUnescalatedOverdue(db, now);
    if (rows.length === 0) return 0;
    const users = (await ctx.deps.staff.listUsers()).filter((u) => !u.disabled);
    const byRecipient = new Map<string, { user: StaffUserView; items: typeof rows }>();
    const recipientsOf = new Map<string, string[]>();
    for (const row of rows) {
      const managers = managersAbove(await ctx.ancestorIds(row.routed_unit_id), users);
      recipientsOf.set(
        row.id,
        managers.map((m) => m.id),
      );
      for (const manager of managers) {
        const entry = byRecipient.get(manager.id) ?? { user: manager, items: [] };
        entry.items.push(row);
        byRecipient.set(manager.id, entry);
      }
    }
    const failed = new Set<string>();
    for (const { user, items } of byRecipient.values()) {
      const tr = t(user.locale);
      try {
        await ctx.deps.mailer.send({
          to: [user.email],
          subject: tr('inbox.escalation_subject', { count: items.length }),
          text: `${tr('inbox.escalation_intro')}\n\n${items.map((i) => line(user, i, now)).join('\n')}\n`,
        });
      } catch {
        failed.add(user.id);
        ctx.deps.logger.warn({ userId: user.id }, 'escalation e-mail failed');
      }
    }
    let escalated = 0;
    for (const row of rows) {
      const recipients = recipientsOf.get(row.id) ?? [];
      // Told again next time if any manager's e-mail did not go out.
      if (recipients.some((id) => failed.has(id)) || !row.reply_due_at) continue;
      const dueAt = row.reply_due_at;
      await db.transaction().execute(async (trx) => {
        await repo.insertEscalation(trx, {
          feedbackId: row.id,
          dueAt,
          unitId: row.routed_unit_id,
          recipients: recipients.length,
        });
        await repo.insertEvents(trx, [
          {
            feedbackId: row.id,
            kind: 'escalated',
            actorId: null,
            details: { recipients: recipients.length },
          },
        ]);
      });
      escalated += 1;
    }
    return escalated;
  }

  async function sendDigests(now = ctx.now()): Promise<number> {
    const day = helsinkiDate(now);
    if (!(await repo.claimDigestDay(db, day))) return 0;
    const [items, users] = await Promise.all([repo.listOpenItems(db), ctx.deps.staff.listUsers()]);
    const ancestors = new Map<string, string[]>();
    for (const unitId of new Set(items.map((i) => i.routed_unit_id))) {
      if (unitId) ancestors.set(unitId, await ctx.ancestorIds(unitId));
    }
    let sent = 0;
    for (const user of users.filter((u) => !u.disabled)) {
      const handlerUnits = user.roles.filter((r) => r.role === 'handler').map((r) => r.unitId);
      const inOwnUnit = (unitId: string | null) =>
        handlerUnits.includes(null) ||
        (unitId !== null && (ancestors.get(unitId) ?? []).some((a) => handlerUnits.includes(a)));
      const mine = items.filter(
        (i) => i.assignee_id === user.id || (i.assignee_id === null && inOwnUnit(i.routed_unit_id)),
      );
      if (mine.length === 0) continue;
      const tr = t(user.locale);
      const overdue = mine.filter((i) => i.reply_due_at && i.reply_due_at.getTime() <= now.getTime()).length;
      try {
        await ctx.deps.mailer.send({
          to: [user.email],
          subject: tr('inbox.digest_subject', { count: mine.length }),
          text: [
            tr('inbox.digest_intro', { count: mine.length, overdue }),
            '',
            ...mine.map((i) => line(user, i, now)),
            '',
            `${ctx.deps.publicUrl}/staff/inbox`,
          ].join('\n'),
        });
        sent += 1;
      } catch {
        ctx.deps.logger.warn({ userId: user.id }, 'digest e-mail failed');
      }
    }
    await repo.recordDigestCount(db, day, sent);
    return sent;
  }

  return { escalateOverdue, sendDigests };
}
