// Staff access in a real browser: OpenID Connect sign-in through a real provider process (authorization code +
// PKCE, the provider's own login and consent screens), then the administrators' audit log and privacy pages,
// with axe-core on each page.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, startE2eKuulo, type E2eKuulo } from './harness.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../src/server/testing/oidc-provider.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('staff access in Chromium', () => {
  let provider: TestOidcProvider;
  let kuulo: E2eKuulo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The provider must know Kuulo's callback before Kuulo starts, so the port is chosen here.
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startTestOidcProvider({
      redirectUris: [`${publicUrl}/staff/login/oidc/callback`],
      accounts: { 'kirsi.k': { email: 'kirsi.koordinaattori@example.fi', email_verified: true } },
    });
    kuulo = await startE2eKuulo({
      config: {
        port,
        publicUrl,
        oidcIssuer: provider.issuer,
        oidcClientId: provider.clientId,
        oidcClientSecret: provider.clientSecret,
        oidcLabel: 'Kunnan tunnistus',
      },
    });
    await kuulo.started.kuulo.staff.service.createUser({
      email: 'Kirsi.Koordinaattori@example.fi',
      displayName: 'Kirsi Koordinaattori',
      password: 'pitkä-ja-vahva-salasana-2026',
      roles: [{ role: 'admin', unitId: null }],
    });
    browser = await launchChromium();
    page = await newPage(browser);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await kuulo?.stop();
    await provider?.stop();
  });

  test('a person signs in through the identity provider and lands on the staff page they asked for', async () => {
    await page.goto(`${kuulo.url}/staff/audit?lang=fi`);
    expect(page.url()).toContain('/staff/login');
    expect(await violations(page)).toEqual([]);
    await Promise.all([page.waitForURL(`${provider.issuer}/**`), page.click('#oidc-sign-in')]);
    await page.fill('input[name=login]', 'kirsi.k');
    await page.fill('input[name=password]', 'any');
    await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
    // The provider's consent screen, then back to Kuulo.
    await Promise.all([page.waitForURL(`${kuulo.url}/staff/audit**`), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).toBe('Lokitiedot');
    expect(await page.textContent('body')).toContain('Kirsi Koordinaattori');
  });

  test('the audit log shows the sign-in, filters it, offers a CSV download and passes axe', async () => {
    await page.goto(`${kuulo.url}/staff/audit?lang=en&action=staff.`);
    const table = await page.textContent('table');
    expect(table).toContain('staff.identity_linked');
    expect(table).toContain('staff.login');
    expect(await violations(page)).toEqual([]);
    const csv = await page.evaluate(async () => {
      const link = document.querySelector<HTMLAnchorElement>('a[href^="/staff/audit/export.csv"]');
      const response = await fetch(link!.href);
      return { type: response.headers.get('content-type'), body: await response.text() };
    });
    expect(csv.type).toContain('text/csv');
    expect(csv.body).toContain('staff.identity_linked');
  });

  test('the privacy page saves retention periods and passes axe', async () => {
    await page.goto(`${kuulo.url}/staff/privacy?lang=sv`);
    expect(await violations(page)).toEqual([]);
    await page.fill('#days_contact_details', '200');
    await Promise.all([
      page.waitForURL(/done=saved/),
      page.click('form[action^="/staff/privacy/retention"] button'),
    ]);
    expect(await page.textContent('[role=status]')).toContain('Lagringstiderna har sparats');
    expect((await kuulo.started.kuulo.privacy.service.getRetention()).contact_details).toBe(200);
    await page.fill('#days_text_originals', 'aldrig');
    await Promise.all([
      page.waitForLoadState(),
      page.click('form[action^="/staff/privacy/retention"] button'),
    ]);
    expect(await page.textContent('.error-summary')).toContain('Ange ett helt antal dagar');
    expect(await violations(page)).toEqual([]);
  });
});
