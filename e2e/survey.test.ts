import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'kysely';
import { focusedId, launchChromium, newPage, startE2eKuulo, tabTo, type E2eKuulo } from './harness.ts';

describe('answering the web survey in Chromium', () => {
  let kuulo: E2eKuulo;
  let browser: Browser;

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
  });

  const db = () => kuulo.started.kuulo.database.db;
  async function latestResponse(unitId: string, channel: string) {
    return db()
      .selectFrom('responses')
      .select(['language', 'channel', 'recommendation', 'respondent_type', 'answers'])
      .where('unit_id', '=', unitId)
      .where('channel', '=', channel)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
  }
  async function countResponses(unitId: string): Promise<number> {
    const row = await db()
      .selectFrom('responses')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** Keyboard only: Tab into each group, arrow keys to choose, Space on a fresh group, typing into the comment. */
  async function answerWithKeyboard(page: Page, comment: string): Promise<void> {
    await tabTo(page, '#q-recommendation-0');
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#q-recommendation-9')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('q-smooth-1');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#q-smooth-4')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('q-timely-1');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#q-timely-1')).toBe(true);
    await tabTo(page, '#q-respondent_type-client');
    await page.keyboard.press('Space');
    await tabTo(page, '#q-comment');
    await page.keyboard.type(comment);
  }

  test('a person answers in Finnish with the keyboard only and ends on the Finnish thank-you page', async () => {
    const code = await kuulo.code('e2e-kallio');
    const page = await newPage(browser, { locale: 'fi-FI' });
    await page.goto(`${kuulo.url}/s/${code}`);
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    await answerWithKeyboard(page, 'Hyvä palvelu, kiitos.');
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForURL(/\/thanks\?lang=fi$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBe('Kiitos!');
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    const stored = await latestResponse('e2e-kallio', 'web');
    expect(stored).toMatchObject({ language: 'fi', recommendation: 9, respondent_type: 'client' });
    expect(stored?.answers).toMatchObject({ smooth: 4, timely: 1 });
    await page.context().close();
  });

  test('a Swedish-speaking browser gets the survey in Swedish and answers it from a QR code by keyboard', async () => {
    const code = await kuulo.code('e2e-kallio');
    const page = await newPage(browser, { locale: 'sv-FI' });
    await page.goto(`${kuulo.url}/q/${code}`);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.textContent('h1')).toBe('Kundrespons');
    await answerWithKeyboard(page, 'Bra bemötande.');
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForURL(/\/q\/\w+\/thanks\?lang=sv$/), page.keyboard.press('Space')]);
    expect(await page.textContent('h1')).toBe('Tack!');
    expect(await latestResponse('e2e-kallio', 'qr')).toMatchObject({ language: 'sv', recommendation: 9 });
    await page.context().close();
  });

  test('the language switch keeps the survey and changes the language', async () => {
    const code = await kuulo.code('e2e-kallio');
    const page = await newPage(browser, { locale: 'fi-FI' });
    await page.goto(`${kuulo.url}/s/${code}`);
    await page.click('a[hreflang=sv]');
    expect(page.url()).toBe(`${kuulo.url}/s/${code}?lang=sv`);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await page.context().close();
  });

  test('with JavaScript turned off the form still submits, and errors still come back focused', async () => {
    const code = await kuulo.code('e2e-kallio');
    const page = await newPage(browser, { locale: 'en-GB', javaScriptEnabled: false });
    await page.goto(`${kuulo.url}/s/${code}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('button[type=submit]');
    expect(await page.isVisible('#errors')).toBe(true);
    expect(await page.locator('#errors').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.check('#q-recommendation-7');
    await page.check('#q-useful-cant_say');
    await Promise.all([page.waitForURL(/\/thanks\?lang=en$/), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).toBe('Thank you!');
    expect(await latestResponse('e2e-kallio', 'web')).toMatchObject({ language: 'en', recommendation: 7 });
    await page.context().close();
  });

  test('at 200 % zoom (640 px of a 1280 px window) and at 320 px nothing scrolls sideways and the submit button is reachable', async () => {
    const code = await kuulo.code('e2e-kallio');
    for (const width of [640, 320]) {
      const page = await newPage(browser, { viewport: { width, height: 720 } });
      await page.goto(`${kuulo.url}/s/${code}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${width}px`).toBe(0);
      await tabTo(page, 'button[type=submit]');
      const box = await page.locator('button[type=submit]').boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width && box.y >= 0 && box.y + box.height <= 720).toBe(
        true,
      );
      await page.context().close();
    }
  });

  test('a double click or a repeated post of the same form stores one response', async () => {
    const code = await kuulo.code('e2e-vallila');
    const before = await countResponses('e2e-vallila');
    const page = await newPage(browser);
    await page.goto(`${kuulo.url}/s/${code}?lang=fi`);
    await page.check('#q-recommendation-10');
    await Promise.all([page.waitForURL(/\/thanks/), page.dblclick('button[type=submit]')]);
    expect(await countResponses('e2e-vallila')).toBe(before + 1);

    await page.goto(`${kuulo.url}/s/${code}?lang=fi`);
    const submissionId = await page.inputValue('input[name=submission_id]');
    const form = { submission_id: submissionId, q_recommendation: '3' };
    const first = await page.request.post(`${kuulo.url}/s/${code}?lang=fi`, { form, maxRedirects: 0 });
    const again = await page.request.post(`${kuulo.url}/s/${code}?lang=fi`, { form, maxRedirects: 0 });
    expect([first.status(), again.status()]).toEqual([303, 303]);
    expect(await countResponses('e2e-vallila')).toBe(before + 2);
    await page.context().close();
  });

  test('the poster prints on one A4 page', async () => {
    const code = await kuulo.code('e2e-kallio');
    const page = await newPage(browser);
    await page.goto(`${kuulo.url}/poster/${code}?lang=fi`);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    const [, w, h] = /\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf) ?? [];
    // A4 is 595.3 × 841.9 points; Chromium rounds the box a little.
    expect(Math.abs(Number(w) - 595.3)).toBeLessThan(2);
    expect(Math.abs(Number(h) - 841.9)).toBeLessThan(2);
    await page.context().close();
  });
});
