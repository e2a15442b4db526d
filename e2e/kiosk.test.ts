// A kiosk in a real Chromium: a coordinator adds a device on /staff/kiosks, the device enrols with the one-time
// code, the network is cut through the DevTools protocol (the service worker's own fetches too), 200 answers are
// given (every fourth within the repeat interval), the browser is restarted on the same profile, the network
// returns, and exactly 200 responses are stored with 50 flagged as repeats. axe-core checks every kiosk step and
// the staff page. Time inside the page runs on Playwright's clock, so the 5 s repeat interval costs no waiting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, startE2eKuulo, type E2eKuulo } from './harness.ts';
import { THL_CHILDREN_SLUG } from '../src/server/modules/surveys/index.ts';
import { addFollowUp } from '../src/server/modules/kiosk/kiosk.test-kit.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'pitkä-ja-vahva-salasana-2026';
const ANSWERS = 200;
const isRepeat = (i: number) => i % 4 === 3;

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function launchProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'fi-FI',
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

/**
 * Cuts (or restores) the network through the DevTools protocol for the page and for every service worker of
 * the browser: a page's emulation does not reach its service worker, which is a target of its own (attached
 * here in the non-flat mode, because Playwright's session object sends to one session only).
 */
class Network {
  private pageSession: CDPSession | undefined;
  private browserSession: CDPSession | undefined;
  private readonly workers = new Map<string, string>();
  private id = 1;

  constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
  ) {}

  async set(offline: boolean): Promise<void> {
    const conditions = { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
    this.pageSession ??= await this.context.newCDPSession(this.page);
    await this.pageSession.send('Network.enable');
    await this.pageSession.send('Network.emulateNetworkConditions', conditions);
    const browser = this.context.browser();
    if (!browser) throw new Error('no browser for the DevTools protocol');
    this.browserSession ??= await browser.newBrowserCDPSession();
    const { targetInfos } = await this.browserSession.send('Target.getTargets');
    for (const target of targetInfos.filter((t) => t.type === 'service_worker')) {
      let sessionId = this.workers.get(target.targetId);
      if (!sessionId) {
        sessionId = (
          await this.browserSession.send('Target.attachToTarget', {
            targetId: target.targetId,
            flatten: false,
          })
        ).sessionId;
        this.workers.set(target.targetId, sessionId);
        await this.toWorker(sessionId, 'Network.enable', {});
      }
      await this.toWorker(sessionId, 'Network.emulateNetworkConditions', conditions);
    }
  }

  private async toWorker(sessionId: string, method: string, params: object): Promise<void> {
    const message = JSON.stringify({ id: this.id++, method, params });
    await this.browserSession?.send('Target.sendMessageToTarget', { sessionId, message });
  }
}

/** Whether the page, and separately its service worker, can reach the server right now. */
async function reachability(page: Page): Promise<{ page: boolean; worker: boolean }> {
  return page.evaluate(async () => {
    const pageOk = await fetch('/kiosk/ping', { cache: 'no-store' }).then(
      (r) => r.ok,
      () => false,
    );
    const registration = await navigator.serviceWorker.ready;
    const worker = await new Promise<boolean>((resolve) => {
      navigator.serviceWorker.addEventListener(
        'message',
        (e: MessageEvent<{ probe?: boolean }>) => resolve(e.data.probe === true),
        {
          once: true,
        },
      );
      registration.active?.postMessage('probe');
    });
    return { page: pageOk, worker };
  });
}

async function screen(page: Page): Promise<string> {
  return (await page.getAttribute('#app', 'data-screen')) ?? '';
}

