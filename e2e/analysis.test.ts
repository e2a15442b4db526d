// The theme view in a real browser: comments stored through intake are analysed, an analyst reads the themes
// table and the comments, opens a comment's correction form and saves it with the keyboard; axe-core on the page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, startE2eKuulo, tabTo, type E2eKuulo } from './harness.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'pitkä-ja-vahva-salasana-2026';
const COMMENTS = [
  'Parkkipaikkaa ei löytynyt terveysaseman pihalta.',
  'Pysäköinti oli kallista ja parkkipaikat täynnä.',
  'Parkkipaikkoja on aivan liian vähän.',
  'Det fanns ingen parkering vid hälsostationen.',
  'Parking was impossible, nowhere to park.',
  'Takaisinsoittoa ei koskaan tullut.',
];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the theme view in Chromium', () => {
  let kuulo: E2eKuulo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    const { staff, intake, analysis } = kuulo.started.kuulo;
    for (const comment of COMMENTS) {
      await intake.service.submit(
        {
          submissionId: randomUUID(),
          survey: kuulo.surveyId,
          unit: 'e2e-kallio',
          channel: 'web',
          language: 'fi',
          answers: { recommendation: 4, comment },
        },
        { clientKey: 'e2e' },
      );
    }
    await intake.service.close();
    await analysis.service.analysePending(100);
    await staff.service.createUser({
      email: 'analyytikko@example.fi',
      displayName: 'Analyytikko',
      password: PASSWORD,
      roles: [{ role: 'analyst', unitId: 'e2e-root' }],
    });
    browser = await launchChromium();
    page = await newPage(browser);
    await page.goto(`${kuulo.url}/staff/login?lang=fi`);
    await page.focus('#email');
    await page.keyboard.type('analyytikko@example.fi');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForURL(/\/staff(\?|$)/), page.keyboard.press('Enter')]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
  });

  test('themes and comments are shown, pass axe, and a correction is saved with the keyboard', async () => {
    // Helsinki dates: a day either side of today's UTC date is safe at any hour.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.goto(
      `${kuulo.url}/staff/analysis?unit=e2e-root&from=${day(-1)}&to=${day(1)}&theme=parking&lang=fi`,
    );
    expect(await violations(page)).toEqual([]);
    expect(await page.locator('table').innerText()).toContain('Pysäköinti ja liikenne');
    expect(await page.locator('ol.comments > li').count()).toBe(5);

    await tabTo(page, 'ol.comments > li:first-child summary');
    await page.keyboard.press('Enter');
    await tabTo(page, 'ol.comments > li:first-child input[value="costs"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'ol.comments > li:first-child button[type=submit]');
    await Promise.all([page.waitForURL(/saved=1/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('status').innerText()).toContain('Korjaus tallennettu');
    expect(await violations(page)).toEqual([]);
    const corrected = await kuulo.started.kuulo.database.db
      .selectFrom('analysis_corrections')
      .select('themes')
      .execute();
    expect(corrected).toHaveLength(1);
    expect(corrected[0]?.themes).toContain('costs');
  }, 120_000);
});
