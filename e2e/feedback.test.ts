// The public open-feedback form in Chromium: a resident writes in Swedish with the keyboard only and asks for a
// reply; axe-core on every page of the flow; the form at 200 % zoom and without JavaScript. The inbox flow
// (reply → SMTP → Open311) continues from a stored item in e2e/inbox.test.ts. To extend this flow, add a test after
// the first one: it leaves the Swedish item in the database (kuulo.started.kuulo.feedback.service.track(token)).
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { focusedId, launchChromium, newPage, startE2eKuulo, tabTo, type E2eKuulo } from './harness.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Horizontal overflow of the page in CSS pixels (0 when nothing needs sideways scrolling). */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const SWEDISH_TEXT = 'Väntetiden till läkaren var två timmar. Kan ni förklara varför?';

/**
 * Keyboard only, in Swedish: search the unit, choose it, pick "Fråga", write, give an e-mail address, ask for a
 * reply, send. Ends on the receipt; returns the tracking token.
 */
async function submitInSwedish(page: Page, url: string, email: string): Promise<string> {
  await page.goto(`${url}/feedback?lang=sv`);
  await tabTo(page, '#unit-search');
  await page.keyboard.type('Berghäll');
  await Promise.all([page.waitForURL(/q=Bergh/), page.keyboard.press('Enter')]);
  await tabTo(page, 'a[href*="unit=e2e-kallio"]');
  await Promise.all([page.waitForURL(/unit=e2e-kallio/), page.keyboard.press('Enter')]);
  await tabTo(page, '#type-praise');
  // Arrow keys move within the radio group: praise → question.
  await page.keyboard.press('ArrowDown');
  expect(await page.isChecked('#type-question')).toBe(true);
  await tabTo(page, '#description');
  await page.keyboard.type(SWEDISH_TEXT);
  await tabTo(page, '#c-email');
  await page.keyboard.type(email);
  await tabTo(page, '#wants-reply');
  await page.keyboard.press('Space');
  expect(await page.isChecked('#wants-reply')).toBe(true);
  await tabTo(page, '#feedback-form button[type=submit]');
  await Promise.all([page.waitForURL(/\/feedback\/receipt\//), page.keyboard.press('Enter')]);
  return /\/feedback\/receipt\/([^?]+)/.exec(page.url())?.[1] ?? '';
}

describe('the open feedback form in Chromium', () => {
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

  test('a resident writes in Swedish with the keyboard only, asks for a reply and gets a receipt', async () => {
    const page = await newPage(browser, { locale: 'sv-FI' });
    const token = await submitInSwedish(page, kuulo.url, 'sven@example.fi');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.textContent('h1')).toBe('Tack – din respons har tagits emot');
    expect(await page.textContent('main')).toContain('Du bad om svar');
    expect(await violations(page)).toEqual([]);
    const view = await kuulo.started.kuulo.feedback.service.track(token);
    expect(view).toMatchObject({ type: 'question', unitId: 'e2e-kallio', wantsReply: true });
    const item = await kuulo.started.kuulo.feedback.service.getByPublicId(view?.publicId ?? '');
    expect(item).toMatchObject({ language: 'sv', descriptionRedacted: SWEDISH_TEXT, replyChannel: 'email' });
    // The tracking link on the receipt opens the status page, which passes axe-core too.
    await Promise.all([page.waitForURL(/\/feedback\/track\//), page.click('.token a')]);
    expect(await page.textContent('h1')).toBe('Behandlingen av din respons');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  test.each(['fi', 'sv', 'en'])('axe-core finds no violations on the form in %s', async (lang) => {
    const page = await newPage(browser);
    await page.goto(`${kuulo.url}/feedback?lang=${lang}&q=terveysasema`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  test('a form sent back with errors focuses the summary, links to the fields and passes axe-core', async () => {
    const page = await newPage(browser, { locale: 'en-GB' });
    await page.goto(`${kuulo.url}/feedback?lang=en`);
    await page.fill('#description', 'Too short');
    await page.check('#wants-reply');
    await Promise.all([
      page.waitForURL(/\/feedback\?lang=en/),
      page.click('#feedback-form button[type=submit]'),
    ]);
    expect(await focusedId(page)).toBe('errors');
    const summary = await page.textContent('#errors');
    expect(summary).toContain('Choose the kind of feedback.');
    expect(summary).toContain('Your feedback is too short');
    expect(summary).toContain('To get a reply, give an e-mail address or a phone number.');
    expect(await page.inputValue('#description')).toBe('Too short');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  test('the live counter counts characters as the resident types', async () => {
    const page = await newPage(browser, { locale: 'fi-FI' });
    await page.goto(`${kuulo.url}/feedback?lang=fi`);
    expect(await page.isVisible('#description-counter')).toBe(true);
    await page.type('#description', 'Hei');
    await page.waitForFunction(() =>
      document.getElementById('description-counter')?.textContent?.startsWith('3 '),
    );
    expect(await page.textContent('#description-counter')).toBe('3 / 5000 merkkiä (vähintään 10)');
    await page.context().close();
  });

  test('without JavaScript the form still sends, and the counter stays hidden', async () => {
    const page = await newPage(browser, { locale: 'fi-FI', javaScriptEnabled: false });
    await page.goto(`${kuulo.url}/feedback?lang=fi`);
    expect(await page.isVisible('#description-counter')).toBe(false);
    await page.check('#type-praise');
    await page.fill('#description', 'Kiitos ystävällisestä palvelusta!');
    await Promise.all([
      page.waitForURL(/\/feedback\/receipt\//),
      page.click('#feedback-form button[type=submit]'),
    ]);
    expect(await page.textContent('h1')).toBe('Kiitos – palautteesi on vastaanotettu');
    await page.context().close();
  });

  test('at 200 % zoom (640 CSS pixels wide) and at 320 pixels nothing needs sideways scrolling', async () => {
    // A 1280-pixel window at 200 % zoom lays pages out in 640 CSS pixels; 320 is WCAG 1.4.10's reflow width.
    for (const width of [640, 320]) {
      const page = await newPage(browser, { viewport: { width, height: 800 }, deviceScaleFactor: 2 });
      await page.goto(`${kuulo.url}/feedback?lang=fi&q=terveysasema`);
      expect(await horizontalOverflow(page), `form at ${width}px`).toBeLessThanOrEqual(0);
      await page.check('#type-idea');
      await page.fill('#description', 'Iltavastaanotto olisi hyvä lisä.');
      await Promise.all([page.waitForURL(/receipt/), page.click('#feedback-form button[type=submit]')]);
      expect(await horizontalOverflow(page), `receipt at ${width}px`).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  test('text enlarged to 200 % stays readable without sideways scrolling', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${kuulo.url}/feedback?lang=sv`);
    await page.addStyleTag({ content: 'html{font-size:200% !important}' });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const box = await page.locator('#description').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    await page.context().close();
  });
});
