// Replies to the writer: from a template in the writer's language, by e-mail (Mailer) or SMS (SmsGateway), with
// the contact read through the feedback service's audited path. Everything is checked before anything is sent;
// a send that fails is recorded as failed and reported, a reply that went out is always recorded.
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../errors.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import type { FeedbackItem, FeedbackStatus } from '../feedback/index.ts';
import type { ReplyInput, ReplyTemplate } from './index.ts';
import { forbidden, type InboxContext } from './inbox.context.ts';
import { canEditTemplates } from './inbox.policy.ts';
import * as repo from './inbox.repository.ts';
import { canMove } from './inbox.status.ts';
import { checkTemplateText, formatLetterDate, renderTemplate } from './inbox.templates.ts';

export const SUBJECT_MAX = 200;
export const EMAIL_BODY_MAX = 10_000;
/** About six concatenated SMS parts. */
export const SMS_BODY_MAX = 900;
const TEMPLATE_KEY = /^[a-z0-9_-]{1,40}$/;

interface Follow {
  changeStatus(principal: StaffPrincipal, id: string, to: FeedbackStatus): Promise<void>;
  setPublicReply(principal: StaffPrincipal, id: string, text: string | null): Promise<void>;
  moderate(principal: StaffPrincipal, id: string, input: { action: 'publish' }): Promise<void>;
}

function toTemplate(row: Awaited<ReturnType<typeof repo.listTemplates>>[number]): ReplyTemplate {
  return {
    key: row.key,
    language: row.language,
    name: row.name,
    subject: row.subject,
    body: row.body,
    updatedAt: row.updated_at,
  };
}

