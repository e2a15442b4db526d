import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, startE2eKuulo, type E2eKuulo } from './harness.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('axe-core finds no WCAG 2.1 AA violations', () => {
  let kuulo: E2eKuulo;
  let browser: Browser;
  let page: Page;
  let code: string;

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    browser = await launchChromium();
    page = await newPage(browser);
    code = await kuulo.code('e2e-kallio');
  });
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
  });

  test.each(['fi', 'sv', 'en'])('on the survey page in %s', async (lang) => {
    await page.goto(`${kuulo.url}/s/${code}?lang=${lang}`);
    expect(await violations(page)).toEqual([]);
  });

  test('on the plain-language survey page', async () => {
    await page.goto(`${kuulo.url}/s/${code}?lang=fi&plain=1`);
    expect(await violations(page)).toEqual([]);
  });

  test('on a survey page sent back with errors', async () => {
    await page.goto(`${kuulo.url}/s/${code}?lang=fi`);
    await page.fill('#c-name', 'Testi Henkilö');
    await page.click('button[type=submit]');
    expect(await page.isVisible('#errors')).toBe(true);
    expect(await violations(page)).toEqual([]);
  });

  test('on the thank-you page', async () => {
    await page.goto(`${kuulo.url}/s/${code}?lang=sv`);
    await page.check('#q-recommendation-8');
    await Promise.all([page.waitForURL(/\/thanks/), page.click('button[type=submit]')]);
    expect(await violations(page)).toEqual([]);
  });

  test.each(['fi', 'sv', 'en'])('on the poster page in %s', async (lang) => {
    await page.goto(`${kuulo.url}/poster/${code}?lang=${lang}`);
    expect(await violations(page)).toEqual([]);
  });

  test('on the front page with search results, the accessibility statement and the not-found page', async () => {
    await page.goto(`${kuulo.url}/?lang=fi&q=terveysasema`);
    expect(await page.locator('.results a').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await page.goto(`${kuulo.url}/accessibility?lang=sv`);
    expect(await violations(page)).toEqual([]);
    await page.goto(`${kuulo.url}/s/zzzzzzz?lang=en`);
    expect(await violations(page)).toEqual([]);
  });

  test('on the staff page of links, QR codes and posters', async () => {
    await kuulo.started.kuulo.staff.service.createUser({
      email: 'links@example.fi',
      displayName: 'Linkkien Testaaja',
      password: 'pitkä-ja-vahva-salasana-2026',
      roles: [{ role: 'admin', unitId: null }],
    });
    const staff = await newPage(browser);
    await staff.goto(`${kuulo.url}/staff/links?lang=fi`);
    await staff.fill('#email', 'links@example.fi');
    await staff.fill('#password', 'pitkä-ja-vahva-salasana-2026');
    await Promise.all([staff.waitForURL(/\/staff\/links/), staff.press('#password', 'Enter')]);
    await staff.fill('#unit-q', 'kallio');
    await Promise.all([staff.waitForURL(/q=kallio/), staff.press('#unit-q', 'Enter')]);
    await Promise.all([staff.waitForURL(/unit=e2e-kallio/), staff.click('a[href*="unit=e2e-kallio"]')]);
    expect(await staff.locator(`a[href="/poster/${code}?lang=sv"]`).count()).toBe(1);
    expect(await violations(staff)).toEqual([]);
    await staff.context().close();
  });
});
