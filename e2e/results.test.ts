// Public results in a real browser: the index, a unit page and the embed in fi/sv/en without JavaScript,
// axe-core on each, small groups hidden, and the embed working inside an iframe of another origin.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, startE2eKuulo, type E2eKuulo } from './harness.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('public results in Chromium', () => {
  let kuulo: E2eKuulo;
  let browser: Browser;
  let page: Page;
  let host: http.Server;
  let hostUrl = '';

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    const { db } = kuulo.started.kuulo.database;
    const version = await kuulo.started.kuulo.surveys.service.getCurrent(kuulo.surveyId);
    if (!version) throw new Error('no survey');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const row = (unit: string, score: number) => ({
      id: randomUUID(),
      submission_id: randomUUID(),
      survey_id: version.surveyId,
      survey_version_id: version.versionId,
      unit_id: unit,
      channel: 'web',
      language: 'fi',
      respondent_type: 'client',
      age_group: null,
      recommendation: score,
      answers: JSON.stringify({ recommendation: score, smooth: 4, safe: 5 }),
      submitted_at: `${today}T09:00:00Z`,
      local_date: today,
    });
    await db
      .insertInto('responses')
      .values([
        ...Array.from({ length: 12 }, (_, i) => row('e2e-kallio', 6 + (i % 5))),
        row('e2e-vallila', 0),
        row('e2e-vallila', 1),
      ])
      .execute();
    await kuulo.started.kuulo.insights.aggregates.catchUp();
    // Another origin that frames the embed, as an organisation's own web page would.
    host = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="fi"><title>Host</title><iframe id="f" title="Tulokset" src="${kuulo.url}/results/unit/e2e-kallio/embed?lang=fi" width="600" height="600"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const address = host.address();
    hostUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
    await kuulo?.stop();
  });

  test.each(['fi', 'sv', 'en'])('the index and a unit page in %s have no violations', async (lang) => {
    await page.goto(`${kuulo.url}/results?lang=${lang}`);
    expect(await violations(page)).toEqual([]);
    await page.goto(`${kuulo.url}/results/unit/e2e-kallio?lang=${lang}`);
    expect(await page.textContent('.headline')).toContain('n = 12');
    expect(await violations(page)).toEqual([]);
  });

  test('a small group is said in words on its page and its parent, without numbers', async () => {
    await page.goto(`${kuulo.url}/results/unit/e2e-vallila?lang=en`);
    expect(await page.textContent('.headline')).toContain('fewer than 5 answers');
    await page.goto(`${kuulo.url}/results/unit/e2e-hs?lang=en`);
    const row = await page.textContent('tr:has-text("Vallila health station")');
    expect(row).toContain('fewer than 5 answers');
    expect(await violations(page)).toEqual([]);
  });

  test('the embed shows inside an iframe on another origin and has no violations', async () => {
    await page.goto(hostUrl);
    const frame = page.frameLocator('#f');
    await expect.poll(async () => frame.locator('h1').textContent()).toContain('Kallion terveysasema');
    await page.goto(`${kuulo.url}/results/unit/e2e-kallio/embed?lang=sv`);
    expect(await violations(page)).toEqual([]);
    expect((await page.context().cookies()).length).toBe(0);
  });
});
