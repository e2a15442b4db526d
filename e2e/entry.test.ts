// Staff entry of paper forms in a real browser, keyboard only: a pile of 20 forms is typed in as box numbers,
// each saved with Enter on the save button and the next blank form focused at once; axe-core on every page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { focusedId, launchChromium, newPage, startE2eKuulo, tabTo, type E2eKuulo } from './harness.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'pitkä-ja-vahva-salasana-2026';
const STATEMENTS = ['smooth', 'timely', 'respect', 'together', 'safe', 'understandable', 'useful'];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The i-th form of the pile: varied on purpose, with blanks and "can't say" (0). */
function form(i: number) {
  return {
    recommendation: String(i % 11),
    statements: STATEMENTS.map((_, j) => ((i + j) % 7 === 0 ? '' : String((i + j) % 6))),
    respondentType: String((i % 3) + 1),
    comment: i % 4 === 0 ? `Lomake ${i}: kiitos hoitajille` : '',
  };
}

describe('entering a pile of paper forms in Chromium', () => {
  let kuulo: E2eKuulo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    const { staff, surveys } = kuulo.started.kuulo;
    await surveys.service.publish({
      surveyId: kuulo.surveyId,
      unitId: 'e2e-root',
      includeSubtree: true,
      channels: ['paper', 'oral'],
      actorId: null,
    });
    await staff.service.createUser({
      email: 'hoitaja@example.fi',
      displayName: 'Hoitaja',
      password: PASSWORD,
      roles: [{ role: 'handler', unitId: 'e2e-kallio' }],
    });
    browser = await launchChromium();
    page = await newPage(browser);
    await page.goto(`${kuulo.url}/staff/login?lang=fi`);
    await page.focus('#email');
    await page.keyboard.type('hoitaja@example.fi');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForURL(/\/staff(\?|$)/), page.keyboard.press('Enter')]);
  });
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
  });

  test('20 forms are entered with the keyboard only and stored as 20 paper responses of one batch', async () => {
    await page.goto(`${kuulo.url}/staff/entry?unit=e2e-kallio`);
    expect(await violations(page)).toEqual([]);
    await tabTo(page, 'form[action="/staff/entry/batches"] button[type=submit]');
    await Promise.all([page.waitForURL(/\/staff\/entry\/batches\//), page.keyboard.press('Enter')]);
    expect(await violations(page)).toEqual([]);

    for (let i = 1; i <= 20; i++) {
      expect(await focusedId(page)).toBe('e-recommendation');
      const f = form(i);
      const typed = [f.recommendation, ...f.statements, f.respondentType, ''];
      for (const value of typed) {
        if (value) await page.keyboard.type(value);
        await page.keyboard.press('Tab');
      }
      expect(await focusedId(page)).toBe('e-comment');
      if (f.comment) await page.keyboard.type(f.comment);
      await page.keyboard.press('Tab');
      await Promise.all([page.waitForURL(new RegExp(`saved=${i}$`)), page.keyboard.press('Enter')]);
      expect(await page.textContent('[role=status]')).toContain(`Lomake ${i} tallennettu`);
    }
    expect(await page.textContent('main')).toContain('20 lomaketta syötetty');

    const db = kuulo.started.kuulo.database.db;
    const rows = await db
      .selectFrom('entry_records as r')
      .innerJoin('responses as p', 'p.id', 'r.response_id')
      .select([
        'r.form_number',
        'p.channel',
        'p.unit_id',
        'p.recommendation',
        'p.respondent_type',
        'p.answers',
      ])
      .orderBy('r.form_number')
      .execute();
    expect(rows).toHaveLength(20);
    for (const [index, row] of rows.entries()) {
      const f = form(index + 1);
      expect(row).toMatchObject({ form_number: index + 1, channel: 'paper', unit_id: 'e2e-kallio' });
      expect(row.recommendation).toBe(Number(f.recommendation));
      expect(row.respondent_type).toBe(['client', 'relative', 'assisted'][Number(f.respondentType) - 1]);
      STATEMENTS.forEach((id, j) => {
        const code = f.statements[j];
        const expected = code === '' ? undefined : code === '0' ? 'cant_say' : Number(code);
        expect((row.answers as Record<string, unknown>)[id]).toBe(expected);
      });
    }
  });

  test('a mistyped box number is announced in the error summary and at its question', async () => {
    await page.keyboard.type('12');
    await tabTo(page, 'form[method=post] button[type=submit]');
    await Promise.all([page.waitForLoadState(), page.keyboard.press('Enter')]);
    expect(await page.textContent('.error-summary')).toContain('Kirjoita numero 0–10');
    expect(await violations(page)).toEqual([]);
  });

  test('the paper form downloads as a PDF rendered by Chromium', async () => {
    const res = await page.request.get(
      `${kuulo.url}/staff/entry/print.pdf?survey=${kuulo.surveyId}&unit=e2e-kallio&lang=en`,
    );
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const body = await res.body();
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(5_000);
  });

  test('the printable paper form passes axe-core', async () => {
    await page.goto(`${kuulo.url}/staff/entry/print?survey=${kuulo.surveyId}&unit=e2e-kallio&lang=sv`);
    expect(await page.textContent('h1')).toBeTruthy();
    expect(await violations(page)).toEqual([]);
  });
});
