// SMS surveys in a real browser: a visit event goes in through the API, the invitation travels through a real
// Kannel (bearerbox + smsbox, fake SMSC) to the "phone", the person opens the personal link in Chromium and answers
// with the keyboard in Swedish; the answer is stored with channel sms and the link works only once. axe-core checks
// the link page, its thank-you page and the coordinators' /staff/sms page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, startE2eKuulo, tabTo, type E2eKuulo } from './harness.ts';
import { isKannelInstalled, startKannel, type KannelHarness } from '../src/server/testing/kannel.ts';
import { helsinkiInstant, helsinkiWallTime } from '../src/shared/helsinki-time.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'pitkä-ja-vahva-salasana-2026';
const PHONE = '+358401112233';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!isKannelInstalled())('SMS survey link in Chromium through Kannel', () => {
  let kannel: KannelHarness;
  let kuulo: E2eKuulo;
  let browser: Browser;

  beforeAll(async () => {
    // Incoming messages are not part of this flow; delivery reports go to the public URL Kuulo gets.
    kannel = await startKannel({ incomingUrl: 'http://127.0.0.1:9/unused?from=%p&text=%b' });
    kuulo = await startE2eKuulo({
      config: { smsGateway: 'kannel', smsKannelUrl: kannel.sendsmsUrl, smsKannelPassword: kannel.password },
    });
    const { surveys, staff, sms } = kuulo.started.kuulo;
    await surveys.service.publish({
      surveyId: kuulo.surveyId,
      unitId: 'e2e-root',
      includeSubtree: true,
      channels: ['sms'],
      actorId: null,
    });
    await staff.service.createUser({
      email: 'coordinator@example.fi',
      displayName: 'Koordinaattori',
      password: PASSWORD,
      roles: [{ role: 'coordinator', unitId: null }],
    });
    const { key } = await sms.service.createIntegrationKey('e2e', null);
    const visitTime = new Date(Date.now() - 3_600_000);
    const response = await fetch(`${kuulo.url}/api/v1/sms/visit-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          {
            eventId: 'e2e-visit-1',
            phone: PHONE,
            visitTime: visitTime.toISOString(),
            unit: 'e2e-kallio',
            language: 'sv-FI',
            age: 52,
            consent: true,
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const w = helsinkiWallTime(visitTime);
    expect((await sms.dispatcher.runDue(helsinkiInstant(w.year, w.month, w.day + 1, 12))).sent).toBe(1);
    await kannel.smsc.waitForDelivered(1);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
    await kannel?.stop();
  });

  test('the person answers through the personal link with the keyboard, once', async () => {
    const message = kannel.smsc.delivered.find((m) => m.to === PHONE);
    expect(message?.text).toMatch(/^Tack för ditt besök: Berghälls hälsostation/);
    const link = /https?:\/\/\S+\/m\/[A-Za-z0-9_-]{22}/.exec(message?.text ?? '')?.[0] ?? '';
    const page = await newPage(browser, { locale: 'sv-FI' });
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await violations(page)).toEqual([]);
    await tabTo(page, '#q-recommendation-0');
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#q-recommendation-8')).toBe(true);
    await tabTo(page, '#q-comment');
    await page.keyboard.type('Vänlig personal');
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForURL(/\/thanks\?lang=sv$/), page.keyboard.press('Enter')]);
    expect(await violations(page)).toEqual([]);
    const stored = await kuulo.started.kuulo.database.db
      .selectFrom('responses')
      .select(['channel', 'recommendation', 'language', 'unit_id'])
      .where('unit_id', '=', 'e2e-kallio')
      .where('channel', '=', 'sms')
      .execute();
    expect(stored).toEqual([{ channel: 'sms', recommendation: 8, language: 'sv', unit_id: 'e2e-kallio' }]);
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  test('the coordinators\u2019 SMS page passes axe-core', async () => {
    const page = await newPage(browser);
    await page.goto(`${kuulo.url}/staff/login?lang=fi`);
    await page.fill('#email', 'coordinator@example.fi');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/staff(\?|$)/), page.press('#password', 'Enter')]);
    await page.goto(`${kuulo.url}/staff/sms?lang=fi`);
    expect(await page.textContent('h1')).toBe('Tekstiviestikyselyt');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});