describe('kiosk in Chromium', () => {
  let kuulo: E2eKuulo;
  let profile: string;
  let context: BrowserContext | undefined;
  let code = '';
  let deviceId = '';
  let networkAfter: Network | undefined;

  const kioskCount = async (flag?: 'repeat') => {
    let query = kuulo.started.kuulo.database.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', 'kiosk');
    if (flag) query = query.where('flag', '=', flag);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  beforeAll(async () => {
    kuulo = await startE2eKuulo();
    const { staff, surveys } = kuulo.started.kuulo;
    await staff.service.createUser({
      email: 'koordinaattori@example.fi',
      displayName: 'Koordinaattori',
      password: PASSWORD,
      roles: [{ role: 'coordinator', unitId: null }],
    });
    await addFollowUp(surveys);
    const children = await surveys.service.getCurrent(THL_CHILDREN_SLUG);
    if (!children) throw new Error('children survey missing');
    await surveys.service.publish({
      surveyId: children.surveyId,
      unitId: 'e2e-root',
      includeSubtree: true,
      channels: ['qr'],
      actorId: null,
    });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-kiosk-profile-'));
  });
  afterAll(async () => {
    await context?.close();
    await kuulo?.stop();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  test('a coordinator adds a kiosk on /staff/kiosks and gets a one-time code', async () => {
    context = await launchProfile(fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-staff-profile-')));
    const page = await context.newPage();
    await page.goto(`${kuulo.url}/staff/login?lang=fi`);
    await page.fill('#email', 'koordinaattori@example.fi');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/staff(\?|$)/), page.press('#password', 'Enter')]);
    await page.goto(`${kuulo.url}/staff/kiosks?lang=fi`);
    expect(await violations(page)).toEqual([]);
    await page.fill('#name', 'Aula');
    await page.fill('#unitId', 'e2e-kallio');
    await page.selectOption('#survey', THL_CHILDREN_SLUG);
    await page.fill('#followUpQuestion', 'topic');
    await page.fill('#freeTextQuestion', 'comment');
    await Promise.all([page.waitForLoadState(), page.click('form.settings button[type=submit]')]);
    code = ((await page.textContent('#enrol-code')) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(await violations(page)).toEqual([]);
    deviceId = (await kuulo.started.kuulo.kiosk.service.listDevices())[0]?.id ?? '';
    await context.close();
    context = undefined;
  });

  test('the device enrols, answers 200 times offline, survives a restart and then stores exactly 200', async () => {
    // Playwright's clock drives Date and timers in the page; it starts in the past so the answer times that
    // run ahead during the test are never "in the future" for the server.
    const start = Date.now() - 3 * 60 * 60 * 1000;
    context = await launchProfile(profile);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.clock.install({ time: start });
    await page.goto(`${kuulo.url}/kiosk`);
    await page.waitForSelector('#code');
    expect(await violations(page)).toEqual([]);
    await page.fill('#code', code.toLowerCase());
    await page.click('form.enrol button');
    await page.waitForSelector('.faces');
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    expect(await page.isVisible('aside.qr img')).toBe(true);
    expect(await violations(page)).toEqual([]);
    await page.click('button[lang=sv]');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.textContent('h1')).toContain('Besöket');
    expect(await violations(page)).toEqual([]);
    await page.click('button[lang=fi]');
    // The service worker must hold the page before the network goes.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });

    const network = new Network(context, page);
    expect(await reachability(page)).toEqual({ page: true, worker: true });
    await network.set(true);
    expect(await reachability(page)).toEqual({ page: false, worker: false });

    for (let i = 0; i < ANSWERS; i++) {
      await page.click(`button.face[data-value="${(i % 4) + 1}"]`);
      if (!isRepeat(i)) {
        await page.waitForSelector('.choices');
        if (i === 0) expect(await violations(page)).toEqual([]);
        if (i % 3 === 0) await page.click('button.skip');
        else await page.click(`button.choice[data-option="${i % 2 ? 'staff' : 'waiting'}"]`);
        await page.waitForSelector('#free-text');
        if (i === 0) expect(await violations(page)).toEqual([]);
        if (i % 10 === 0) {
          await page.fill('#free-text', 'Mukava käynti');
          await page.click('form button[type=submit]');
        } else await page.click('button.skip');
      }
      await page.waitForFunction((n) => document.body.dataset.queue === String(n), i + 1);
      if (i === 0) expect(await violations(page)).toEqual([]);
      // The thank-you shows for 3 s; the next press is a repeat when it comes within 5 s of the completed answer.
      await page.clock.runFor(3_000);
      await page.waitForSelector('.faces');
      if (!isRepeat(i + 1)) await page.clock.runFor(2_500);
    }
    expect(await kioskCount()).toBe(0);
    expect(await screen(page)).not.toBe('');

    // Restart: the whole browser goes, the profile (IndexedDB, service worker, its cache) stays.
    await context.close();
    context = await launchProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.clock.install({ time: start + 2 * 60 * 60 * 1000 });
    networkAfter = new Network(context, page);
    await networkAfter.set(true);
    // Belt and braces for the moment between the start of the page and the cut reaching it: the kiosk sends its
    // queue as soon as it starts, and on a loaded machine a first batch once got through before the cut held.
    await context.route('**/api/kiosk/answers', (route) => route.abort('internetdisconnected'));
    await page.goto(`${kuulo.url}/kiosk`);
    await page.waitForSelector('.faces');
    // The service worker served the page from its cache, so it is running now: cut its network too.
    await networkAfter.set(true);
    await page.waitForFunction((n) => document.body.dataset.queue === String(n), ANSWERS);
    expect(await reachability(page)).toEqual({ page: false, worker: false });
    expect(await kioskCount()).toBe(0);

    await context.unroute('**/api/kiosk/answers');
    await networkAfter.set(false);
    await page.clock.runFor(60_000);
    await page.waitForFunction(() => document.body.dataset.queue === '0', undefined, { timeout: 60_000 });
    expect(await kioskCount()).toBe(ANSWERS);
    expect(await kioskCount('repeat')).toBe(ANSWERS / 4);
    const device = await kuulo.started.kuulo.kiosk.service.getDevice(deviceId);
    expect(device).toMatchObject({ answers: ANSWERS, repeats: ANSWERS / 4, queueLength: 0 });
  });

  test('a revoked device says so and keeps the answers it could not send', async () => {
    if (!context) throw new Error('no kiosk context');
    const page = context.pages()[0] as Page;
    if (!networkAfter) throw new Error('no network control');
    await networkAfter.set(true);
    await page.clock.runFor(6_000);
    await page.click('button.face[data-value="4"]');
    await page.waitForSelector('.choices');
    await page.click('button.skip');
    await page.click('button.skip');
    await page.waitForFunction(() => document.body.dataset.queue === '1');
    await kuulo.started.kuulo.kiosk.service.revoke(deviceId, null);
    await networkAfter.set(false);
    await page.clock.runFor(5 * 60_000);
    await page.waitForFunction(() => document.body.dataset.revoked === 'true', undefined, {
      timeout: 30_000,
    });
    expect(await page.textContent('h1')).toContain('poistettu käytöstä');
    expect(await page.getAttribute('body', 'data-queue')).toBe('1');
    expect(await violations(page)).toEqual([]);
  });

  test('the staff page shows the device with its answers and repeats, and passes axe-core', async () => {
    const staffContext = await launchProfile(fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-staff-profile-')));
    try {
      const page = await staffContext.newPage();
      await page.goto(`${kuulo.url}/staff/login?lang=en`);
      await page.fill('#email', 'koordinaattori@example.fi');
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(/\/staff(\?|$)/), page.press('#password', 'Enter')]);
      await page.goto(`${kuulo.url}/staff/kiosks?lang=en`);
      const row = page.locator(`tr[data-device="${deviceId}"]`);
      expect(await row.textContent()).toContain(String(ANSWERS / 4));
      expect(await violations(page)).toEqual([]);
      await page.goto(`${kuulo.url}/staff/kiosks/${deviceId}?lang=sv`);
      expect(await violations(page)).toEqual([]);
    } finally {
      await staffContext.close();
    }
  });
});
