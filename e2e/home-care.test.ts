// Home-care mobile mode on a phone-sized screen in Chromium: the client answers with a face, hands the phone back,
// the nurse assesses the visit; axe-core on every page, and a 200 % zoom check on the client's screen.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { HOME_CARE_SLUG } from '../src/server/modules/surveys/index.ts';
import { launchChromium, newPage, startE2eKuulo, type E2eKuulo } from './harness.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'pitkä-ja-vahva-salasana-2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('a home-care visit on a phone in Chromium', () => {
  let kuulo: E2eKuulo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    const { staff, surveys } = kuulo.started.kuulo;
    const survey = await surveys.service.getCurrent(HOME_CARE_SLUG);
    await surveys.service.publish({
      surveyId: survey!.surveyId,
      unitId: 'e2e-root',
      includeSubtree: true,
      channels: ['home_care'],
      actorId: null,
    });
    await staff.service.createUser({
      email: 'lahihoitaja@example.fi',
      displayName: 'Lähihoitaja',
      password: PASSWORD,
      roles: [{ role: 'handler', unitId: 'e2e-kallio' }],
    });
    browser = await launchChromium();
    page = await newPage(browser, PHONE);
    await page.goto(`${kuulo.url}/staff/login?lang=fi`);
    await page.fill('#email', 'lahihoitaja@example.fi');
    await page.fill('#password', PASSWORD);
    await page.press('#password', 'Enter');
    await page.waitForLoadState();
    if (!/\/staff(\?|$)/.test(page.url()))
      throw new Error(`sign-in failed: ${page.url()} ${await page.textContent('main')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
  });

  test('the client taps a face in Swedish, the nurse assesses, and both pages pass axe-core', async () => {
    await page.goto(`${kuulo.url}/staff/home-care`);
    expect(page.url()).toContain('/staff/home-care');
    expect(await violations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/visit\?/), page.click('.start-langs a[hreflang=sv]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await violations(page)).toEqual([]);
    // No staff navigation or names on the client's screen.
    expect(await page.textContent('body')).not.toContain('Lähihoitaja');
    await page.check('#q-visit-4');
    await Promise.all([page.waitForURL(/assessment/), page.click('button[type=submit]:not([name])')]);
    expect(await page.textContent('.thanks')).toContain('Tack för ditt svar');
    expect(await violations(page)).toEqual([]);
    await page.check('#hc-on_time-yes');
    await page.check('#hc-affected_by-nothing');
    await Promise.all([
      page.waitForURL(/done=1/),
      page.click('form[action$="/assessment"] button[type=submit]'),
    ]);
    expect(await page.textContent('[role=status]')).toContain('Käynti tallennettu');
    const rows = await kuulo.started.kuulo.database.db
      .selectFrom('home_care_visits as v')
      .innerJoin('home_care_assessments as a', 'a.visit_id', 'v.id')
      .innerJoin('responses as r', 'r.id', 'v.response_id')
      .select(['r.answers', 'r.channel', 'a.on_time'])
      .execute();
    expect(rows).toEqual([{ answers: { visit: 4 }, channel: 'home_care', on_time: 'yes' }]);
  });

  test('the client screen works at 200 % zoom without sideways scrolling', async () => {
    const zoomed = await newPage(browser, { viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
    await zoomed.context().addCookies(await page.context().cookies());
    await zoomed.goto(`${kuulo.url}/staff/home-care/visit?unit=e2e-kallio&lang=fi`);
    await zoomed.evaluate(() => {
      document.documentElement.style.zoom = '2';
    });
    const overflow = await zoomed.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    );
    expect(overflow).toBe(false);
    expect(await zoomed.isVisible('label[for=q-visit-1]')).toBe(true);
  });

  test('the report page passes axe-core', async () => {
    await page.goto(`${kuulo.url}/staff/home-care/report?unit=e2e-kallio`);
    expect(await page.textContent('h1')).toContain('Kotihoidon käynnit');
    expect(await violations(page)).toEqual([]);
  });

  test('the chat satisfaction report passes axe-core', async () => {
    await page.goto(`${kuulo.url}/staff/chat?unit=e2e-kallio`);
    expect(await page.textContent('h1')).toContain('Chat');
    expect(await violations(page)).toEqual([]);
  });
});
