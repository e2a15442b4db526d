// The staff dashboard in a real browser: a manager opens it, drills down two levels by clicking, downloads an
// XLSX that is parsed back, and axe-core finds no WCAG 2.1 AA violations on the pages on the way; the themes panel
// leads to the analysis view of the same unit and period; the quarterly review is downloaded as PDF and its first
// page rendered to PNG with pdftoppm.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, startE2eKuulo, tabTo, type E2eKuulo } from './harness.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'pitkä-ja-vahva-salasana-2026';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function helsinkiDate(offsetDays: number): string {
  const d = new Date(Date.now() - offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(d);
}

async function seed(kuulo: E2eKuulo): Promise<void> {
  const { db } = kuulo.started.kuulo.database;
  const version = await kuulo.started.kuulo.surveys.service.getCurrent(kuulo.surveyId);
  if (!version) throw new Error('no survey');
  const plan: [string, number, string][] = [
    ['e2e-kallio', 24, 'web'],
    ['e2e-kallio', 9, 'sms'],
    ['e2e-vallila', 16, 'qr'],
  ];
  // Stay inside the current year (the dashboard's default period), whatever today is.
  const today = helsinkiDate(0);
  const rows = plan.flatMap(([unit, count, channel]) =>
    Array.from({ length: count }, (_, i) => {
      const day = helsinkiDate(i % 20);
      const local = day.slice(0, 4) === today.slice(0, 4) ? day : today;
      return {
        id: randomUUID(),
        submission_id: randomUUID(),
        survey_id: version.surveyId,
        survey_version_id: version.versionId,
        unit_id: unit,
        channel,
        language: 'fi',
        respondent_type: 'client',
        age_group: null,
        recommendation: [10, 9, 7, 4][i % 4] as number,
        answers: JSON.stringify({ recommendation: [10, 9, 7, 4][i % 4], smooth: 1 + (i % 5), respect: 5 }),
        submitted_at: `${local}T09:00:00Z`,
        local_date: local,
      };
    }),
  );
  await db.insertInto('responses').values(rows).execute();
  await kuulo.started.kuulo.insights.aggregates.catchUp();
  // Free-text comments at Kallio for the themes panel: six about parking, two about the phone (a small group).
  const comments = [
    'Parkkipaikkaa ei löytynyt sairaalan pihalta.',
    'Pysäköinti oli kallista ja parkkipaikat täynnä.',
    'Parking was impossible, nowhere to park.',
    'Det fanns ingen parkering vid hälsostationen.',
    'Parkkipaikat olivat täynnä koko aamun.',
    'Pysäköintialue oli liian pieni.',
    'Takaisinsoittoa ei koskaan tullut.',
    'Puhelimeen ei vastattu.',
  ];
  const kallio = rows.filter((r) => r.unit_id === 'e2e-kallio');
  await db
    .insertInto('response_texts')
    .values(
      comments.map((text, i) => ({
        response_id: kallio[i]!.id,
        question_id: 'comment',
        text_redacted: text,
      })),
    )
    .execute();
  await kuulo.started.kuulo.analysis.service.analysePending(500);
}

