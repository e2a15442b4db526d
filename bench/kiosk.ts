// Kiosk page budget: the size of the page, its script and service worker (raw, gzip, brotli), and the time until
// the smiley question can be pressed in Debian's Chromium with the CPU slowed 4× (Emulation.setCPUThrottlingRate),
// on a first visit (enrolment screen, nothing cached) and on a start from the service worker's cache (an enrolled
// device after a restart). Runs: KUULO_BENCH_RUNS (default 7). Figures: docs/performance.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../e2e/harness.ts';
import { createKioskKit } from '../src/server/modules/kiosk/kiosk.test-kit.ts';
import { kioskAssets } from '../src/server/modules/kiosk/kiosk.assets.ts';

const RUNS = Number(process.env.KUULO_BENCH_RUNS ?? 7);
const THROTTLE = 4;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function launch(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}

// Records when the selector's element first exists (the screen is built and its buttons take presses).
const READY_SCRIPT = (selector: string) => `
  new MutationObserver((_, observer) => {
    if (document.querySelector(${JSON.stringify(selector)})) {
      window.__kioskReady = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

async function timedLoad(page: Page, url: string, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await page.goto(url);
  await page.waitForSelector(selector);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      ready: (window as unknown as { __kioskReady?: number }).__kioskReady ?? Number.NaN,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? Number.NaN,
      fcp: fcp?.startTime ?? Number.NaN,
    };
  });
  await cdp.detach();
  return timing;
}

async function main(): Promise<void> {
  const assets = await kioskAssets();
  console.log('| file | raw | gzip | brotli |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, asset] of [
    ['/kiosk (page)', assets.page],
    ['/kiosk/app.js', assets.app],
    ['/kiosk/sw.js', assets.sw],
  ] as const)
    console.log(
      `| ${name} | ${kb(Buffer.byteLength(asset.body))} | ${kb(asset.gzip.length)} | ${kb(asset.brotli.length)} |`,
    );
  const first = assets.page.gzip.length + assets.app.gzip.length;
  console.log(
    `page + script, gzip: ${kb(first)} (service worker ${kb(assets.sw.gzip.length)} more, in the background)`,
  );

  const kit = await createKioskKit('pglite');
  const url = await kit.app.listen({ port: 0, host: '127.0.0.1' });
  const cold: Awaited<ReturnType<typeof timedLoad>>[] = [];
  const warm: Awaited<ReturnType<typeof timedLoad>>[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const { code } = await kit.kiosk.service.createDevice(
        { name: `Bench ${run}`, unitId: 'kallio', survey: 'thl-children', followUpQuestion: 'topic' },
        null,
      );
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-kiosk-bench-'));
      try {
        let context = await launch(dir);
        let page = context.pages()[0] ?? (await context.newPage());
        await page.addInitScript(READY_SCRIPT('#code'));
        cold.push(await timedLoad(page, `${url}/kiosk`, '#code'));
        await page.fill('#code', code.code);
        await page.click('form.enrol button');
        await page.waitForSelector('.faces');
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
        await context.close();
        context = await launch(dir);
        page = context.pages()[0] ?? (await context.newPage());
        await page.addInitScript(READY_SCRIPT('.faces button'));
        warm.push(await timedLoad(page, `${url}/kiosk`, '.faces button'));
        await context.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await kit.close();
  }
  const row = (name: string, runs: typeof cold) =>
    console.log(
      `| ${name} | ${median(runs.map((r) => r.fcp)).toFixed(0)} ms | ${median(runs.map((r) => r.domContentLoaded)).toFixed(0)} ms | ${median(runs.map((r) => r.ready)).toFixed(0)} ms |`,
    );
  console.log(`\nChromium, CPU ${THROTTLE}× slower, loopback, median of ${RUNS}:`);
  console.log('| start | first paint | DOMContentLoaded | interactive |');
  console.log('| --- | --- | --- | --- |');
  row('first visit (enrolment screen, nothing cached)', cold);
  row('enrolled device after a restart (service worker cache)', warm);
}

await main();