export function createReplyService(ctx: InboxContext) {
  const { db } = ctx.deps;

  async function placeholders(item: FeedbackItem, principal: StaffPrincipal) {
    const unit = item.routedUnitId ? await ctx.deps.organisation.getUnit(item.routedUnitId) : undefined;
    const lang: Language = item.language;
    const token = await repo.getTrackingToken(db, item.id);
    return {
      reference: item.publicId,
      date: formatLetterDate(item.createdAt, lang),
      unit: unit ? (unit.names[lang] ?? unit.names.fi) : '',
      handler: principal.displayName,
      tracking_url: token ? `${ctx.deps.publicUrl}/feedback/track/${token}` : '',
    };
  }

  function checkInput(item: FeedbackItem, input: ReplyInput): { subject: string; body: string } {
    const subject = input.subject.trim();
    const body = input.body.trim();
    const channel = item.replyChannel;
    if (!channel) throw new ConflictError('no_contact', 'inbox.error_no_contact');
    if (channel === 'email' && (subject.length === 0 || subject.length > SUBJECT_MAX)) {
      throw new ValidationError('invalid_subject', 'inbox.error_invalid_subject', { max: SUBJECT_MAX });
    }
    const max = channel === 'sms' ? SMS_BODY_MAX : EMAIL_BODY_MAX;
    if (body.length === 0 || body.length > max) {
      throw new ValidationError('invalid_reply_body', 'inbox.error_invalid_reply_body', { max });
    }
    if (input.markDone && item.status !== 'done' && !canMove(item.status, 'done')) {
      throw new ConflictError('invalid_transition', 'inbox.error_invalid_transition', {
        from: item.status,
        to: 'done',
      });
    }
    if (input.publicReply && input.publicReply.trim().length > 5000) {
      throw new ValidationError('public_reply_too_long', 'inbox.error_public_reply_too_long', { max: 5000 });
    }
    if (channel === 'sms' && !ctx.deps.sms?.()) {
      throw new ConflictError('sms_not_configured', 'inbox.error_sms_not_configured');
    }
    return { subject, body };
  }

  async function send(
    item: FeedbackItem,
    principal: StaffPrincipal,
    message: { subject: string; body: string },
  ) {
    const contact = await ctx.deps.feedback.readContact(item.id, {
      actorId: principal.userId,
      purpose: 'reply',
    });
    if (item.replyChannel === 'email') {
      if (!contact?.email) throw new ConflictError('no_contact', 'inbox.error_no_contact');
      const sent = await ctx.deps.mailer.send({
        to: [contact.email],
        subject: message.subject,
        text: message.body,
        headers: { 'X-Kuulo-Feedback': item.publicId },
      });
      return sent.messageId;
    }
    const sms = ctx.deps.sms?.();
    if (!sms) throw new ConflictError('sms_not_configured', 'inbox.error_sms_not_configured');
    if (!contact?.phone) throw new ConflictError('no_contact', 'inbox.error_no_contact');
    const result = await sms.send({ id: crypto.randomUUID(), to: contact.phone, text: message.body });
    return result.gatewayId ?? null;
  }

  async function reply(
    principal: StaffPrincipal,
    id: string,
    input: ReplyInput,
    follow: Follow,
  ): Promise<{ replyId: string }> {
    const item = await ctx.loadForAction(principal, id);
    const message = checkInput(item, input);
    const channel = item.replyChannel as 'email' | 'sms';
    const record = (status: 'sent' | 'failed', messageId: string | null, errorCode: string | null) =>
      db.transaction().execute(async (trx) => {
        const replyId = await repo.insertReply(trx, {
          feedback_id: id,
          channel,
          language: item.language,
          template_key: input.templateKey ?? null,
          subject: channel === 'email' ? message.subject : null,
          body: message.body,
          status,
          error_code: errorCode,
          message_id: messageId,
          sent_by: principal.userId,
        });
        await repo.insertEvents(trx, [
          { feedbackId: id, kind: 'contact_read', actorId: principal.userId, details: { purpose: 'reply' } },
          {
            feedbackId: id,
            kind: status === 'sent' ? 'replied' : 'reply_failed',
            actorId: principal.userId,
            details: { replyId, channel, ...(errorCode ? { errorCode } : {}) },
          },
        ]);
        return replyId;
      });
    let messageId: string | null;
    try {
      messageId = await send(item, principal, message);
    } catch (error) {
      // Configuration problems are refused before anything happened; a transport failure is history.
      if (error instanceof DomainError) throw error;
      const code = (error as { code?: unknown }).code;
      await record('failed', null, typeof code === 'string' ? code.slice(0, 40) : 'send_failed');
      ctx.deps.logger.warn({ feedbackId: id, channel }, 'reply sending failed');
      throw new ConflictError('reply_not_sent', 'inbox.error_reply_not_sent');
    }
    const replyId = await record('sent', messageId, null);
    if (input.publicReply?.trim()) await follow.setPublicReply(principal, id, input.publicReply);
    if (input.publish) await follow.moderate(principal, id, { action: 'publish' });
    if (input.markDone && item.status !== 'done') await follow.changeStatus(principal, id, 'done');
    return { replyId };
  }

  async function draftReply(principal: StaffPrincipal, id: string, templateKey: string) {
    const item = await ctx.loadForAction(principal, id);
    const row = await repo.getTemplate(db, templateKey, item.language);
    if (!row) throw new NotFoundError('template_not_found', 'inbox.error_template_not_found');
    const values = await placeholders(item, principal);
    return { subject: renderTemplate(row.subject, values), body: renderTemplate(row.body, values) };
  }

  async function saveTemplate(
    principal: StaffPrincipal,
    input: { key: string; language: Language; name: string; subject: string; body: string },
  ): Promise<void> {
    if (!canEditTemplates(principal)) throw forbidden();
    const key = input.key.trim().toLowerCase();
    const name = input.name.trim();
    const subject = input.subject.trim();
    const body = input.body.trim();
    if (!TEMPLATE_KEY.test(key) || !isLanguage(input.language)) {
      throw new ValidationError('invalid_template_key', 'inbox.error_invalid_template_key');
    }
    if (
      !name ||
      name.length > 200 ||
      !subject ||
      subject.length > SUBJECT_MAX ||
      !body ||
      body.length > EMAIL_BODY_MAX
    ) {
      throw new ValidationError('invalid_template', 'inbox.error_invalid_template');
    }
    checkTemplateText(subject, body);
    await repo.upsertTemplate(db, {
      key,
      language: input.language,
      name,
      subject,
      body,
      updated_by: principal.userId,
    });
    await ctx.deps.audit.record({
      actorId: principal.userId,
      action: 'inbox.template_saved',
      targetType: 'reply_template',
      targetId: `${key}:${input.language}`,
    });
  }

  return {
    reply,
    draftReply,
    saveTemplate,
    listTemplates: async () => (await repo.listTemplates(db)).map(toTemplate),
  };
}