describe('staff dashboard in Chromium', () => {
  let kuulo: E2eKuulo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    await seed(kuulo);
    await kuulo.started.kuulo.staff.service.createUser({
      email: 'esihenkilo@example.fi',
      displayName: 'Esihenkilö',
      password: PASSWORD,
      roles: [{ role: 'manager', unitId: 'e2e-root' }],
    });
    browser = await launchChromium();
    page = await newPage(browser, { acceptDownloads: true });
    await page.goto(`${kuulo.url}/staff/login?lang=fi`);
    await page.fill('#email', 'esihenkilo@example.fi');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/staff(\?|$)/), page.click('button[type=submit]')]);
  });
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
  });

  test('a manager opens the dashboard and drills down two levels, with no accessibility violations', async () => {
    await page.click('nav.staff a[href="/staff/dashboard"]');
    await page.waitForURL(/\/staff\/dashboard/);
    expect(await page.textContent('h1')).toContain('Sosiaali- ja terveystoimiala');
    expect(await page.textContent('.cards')).toContain('49');
    expect(await violations(page)).toEqual([]);

    await Promise.all([
      page.waitForURL(/unit=e2e-hs/),
      page.click('#children-table a:text("Terveysasemat")'),
    ]);
    expect(await page.textContent('h1')).toContain('Terveysasemat');
    expect(await page.textContent('.crumbs')).toContain('Sosiaali- ja terveystoimiala');
    expect(await violations(page)).toEqual([]);

    await Promise.all([
      page.waitForURL(/unit=e2e-kallio/),
      page.click('#children-table a:text("Kallion terveysasema")'),
    ]);
    expect(await page.textContent('h1')).toContain('Kallion terveysasema');
    expect(await page.textContent('.cards')).toContain('33');
    // The charts' data tables open from the keyboard.
    await tabTo(page, '#trend summary');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#trend-table')).toBe(true);
    await tabTo(page, '#trend .pt');
    expect(await violations(page)).toEqual([]);
  });

  test('filters carry into the download, and the XLSX parses back with the figures on screen', async () => {
    await page.goto(`${kuulo.url}/staff/dashboard?unit=e2e-kallio&lang=fi`);
    await page.click('details.filters summary');
    await page.check('input[name=channel][value=web]');
    await Promise.all([page.waitForURL(/channel=web/), page.click('form.controls button[type=submit]')]);
    expect(await page.textContent('.cards')).toContain('24');
    expect(await violations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href*="aggregates.xlsx"]'),
    ]);
    expect(download.url()).toContain('channel=web');
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const trend = workbook.getWorksheet('trend');
    let total = 0;
    trend?.eachRow((row, index) => {
      if (index > 1 && typeof row.getCell(4).value === 'number') total += row.getCell(4).value as number;
    });
    expect(total).toBe(24);
  });

  test('the themes panel shows shares with a keyboard-reachable table, hides a small group and links to the theme view', async () => {
    await page.goto(`${kuulo.url}/staff/dashboard?unit=e2e-kallio&lang=en`);
    const panel = page.locator('section[aria-labelledby="themes"]');
    expect(await panel.locator('h2').textContent()).toBe('Themes of comments');
    expect(await panel.textContent()).toContain('8 comments analysed in the period');
    expect(await page.textContent('#themes-chart')).toMatch(/Parking and transport\s*75%\s*\(n = 6\)/);
    await tabTo(page, 'section[aria-labelledby="themes"] > details > summary');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#themes-table')).toBe(true);
    const phone = page.locator('#themes-table tr', { hasText: 'Phone service' });
    expect(await phone.textContent()).toContain('fewer than 5 answers');
    expect(await violations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL(/\/staff\/analysis\?.*theme=parking/),
      page.click('#themes-chart a:text("Parking and transport")'),
    ]);
    const url = new URL(page.url());
    expect(url.searchParams.get('unit')).toBe('e2e-kallio');
    expect(url.searchParams.get('from')).toBe(`${helsinkiDate(0).slice(0, 4)}-01-01`);
    expect(await page.textContent('body')).toContain('Parkkipaikkaa ei löytynyt sairaalan pihalta.');
    expect(await violations(page)).toEqual([]);
  });

  test('the quarterly review downloads as a PDF whose first page renders to PNG', async () => {
    await page.goto(`${kuulo.url}/staff/dashboard?unit=e2e-hs&lang=fi`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('form[action="/staff/dashboard/quarterly.pdf"] button:not(.secondary)'),
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-e2e-pdf-'));
    try {
      const pdf = path.join(dir, 'review.pdf');
      await download.saveAs(pdf);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
      const png = fs.readdirSync(dir).find((f) => f.endsWith('.png')) as string;
      expect(fs.statSync(path.join(dir, png)).size).toBeGreaterThan(5000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the quarterly review as a web page and the public results settings page have no violations', async () => {
    await page.goto(`${kuulo.url}/staff/dashboard/quarterly?unit=e2e-hs&quarter=${currentQuarter()}&lang=sv`);
    expect(await page.textContent('h1')).toContain('Kvartalsöversikt');
    expect(await violations(page)).toEqual([]);
    await page.goto(`${kuulo.url}/staff/dashboard/public?unit=e2e-kallio&lang=en`);
    expect(await violations(page)).toEqual([]);
  });
});

function currentQuarter(): string {
  const today = helsinkiDate(0);
  return `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
}
