// End-to-end harness: a real Kuulo (startServer, PGlite in a temporary data directory, no demo data) with a
// small organisation tree and the national survey published, driven by Debian's Chromium through playwright-core.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadConfig, type Config } from '../src/server/config.ts';
import { createLogger } from '../src/server/logger.ts';
import { startServer, type Started } from '../src/server/boot.ts';
import { THL_NATIONAL_SLUG } from '../src/server/modules/surveys/index.ts';

export const CHROMIUM = process.env.KUULO_CHROMIUM ?? '/usr/bin/chromium';

export const E2E_UNITS = [
  {
    id: 'e2e-root',
    parentId: null,
    type: 'division',
    nameFi: 'Sosiaali- ja terveystoimiala',
    nameSv: 'Social- och hälsovårdssektorn',
    nameEn: 'Social Services and Health Care',
  },
  {
    id: 'e2e-hs',
    parentId: 'e2e-root',
    type: 'service',
    nameFi: 'Terveysasemat',
    nameSv: 'Hälsostationer',
    nameEn: 'Health stations',
  },
  {
    id: 'e2e-kallio',
    parentId: 'e2e-hs',
    type: 'unit',
    nameFi: 'Kallion terveysasema',
    nameSv: 'Berghälls hälsostation',
    nameEn: 'Kallio health station',
  },
  {
    id: 'e2e-vallila',
    parentId: 'e2e-hs',
    type: 'unit',
    nameFi: 'Vallilan terveysasema',
    nameSv: 'Vallgårds hälsostation',
    nameEn: 'Vallila health station',
  },
];

export interface E2eKuulo {
  started: Started;
  url: string;
  surveyId: string;
  /** The short link code of the national survey at a unit. */
  code(unitId: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface E2eOptions {
  /** Config overrides, e.g. `{ smtpUrl: smtp.url }` from startTestSmtpServer(). */
  config?: Partial<Config>;
}

export async function startE2eKuulo(options: E2eOptions = {}): Promise<E2eKuulo> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-e2e-'));
  // The QR codes and posters hold the public address, so the port is chosen before the server starts.
  const port = await freePort();
  const config = loadConfig(
    {},
    {
      port,
      host: '127.0.0.1',
      publicUrl: `http://127.0.0.1:${port}`,
      dataDir,
      seedDemo: false,
      runJobs: false,
      logLevel: 'silent',
      secret: 'e2e-secret-'.padEnd(40, 'x'),
      intakeRatePerMinute: 10_000,
      ...options.config,
    },
  );
  const started = await startServer(config, createLogger(config.logLevel));
  try {
    const { organisation, surveys } = started.kuulo;
    const report = await organisation.service.importUnits(
      { format: 'json', content: JSON.stringify(E2E_UNITS) },
      { dryRun: false, actorId: null, source: 'e2e' },
    );
    if (!report.applied) throw new Error(`e2e units not imported: ${JSON.stringify(report.errors)}`);
    const survey = await surveys.service.getCurrent(THL_NATIONAL_SLUG);
    if (!survey) throw new Error('the national survey is missing');
    await surveys.service.publish({
      surveyId: survey.surveyId,
      unitId: 'e2e-root',
      includeSubtree: true,
      channels: ['web', 'qr'],
      actorId: null,
    });
    return {
      started,
      url: started.url,
      surveyId: survey.surveyId,
      code: (unitId) => started.kuulo.webSurvey.links.codeFor(survey.surveyId, unitId),
      async stop() {
        await started.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await started.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Debian's Chromium, headless, with a fresh profile and nothing that calls home. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'fi-FI', ...options });
  return context.newPage();
}

/** Presses Tab until the focused element matches the selector: proves the element is reachable by keyboard. */
export async function tabTo(page: Page, selector: string, maxPresses = 120): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with the Tab key`);
}

export async function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}
