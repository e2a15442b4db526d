import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';
import { formBody, signIn, TEST_ORIGIN, type SignedIn } from '../staff/staff.testing.ts';
import { createInboxKit, KIT_PASSWORD, type InboxKit, type Person } from './inbox.test-kit.ts';

describe.each(testEngines())('inbox pages on %s', (engine) => {
  let kit: InboxKit;
  const sessions = {} as Record<Person, SignedIn>;
  let itemId: string;

  beforeAll(async () => {
    kit = await createInboxKit(engine);
    for (const person of Object.keys(kit.people) as Person[]) {
      sessions[person] = await signIn(kit.app, kit.people[person].email, KIT_PASSWORD);
    }
    itemId = await kit.submit({ contact: { email: 'page-test@example.fi' } });
  }, 60_000);
  afterAll(async () => kit?.stopAll());

  const get = (person: Person, url: string) =>
    kit.app.inject({ method: 'GET', url, headers: { cookie: sessions[person].cookie } });
  const post = (person: Person, url: string, fields: Record<string, string | undefined>, csrf = true) =>
    kit.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: sessions[person].cookie,
        origin: TEST_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: formBody({ ...fields, _csrf: csrf ? sessions[person].csrf : undefined }),
    });

  test('without a session the inbox sends the browser to sign in', async () => {
    const response = await kit.app.inject({ method: 'GET', url: '/staff/inbox' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/staff/login');
  });

  test('a handler sees the item in the list and a reply form prefilled in the writer’s language', async () => {
    const publicId = (await kit.kuulo.feedback.service.get(itemId))?.publicId ?? '';
    const list = await get('handler', '/staff/inbox');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(publicId);
    expect(list.body).toContain('href="/staff/inbox"');
    const page = await get('handler', `/staff/inbox/${itemId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('läkartid');
    expect(page.body).toContain('id="reply-body"');
    expect(page.body).toContain(`Svar på din respons ${publicId}`);
    expect(page.body).not.toContain('page-test@example.fi');
  });

  test('a handler of another unit gets 404 and an analyst gets no forms', async () => {
    expect((await get('otherHandler', `/staff/inbox/${itemId}`)).statusCode).toBe(404);
    const analyst = await get('analyst', `/staff/inbox/${itemId}`);
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).toContain('läkartid');
    expect(analyst.body).not.toContain('id="reply-body"');
    expect(analyst.body).not.toContain('/contact"');
    const viewer = await get('viewer', `/staff/inbox/${itemId}`);
    expect(viewer.body).not.toContain('läkartid');
  });

  test('a change without the CSRF token is refused', async () => {
    const response = await post('handler', `/staff/inbox/${itemId}/status`, { status: 'handling' }, false);
    expect(response.statusCode).toBe(403);
    expect((await kit.kuulo.feedback.service.get(itemId))?.status).toBe('received');
  });

  test('a status change posts back to the item page with a notice', async () => {
    const response = await post('handler', `/staff/inbox/${itemId}/status`, { status: 'handling' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/staff/inbox/${itemId}?notice=status_changed`);
    const page = await get('handler', response.headers.location as string);
    expect(page.body).toContain('role="status"');
  });

  test('a refused transition re-renders the page with the reason in the handler’s language', async () => {
    const response = await post('handler', `/staff/inbox/${itemId}/status`, { status: 'received' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Statusen kan inte ändras');
  });

  test('viewers and analysts cannot read contact details or act, whatever they post', async () => {
    expect((await post('viewer', `/staff/inbox/${itemId}/contact`, {})).statusCode).toBe(403);
    expect((await post('analyst', `/staff/inbox/${itemId}/notes`, { body: 'x' })).statusCode).toBe(403);
    expect((await post('otherHandler', `/staff/inbox/${itemId}/notes`, { body: 'x' })).statusCode).toBe(404);
  });

  test('showing contact details renders them on the page', async () => {
    const response = await post('manager', `/staff/inbox/${itemId}/contact`, {});
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('page-test@example.fi');
  });

  test('an empty reply keeps the form and the writer gets nothing; a real one is e-mailed', async () => {
    const bad = await post('handler', `/staff/inbox/${itemId}/reply`, {
      subject: 'Svar',
      body: '   ',
      public_reply: 'Offentligt svar',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Offentligt svar');
    const good = await post('handler', `/staff/inbox/${itemId}/reply`, {
      template: 'answer',
      subject: 'Svar på din respons',
      body: 'Hej! Väntetiden är två veckor.',
      public_reply: 'Väntetiden är två veckor.',
      publish: '1',
      done: '1',
    });
    expect(good.statusCode).toBe(303);
    const mail = await kit.smtp.waitForMessage((m) => m.to.includes('page-test@example.fi'));
    expect(mail.text).toContain('Väntetiden är två veckor.');
    expect((await kit.kuulo.feedback.service.get(itemId))?.status).toBe('done');
  });

  test('bulk actions need the CSRF token and report what was done', async () => {
    const second = await kit.submit({});
    expect(
      (await post('handler', '/staff/inbox/bulk', { action: 'assign_me', ids: second }, false)).statusCode,
    ).toBe(403);
    const response = await post('handler', '/staff/inbox/bulk', { action: 'assign_me', ids: second });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/staff/inbox?done=1&refused=0');
    expect((await kit.kuulo.feedback.service.get(second))?.assigneeId).toBe(kit.people.handler.userId);
  });

  test('list filters narrow the results', async () => {
    const overdue = await get('handler', '/staff/inbox?overdue=1');
    expect(overdue.statusCode).toBe(200);
    expect(overdue.body).not.toContain(`data-item="${itemId}"`);
    const done = await get('handler', '/staff/inbox?status=done');
    expect(done.body).toContain(`data-item="${itemId}"`);
  });

  test('templates and routing rules are for coordinators; the shortcut script is served to staff', async () => {
    expect((await get('coordinator', '/staff/inbox/templates')).body).toContain('name="body"');
    const refused = await post('manager', '/staff/inbox/templates', {
      key: 'x',
      language: 'fi',
      name: 'x',
      subject: 'x',
      body: 'x',
    });
    expect(refused.statusCode).toBe(403);
    expect((await get('manager', '/staff/inbox/rules')).statusCode).toBe(403);
    const added = await post('coordinator', '/staff/inbox/rules', {
      type: 'idea',
      service_area: '',
      target: 'social',
    });
    expect(added.statusCode).toBe(303);
    expect((await get('coordinator', '/staff/inbox/rules')).body).toContain('Sosiaalipalvelut');
    const script = await get('handler', '/staff/inbox/shortcuts.js');
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).toContain("tag === 'textarea'");
  });

  test('a handler marks an item as redirected to the objection process, and the page says so in words', async () => {
    const id = await kit.submit({
      type: 'complaint',
      description: 'Jag vill göra en anmärkning om min vård.',
    });
    const before = await get('handler', `/staff/inbox/${id}`);
    expect(before.body).toContain('Markera som hänvisad till anmärkningsförfarandet');
    const marked = await post('handler', `/staff/inbox/${id}/tags`, { tag: 'objection-process' });
    expect(marked.statusCode).toBe(303);
    const after = await get('handler', `/staff/inbox/${id}`);
    expect(after.body).toContain('Hänvisad till anmärkningsförfarandet');
    expect(after.body).not.toContain('Markera som hänvisad till anmärkningsförfarandet');
    const today = helsinkiDate(new Date());
    const figures = await kit.kuulo.inbox.quarterly.objections({
      unitId: 'region',
      quarter: `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`,
      minGroupSize: 5,
    });
    expect(figures.redirected).toBe(1);
  });
});
