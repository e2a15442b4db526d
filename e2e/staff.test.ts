// The staff side in a real browser: sign in, import units with a dry run then apply, and axe-core on every
// staff page of this stage (the WCAG 2.1 AA promise covers staff tools too).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, startE2eKuulo, type E2eKuulo } from './harness.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'pitkä-ja-vahva-salasana-2026';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('staff pages in Chromium', () => {
  let kuulo: E2eKuulo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    await kuulo.started.kuulo.staff.service.createUser({
      email: 'admin@example.fi',
      displayName: 'Ylläpitäjä',
      password: PASSWORD,
      roles: [{ role: 'admin', unitId: null }],
    });
    browser = await launchChromium();
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
  });

  test('an administrator signs in with the keyboard and lands on the staff home page', async () => {
    await page.goto(`${kuulo.url}/staff/login?lang=fi`);
    expect(await violations(page)).toEqual([]);
    await page.focus('#email');
    await page.keyboard.type('admin@example.fi');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForURL(/\/staff(\?|$)/), page.keyboard.press('Enter')]);
    expect(await page.textContent('body')).toContain('Ylläpitäjä');
    expect(await violations(page)).toEqual([]);
  });

  test('importing units shows the changes first and applies them only when asked', async () => {
    const csv =
      'id,parent_id,type,name_fi,name_sv,name_en\ne2e-new,e2e-hs,unit,Uusi asema,Ny station,New station\n';
    await page.goto(`${kuulo.url}/staff/units/import?lang=fi`);
    await page.fill('#import-content', csv);
    await Promise.all([page.waitForLoadState(), page.click('button[value=check]')]);
    expect(await page.textContent('#import-result')).toBeTruthy();
    expect(await kuulo.started.kuulo.organisation.service.getUnit('e2e-new')).toBeUndefined();
    expect(await violations(page)).toEqual([]);
    await Promise.all([page.waitForLoadState(), page.click('button[value=apply]')]);
    const unit = await kuulo.started.kuulo.organisation.service.getUnit('e2e-new');
    expect(unit?.names.sv).toBe('Ny station');
  });

  test.each([
    '/staff/units?lang=fi',
    '/staff/units/e2e-kallio?lang=sv',
    '/staff/surveys?lang=en',
    '/staff/users?lang=fi',
  ])('axe-core finds no violations on %s', async (path) => {
    await page.goto(`${kuulo.url}${path}`);
    expect(page.url()).not.toContain('/login');
    expect(await violations(page)).toEqual([]);
  });

  test('axe-core finds no violations on the survey, edit and publish pages', async () => {
    for (const suffix of ['', '/edit', '/publish']) {
      await page.goto(`${kuulo.url}/staff/surveys/${kuulo.surveyId}${suffix}?lang=fi`);
      expect(page.url()).not.toContain('/login');
      expect(await violations(page)).toEqual([]);
    }
  });
});
