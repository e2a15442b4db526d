// The whole open-feedback flow in a real browser: a resident writes in Swedish through the public form and asks
// for a reply → the item lands in the right unit's inbox → a handler replies from the Swedish template → the
// e-mail arrives at a real local SMTP server → the public Open311 record shows the public reply. axe-core checks
// the inbox pages (list, item, shortcut help, templates).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, startE2eKuulo, type E2eKuulo } from './harness.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../src/server/testing/smtp-server.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'pitkä-ja-vahva-salasana-2026';
const RESIDENT_EMAIL = 'signe.svensson@example.fi';
const QUESTION = 'Hur länge måste jag vänta på en läkartid på Berghälls hälsostation? Jag ringde tre gånger.';
const PUBLIC_REPLY =
  'Väntetiden till läkare är just nu cirka två veckor. Vi har öppnat fler tider på kvällarna.';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('open feedback from the public form to a reply, in Chromium', () => {
  let smtp: TestSmtpServer;
  let kuulo: E2eKuulo;
  let browser: Browser;
  let resident: Page;
  let handler: Page;
  let itemId = '';
  let publicId = '';

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    kuulo = await startE2eKuulo({ config: { smtpUrl: smtp.url } });
    await kuulo.started.kuulo.staff.service.createUser({
      email: 'handlaggare@example.fi',
      displayName: 'Hanna Handläggare',
      password: PASSWORD,
      locale: 'sv',
      roles: [{ role: 'handler', unitId: 'e2e-kallio' }],
    });
    browser = await launchChromium();
    resident = await newPage(browser, { locale: 'sv-FI' });
    handler = await newPage(browser, { locale: 'sv-FI' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
    await smtp?.stop();
  });

  test('a resident finds the unit and sends a question in Swedish asking for a reply', async () => {
    await resident.goto(`${kuulo.url}/feedback?lang=sv`);
    await resident.fill('#unit-search', 'Berghäll');
    await Promise.all([resident.waitForURL(/q=/), resident.press('#unit-search', 'Enter')]);
    await Promise.all([resident.waitForURL(/unit=e2e-kallio/), resident.click('a[href*="unit=e2e-kallio"]')]);
    await resident.check('#type-question');
    await resident.fill('#description', QUESTION);
    await resident.fill('#c-name', 'Signe Svensson');
    await resident.fill('#c-email', RESIDENT_EMAIL);
    await resident.check('#wants-reply');
    await Promise.all([
      resident.waitForURL(/\/feedback\/receipt\//),
      resident.click('#feedback-form button[type=submit]'),
    ]);
    const token = /\/feedback\/receipt\/([^?]+)/.exec(resident.url())?.[1] ?? '';
    const tracked = await kuulo.started.kuulo.feedback.service.track(token);
    expect(tracked?.wantsReply).toBe(true);
    publicId = tracked?.publicId ?? '';
    expect(publicId).not.toBe('');
  });

  test('the feedback reaches the chosen unit’s inbox, and the inbox list passes axe-core', async () => {
    await handler.goto(`${kuulo.url}/staff/login`);
    await handler.fill('#email', 'handlaggare@example.fi');
    await handler.fill('#password', PASSWORD);
    await Promise.all([handler.waitForURL(/\/staff(\?|$)/), handler.press('#password', 'Enter')]);
    await handler.click('nav.staff a[href="/staff/inbox"]');
    await handler.waitForURL(/\/staff\/inbox$/);
    const row = handler.locator('tr[data-item]', { hasText: publicId });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Berghälls hälsostation');
    itemId = (await row.getAttribute('data-item')) ?? '';
    expect(await violations(handler)).toEqual([]);
  });

  test('keyboard shortcuts move through the list, leave text fields alone and open a help dialog', async () => {
    await handler.focus('#f-tag');
    await handler.keyboard.press('j');
    expect(await handler.inputValue('#f-tag')).toBe('j');
    await handler.fill('#f-tag', '');
    await handler.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await handler.keyboard.press('j');
    expect(
      await handler.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-item')),
    ).toBe(itemId);
    await handler.keyboard.press('?');
    expect(await handler.isVisible('#shortcuts')).toBe(true);
    expect(await violations(handler)).toEqual([]);
    await handler.keyboard.press('Escape');
    expect(await handler.isVisible('#shortcuts')).toBe(false);
  });

  test('a handler replies from the Swedish template; the e-mail arrives and Open311 shows the public reply', async () => {
    await handler.goto(`${kuulo.url}/staff/inbox/${itemId}`);
    expect(await handler.textContent('blockquote.item-text')).toContain('läkartid');
    expect(await handler.inputValue('#reply-subject')).toBe(`Svar på din respons ${publicId}`);
    expect(await violations(handler)).toEqual([]);
    // "r" puts the cursor in the reply.
    await handler.locator('h1').click();
    await handler.keyboard.press('r');
    expect(await handler.evaluate(() => document.activeElement?.id)).toBe('reply-body');
    const draft = await handler.inputValue('#reply-body');
    await handler.fill('#reply-body', draft.replace('\n\n\n\n', `\n\n${PUBLIC_REPLY}\n\n`));
    await handler.fill('#reply-public', PUBLIC_REPLY);
    await handler.check('#reply-publish');
    await Promise.all([
      handler.waitForURL(/notice=replied/),
      handler.click('form[action$="/reply"] button[type=submit]'),
    ]);
    expect(await handler.textContent('[role=status]')).toContain('Svaret skickades');
    expect(await violations(handler)).toEqual([]);

    const mail = await smtp.waitForMessage((m) => m.to.includes(RESIDENT_EMAIL));
    expect(mail.subject).toBe(`Svar på din respons ${publicId}`);
    expect(mail.text).toContain(PUBLIC_REPLY);
    expect(mail.text).toContain('Hanna Handläggare');

    const response = await fetch(`${kuulo.url}/open311/v2/requests/${publicId}.json`);
    expect(response.status).toBe(200);
    const records = (await response.json()) as {
      service_request_id: string;
      status_notes?: string;
      status: string;
    }[];
    expect(records[0]?.service_request_id).toBe(publicId);
    expect(records[0]?.status_notes).toBe(PUBLIC_REPLY);
    expect(records[0]?.status).toBe('closed');
    expect(JSON.stringify(records)).not.toContain(RESIDENT_EMAIL);
  });

  test('a coordinator’s template editor and routing rules pass axe-core, and a new rule is saved', async () => {
    await kuulo.started.kuulo.staff.service.createUser({
      email: 'koordinaattori@example.fi',
      displayName: 'Kaisa Koordinaattori',
      password: PASSWORD,
      roles: [{ role: 'coordinator', unitId: null }],
    });
    const coordinator = await newPage(browser);
    await coordinator.goto(`${kuulo.url}/staff/login`);
    await coordinator.fill('#email', 'koordinaattori@example.fi');
    await coordinator.fill('#password', PASSWORD);
    await Promise.all([coordinator.waitForURL(/\/staff(\?|$)/), coordinator.press('#password', 'Enter')]);
    await coordinator.goto(`${kuulo.url}/staff/inbox/templates`);
    expect(await coordinator.locator('textarea[name=body]').count()).toBeGreaterThanOrEqual(12);
    expect(await violations(coordinator)).toEqual([]);
    await coordinator.goto(`${kuulo.url}/staff/inbox/rules`);
    await coordinator.selectOption('#rule-type', 'accessibility');
    await coordinator.selectOption('#rule-target', 'e2e-hs');
    await Promise.all([
      coordinator.waitForURL(/notice=rule_added/),
      coordinator.click('form[action="/staff/inbox/rules"] button[type=submit]'),
    ]);
    expect(await coordinator.textContent('table.inbox')).toContain('Terveysasemat');
    expect(await violations(coordinator)).toEqual([]);
  });

  test('axe-core finds no violations on the templates page and a filtered list', async () => {
    for (const path of [
      '/staff/inbox/templates',
      '/staff/inbox?status=done&lang=fi',
      `/staff/inbox/${itemId}?lang=en`,
    ]) {
      await handler.goto(`${kuulo.url}${path}`);
      expect(handler.url()).not.toContain('/login');
      expect(await violations(handler)).toEqual([]);
    }
  });
});
