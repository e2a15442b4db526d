import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../../db/testing.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpsSmsGateway } from '../../adapters/sms/https-api.ts';
import { SIGNATURE_HEADER } from '../../adapters/sms/webhook-signature.ts';
import { createInboxKit, type InboxKit } from './inbox.test-kit.ts';
import { createInboxService } from './inbox.service.ts';
import { helsinkiDate } from './inbox.deadlines.ts';
import { addWorkingDays } from '../../../shared/finnish-holidays.ts';

describe.each(testEngines())('inbox service on %s', (engine) => {
  let kit: InboxKit;
  const inbox = () => kit.kuulo.inbox.service;

  beforeAll(async () => {
    kit = await createInboxKit(engine);
  }, 60_000);
  afterAll(async () => kit?.stopAll());

  test('new feedback goes to the unit the writer chose, with a five-working-day deadline and its history', async () => {
    const id = await kit.submit({});
    const view = await inbox().getItem(kit.people.handler, id);
    expect(view.item.routedUnitId).toBe('kallio');
    expect(view.item.status).toBe('received');
    expect(view.item.dueDate).toBe(addWorkingDays(helsinkiDate(view.item.createdAt), 5));
    expect(view.item.deadlineRule).toBe('reply_working_days');
    expect(view.events.map((e) => e.kind)).toEqual(['received', 'routed']);
    expect(view.events[1]?.details).toMatchObject({ via: 'writer' });
  });

  test('feedback without a unit follows the first matching routing rule; accessibility gets 14 days', async () => {
    const rule = await inbox().addRoutingRule(kit.people.coordinator, {
      feedbackType: 'accessibility',
      serviceAreaId: null,
      targetUnitId: 'social',
    });
    try {
      const id = await kit.submit({ type: 'accessibility', unitId: null, wantsReply: false, contact: null });
      const view = await inbox().getItem(kit.people.admin, id);
      expect(view.item.routedUnitId).toBe('social');
      expect(view.item.deadlineRule).toBe('accessibility_days');
      expect(view.events[1]?.details).toMatchObject({ via: 'rule', ruleId: rule.id });
      // A handler of another unit cannot see it at all.
      await expect(inbox().getItem(kit.people.handler, id)).rejects.toThrow(NotFoundError);
    } finally {
      await inbox().removeRoutingRule(kit.people.coordinator, rule.id);
    }
  });

  test('only coordinators with configure rights at the target may add routing rules', async () => {
    await expect(
      inbox().addRoutingRule(kit.people.handler, {
        feedbackType: null,
        serviceAreaId: null,
        targetUnitId: 'kallio',
      }),
    ).rejects.toThrow(ForbiddenError);
  });

  test('each role sees what its scope allows and nothing else', async () => {
    const id = await kit.submit({});
    await inbox().addNote(kit.people.handler, id, 'Soitetaan huomenna.');
    const analyst = await inbox().getItem(kit.people.analyst, id);
    expect(analyst.access).toEqual({ view: true, readText: true, readPersonal: false, act: false });
    expect(analyst.item.description).toContain('läkartid');
    expect(analyst.notes).toEqual([]);
    const viewer = await inbox().getItem(kit.people.viewer, id);
    expect(viewer.item.description).toBeNull();
    expect(viewer.item.excerpt).toBeNull();
    await expect(inbox().addNote(kit.people.analyst, id, 'x')).rejects.toThrow(ForbiddenError);
    await expect(inbox().readContact(kit.people.viewer, id)).rejects.toThrow(ForbiddenError);
    await expect(inbox().getItem(kit.people.otherHandler, id)).rejects.toThrow(NotFoundError);
    const otherList = await inbox().list(kit.people.otherHandler, {});
    expect(otherList.items.map((i) => i.id)).not.toContain(id);
    const handlerList = await inbox().list(kit.people.handler, {});
    expect(handlerList.items.map((i) => i.id)).toContain(id);
    const viewerList = await inbox().list(kit.people.viewer, {});
    expect(viewerList.items.find((i) => i.id === id)?.excerpt).toBeNull();
  });

  test('statuses move only along allowed transitions; duplicate needs the original', async () => {
    const original = await kit.submit({});
    const id = await kit.submit({});
    const handler = kit.people.handler;
    await expect(inbox().changeStatus(handler, id, 'duplicate')).rejects.toThrow(ValidationError);
    await inbox().changeStatus(handler, id, 'handling');
    await inbox().changeStatus(handler, id, 'done');
    await expect(inbox().changeStatus(handler, id, 'received')).rejects.toThrow(ConflictError);
    await inbox().changeStatus(handler, id, 'handling');
    const publicId = (await kit.kuulo.feedback.service.get(original))?.publicId ?? '';
    await inbox().changeStatus(handler, id, 'duplicate', { duplicateOf: publicId });
    const view = await inbox().getItem(handler, id);
    expect(view.item.status).toBe('duplicate');
    expect(view.item.duplicateOfId).toBe(original);
    expect(view.nextStatuses).toEqual(['handling']);
    const log = await inbox().publicLog([id]);
    expect(log.get(id)?.map((e) => e.status)).toEqual([
      'received',
      'handling',
      'done',
      'handling',
      'duplicate',
    ]);
  });

  test('assigning moves a received item to allocated; only people who may handle it can be assigned', async () => {
    const id = await kit.submit({});
    await expect(inbox().assign(kit.people.handler, id, kit.people.otherHandler.userId)).rejects.toThrow(
      ValidationError,
    );
    const choices = await inbox().assignable(kit.people.handler, id);
    expect(choices.map((c) => c.id)).toContain(kit.people.handler.userId);
    expect(choices.map((c) => c.id)).not.toContain(kit.people.analyst.userId);
    await inbox().assign(kit.people.handler, id, kit.people.handler.userId);
    const view = await inbox().getItem(kit.people.handler, id);
    expect(view.item.status).toBe('allocated');
    expect(view.item.assigneeId).toBe(kit.people.handler.userId);
    const mine = await inbox().list(kit.people.handler, { assignee: 'me' });
    expect(mine.items.map((i) => i.id)).toContain(id);
  });

  test('re-routing clears the assignment and hands the item to the new unit', async () => {
    const id = await kit.submit({});
    await inbox().assign(kit.people.handler, id, kit.people.handler.userId);
    await inbox().reroute(kit.people.handler, id, 'family');
    await expect(inbox().getItem(kit.people.handler, id)).rejects.toThrow(NotFoundError);
    const view = await inbox().getItem(kit.people.otherHandler, id);
    expect(view.item.routedUnitId).toBe('family');
    expect(view.item.assigneeId).toBeNull();
    expect(view.item.status).toBe('received');
    await expect(inbox().reroute(kit.people.otherHandler, id, 'nowhere')).rejects.toThrow(ValidationError);
  });

  test('a reply goes by e-mail in the writer’s language, is audited, and sets the public reply', async () => {
    const id = await kit.submit({ contact: { email: 'reply-test@example.fi' } });
    const handler = kit.people.handler;
    const draft = await inbox().draftReply(handler, id, 'answer');
    const item = await kit.kuulo.feedback.service.get(id);
    expect(draft.subject).toBe(`Svar på din respons ${item?.publicId}`);
    expect(draft.body).toContain('Berghälls hälsostation');
    expect(draft.body).toContain('https://kuulo.example/feedback/track/');
    await inbox().reply(handler, id, {
      subject: draft.subject,
      body: draft.body.replace('\n\n\n\n', '\n\nVäntetiden är just nu två veckor.\n\n'),
      templateKey: 'answer',
      publicReply: 'Väntetiden är just nu två veckor.',
      publish: true,
      markDone: true,
    });
    const mail = await kit.smtp.waitForMessage((m) => m.to.includes('reply-test@example.fi'));
    expect(mail.subject).toBe(draft.subject);
    expect(mail.text).toContain('Väntetiden är just nu två veckor.');
    expect(mail.headers['x-kuulo-feedback']).toBe(item?.publicId);
    const view = await inbox().getItem(handler, id);
    expect(view.item.status).toBe('done');
    expect(view.item.moderation).toBe('published');
    expect(view.item.publicReply).toBe('Väntetiden är just nu två veckor.');
    expect(view.replies).toHaveLength(1);
    expect(view.replies[0]).toMatchObject({ channel: 'email', language: 'sv', status: 'sent' });
    expect(view.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['contact_read', 'replied', 'public_reply_set', 'published', 'status_changed']),
    );
    const audit = await kit.kuulo.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', id)
      .execute();
    expect(audit).toContainEqual({ action: 'feedback.contact_read', actor_id: handler.userId });
    const published = await kit.kuulo.feedback.service.listPublic({
      publicIds: [item?.publicId ?? ''],
      limit: 5,
    });
    expect(published[0]?.publicReply).toBe('Väntetiden är just nu två veckor.');
  });

  test('a reply without contact details, or an SMS reply without a gateway, is refused and nothing is written', async () => {
    const none = await kit.submit({ wantsReply: false, contact: null });
    await expect(inbox().reply(kit.people.handler, none, { subject: 's', body: 'b' })).rejects.toMatchObject({
      code: 'no_contact',
    });
    const sms = await kit.submit({ contact: { phone: '+358401234567' } });
    await expect(inbox().reply(kit.people.handler, sms, { subject: '', body: 'Hej!' })).rejects.toMatchObject(
      { code: 'sms_not_configured' },
    );
    expect((await inbox().getItem(kit.people.handler, sms)).replies).toEqual([]);
  });

  test('an SMS reply goes through the configured SMS gateway (the HTTPS API adapter against a local server)', async () => {
    const received: { body: Record<string, unknown>; signed: boolean }[] = [];
    const server = http.createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({
          body: JSON.parse(raw) as Record<string, unknown>,
          signed: SIGNATURE_HEADER in request.headers,
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'gw-1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const gateway = createHttpsSmsGateway({
      apiUrl: `http://127.0.0.1:${port}/send`,
      secret: 'sms-test-secret'.padEnd(32, 'x'),
      from: 'Kuulo',
    });
    const k = kit.kuulo;
    const withSms = createInboxService({
      db: k.database.db,
      feedback: k.feedback.service,
      organisation: k.organisation.service,
      staff: k.staff.service,
      auth: k.staff.auth,
      audit: { record: async () => undefined },
      mailer: k.mailer,
      sms: () => gateway,
      jobs: k.jobs,
      logger: k.logger,
      publicUrl: 'https://kuulo.example',
    });
    try {
      const id = await kit.submit({ contact: { phone: '+358401234567' } });
      await withSms.reply(kit.people.handler, id, { subject: '', body: 'Hej! Vi ringer dig i morgon.' });
      expect(received).toEqual([
        {
          body: {
            id: expect.any(String),
            to: '+358401234567',
            text: 'Hej! Vi ringer dig i morgon.',
            from: 'Kuulo',
          },
          signed: true,
        },
      ]);
      const view = await withSms.getItem(kit.people.handler, id);
      expect(view.replies[0]).toMatchObject({ channel: 'sms', status: 'sent', subject: null });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('reading contact details writes the audit log and the history', async () => {
    const id = await kit.submit({});
    const contact = await inbox().readContact(kit.people.manager, id);
    expect(contact).toEqual({ name: 'Signe Svensson', email: 'signe@example.fi' });
    const view = await inbox().getItem(kit.people.manager, id);
    expect(view.events.at(-1)).toMatchObject({ kind: 'contact_read', actorId: kit.people.manager.userId });
    const audit = await kit.kuulo.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .where('actor_id', '=', kit.people.manager.userId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('feedback.contact_read');
  });

  test('notes and tags are kept with the item; a tag filter finds it', async () => {
    const id = await kit.submit({});
    await inbox().addNote(kit.people.handler, id, 'Otettu yhteyttä.');
    await inbox().addTag(kit.people.handler, id, '  Odotusaika ');
    await inbox().addTag(kit.people.handler, id, 'odotusaika');
    await expect(inbox().addTag(kit.people.handler, id, '<b>')).rejects.toThrow(ValidationError);
    await expect(inbox().addNote(kit.people.handler, id, '   ')).rejects.toThrow(ValidationError);
    const view = await inbox().getItem(kit.people.handler, id);
    expect(view.notes.map((n) => n.body)).toEqual(['Otettu yhteyttä.']);
    expect(view.item.tags).toEqual(['odotusaika']);
    expect(view.events.filter((e) => e.kind === 'tagged')).toHaveLength(1);
    const found = await inbox().list(kit.people.handler, { tag: 'odotusaika' });
    expect(found.items.map((i) => i.id)).toEqual([id]);
  });

  test('moderation publishes an edited public text and can withhold it again', async () => {
    const id = await kit.submit({});
    await inbox().moderate(kit.people.handler, id, { action: 'publish', publicText: 'Fråga om väntetider.' });
    let view = await inbox().getItem(kit.people.handler, id);
    expect(view.item.moderation).toBe('published');
    expect(view.item.publicDescription).toBe('Fråga om väntetider.');
    const publicId = (await kit.kuulo.feedback.service.get(id))?.publicId ?? '';
    const [published] = await kit.kuulo.feedback.service.listPublic({ publicIds: [publicId], limit: 1 });
    expect(published?.publicDescription).toBe('Fråga om väntetider.');
    expect(published?.descriptionRedacted).toContain('läkartid');
    await inbox().moderate(kit.people.handler, id, { action: 'withhold' });
    view = await inbox().getItem(kit.people.handler, id);
    expect(view.item.moderation).toBe('withheld');
  });

  test('bulk actions apply to items in scope and report the others', async () => {
    const mine = await kit.submit({});
    const elsewhere = await kit.submit({ unitId: 'family' });
    const result = await inbox().bulk(kit.people.handler, [mine, elsewhere], {
      kind: 'assign',
      assigneeId: kit.people.handler.userId,
    });
    expect(result).toEqual({ done: [mine], refused: [{ id: elsewhere, code: 'feedback_not_found' }] });
    await expect(inbox().bulk(kit.people.handler, [], { kind: 'publish' })).rejects.toThrow(ValidationError);
  });

  test('templates are edited only by global coordinators and refuse unknown placeholders', async () => {
    const input = {
      key: 'answer',
      language: 'fi' as const,
      name: 'Vastaus',
      subject: 'Viite {{reference}}',
      body: 'Hei {{nimi}}',
    };
    await expect(inbox().saveTemplate(kit.people.coordinator, input)).rejects.toMatchObject({
      code: 'unknown_placeholder',
    });
    await expect(inbox().saveTemplate(kit.people.manager, { ...input, body: 'Hei' })).rejects.toThrow(
      ForbiddenError,
    );
    await inbox().saveTemplate(kit.people.coordinator, { ...input, body: 'Hei, viite {{reference}}.' });
    const saved = (await inbox().listTemplates()).find((t) => t.key === 'answer' && t.language === 'fi');
    expect(saved?.body).toBe('Hei, viite {{reference}}.');
  });

  test('overdue items are escalated once to the managers of the parent unit', async () => {
    const id = await kit.submit({});
    await sql`update feedback_items set reply_due_at = now() - interval '1 hour' where id = ${id}`.execute(
      kit.kuulo.database.db,
    );
    kit.smtp.clear();
    const overdue = await inbox().list(kit.people.manager, { overdue: true });
    expect(overdue.items.find((i) => i.id === id)?.overdue).toBe(true);
    expect(await inbox().escalateOverdue()).toBeGreaterThanOrEqual(1);
    const mail = await kit.smtp.waitForMessage((m) => m.to.includes('manager@example.fi'));
    const publicId = (await kit.kuulo.feedback.service.get(id))?.publicId ?? '';
    expect(mail.text).toContain(publicId);
    expect(mail.text).not.toContain('läkartid');
    expect(await inbox().escalateOverdue()).toBe(0);
    const view = await inbox().getItem(kit.people.manager, id);
    expect(view.events.filter((e) => e.kind === 'escalated')).toHaveLength(1);
  });

  test('the daily digest goes once a day to each handler with open items, without feedback text', async () => {
    kit.smtp.clear();
    const now = new Date('2030-01-15T06:00:00Z');
    expect(await inbox().sendDigests(now)).toBeGreaterThanOrEqual(1);
    const mail = await kit.smtp.waitForMessage((m) => m.to.includes('handler@example.fi'));
    expect(mail.subject).toMatch(/^Kuulo: \d+ öppna responser$/);
    expect(mail.text).toContain('https://kuulo.example/staff/inbox/');
    expect(mail.text).not.toContain('läkartid');
    expect(await inbox().sendDigests(now)).toBe(0);
  });

  test('retention deletes old internal notes and blanks old reply texts, once', async () => {
    const id = await kit.submit({ contact: { email: 'retention@example.fi' } });
    await inbox().addNote(kit.people.handler, id, 'Soitin asiakkaalle.');
    await inbox().reply(kit.people.handler, id, { subject: 'Svar', body: 'Hej Signe!' });
    const future = new Date(Date.now() + 60_000);
    expect(await kit.kuulo.inbox.purgeTextsOlderThan(future)).toBeGreaterThanOrEqual(2);
    expect(await kit.kuulo.inbox.purgeTextsOlderThan(future)).toBe(0);
    const view = await inbox().getItem(kit.people.handler, id);
    expect(view.notes).toEqual([]);
    expect(view.replies[0]).toMatchObject({ body: '–', subject: null, status: 'sent' });
  });

  test('the recurring jobs are booked once with the first feedback and book their own next run', async () => {
    const db = kit.kuulo.database.db;
    const pending = (name: string) =>
      db
        .selectFrom('jobs')
        .select(['id', 'run_at'])
        .where('name', '=', name)
        .where('done_at', 'is', null)
        .execute();
    expect(await pending('inbox.send-digests')).toHaveLength(1);
    expect(await pending('inbox.escalate-overdue')).toHaveLength(1);
    const [digest] = await pending('inbox.send-digests');
    expect(digest?.run_at.getTime()).toBeGreaterThan(Date.now());
    await sql`update jobs set run_at = now() where name in ('inbox.send-digests', 'inbox.escalate-overdue')`.execute(
      db,
    );
    expect(await kit.kuulo.jobs.runDue()).toBeGreaterThanOrEqual(2);
    const next = await pending('inbox.send-digests');
    expect(next).toHaveLength(1);
    expect(next[0]?.run_at.getTime()).toBeGreaterThan(Date.now());
    expect(await pending('inbox.escalate-overdue')).toHaveLength(1);
  });
});
