import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';

import { many, openReportsKit, ORIGIN, type ReportsKit, type SignedIn } from './reports.testing.ts';

/** A page without the chart axes' labels and the explanation of the scale, which say −100 … +100. */
function withoutScale(body: string): string {
  return body
    .replace(/<text x="\d+" y="[\d.]+" class="tick"[^<]*<\/text>/g, '')
    .replace(/<p>The recommendation index \(NPS\)[^<]*<\/p>/, '');
}

function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
}

describe.each(testEngines())('public results on %s', (engine) => {
  let kit: ReportsKit;
  let manager: SignedIn;

  const get = (url: string, headers: Record<string, string> = {}) =>
    kit.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    kit = await openReportsKit(engine, { minGroupSize: 5 });
    const day = today();
    await kit.insert([
      ...many(30, { unitId: 'r-kallio', localDate: day, statements: { smooth: 5, respect: 4 } }),
      ...many(3, { unitId: 'r-tiny', localDate: day, statements: { smooth: 1 } }, [0, 1, 2]),
      ...many(4, { unitId: 'r-other', localDate: day }, [0]),
    ]);
    manager = await kit.user('manager@example.fi', [{ role: 'manager', unitId: 'r-hs' }]);
  });
  afterAll(async () => kit?.close());

  test('the unit page shows NPS with n and statements, in the language asked for', async () => {
    const page = await get('/results/unit/r-kallio?lang=sv');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="sv"');
    expect(page.body).toContain('Berghälls hälsostation');
    expect(page.body).toContain('n = 30');
    expect(page.body).toContain('Mitt ärende sköttes smidigt.');
    const english = await get('/results/unit/r-kallio', { 'accept-language': 'en-GB,en;q=0.8' });
    expect(english.body).toContain('Kallio health station');
  });

  test('a small group is never shown on public pages, its own page or its parent', async () => {
    const tiny = await get('/results/unit/r-tiny?lang=en');
    expect(tiny.statusCode).toBe(200);
    expect(tiny.body).toContain('fewer than 5 answers');
    expect(tiny.body).not.toMatch(/n = 3\b/);
    // Scores 0, 1 and 2 would make −100 with n = 3: neither figure may appear anywhere on the page.
    // (The axes and the explanation of the scale say −100 … +100: look at everything else.)
    const text = withoutScale(tiny.body);
    expect(text).not.toContain('−100');
    expect(text).not.toMatch(/<td>\d+<\/td>/);
    const other = await get('/results/unit/r-other?lang=en');
    expect(withoutScale(other.body)).not.toContain('−100');
    const parent = await get('/results/unit/r-hs?lang=en');
    const row = parent.body.split('<tr>').find((r) => r.includes('Small clinic')) ?? '';
    expect(row).toContain('fewer than 5 answers');
    expect(row).not.toMatch(/class="num"/);
  });

  test('public pages set no cookies, load nothing external and may be cached briefly', async () => {
    for (const url of [
      '/results?lang=fi',
      '/results?q=kallio',
      '/results/unit/r-kallio',
      '/results/unit/r-kallio/embed',
    ]) {
      const page = await get(url, { cookie: manager.cookie });
      expect(page.statusCode).toBe(200);
      expect(page.headers['set-cookie']).toBeUndefined();
      expect(page.headers['cache-control']).toBe('public, max-age=300');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.body).not.toMatch(/<script|src="http|href="http/);
    }
  });

  test('only the embed may be framed', async () => {
    const embed = await get('/results/unit/r-kallio/embed?lang=fi');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.body).toContain('target="_blank"');
    const full = await get('/results/unit/r-kallio');
    expect(full.headers['x-frame-options']).toBe('DENY');
    expect(full.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('the index lists the tree and searches by name; an unknown unit is a 404 page', async () => {
    const index = await get('/results?lang=fi');
    expect(index.body).toContain('href="/results/unit/r-hs?lang=fi"');
    const search = await get('/results?lang=fi&q=Vallila');
    expect(search.body).toContain('Vallilan terveysasema');
    expect(search.body).not.toContain('Kallion terveysasema');
    const missing = await get('/results/unit/nope', { accept: 'text/html' });
    expect(missing.statusCode).toBe(404);
  });

  test('staff add "what we changed" entries that the public page and embed show, with the snippet', async () => {
    const admin = await get('/staff/dashboard/public?unit=r-kallio&lang=en', { cookie: manager.cookie });
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('https://kuulo.example/results/unit/r-kallio/embed?lang=en');
    const post = (fields: Record<string, string>) =>
      kit.app.inject({
        method: 'POST',
        url: '/staff/dashboard/public/changes?unit=r-kallio&lang=en',
        headers: {
          cookie: manager.cookie,
          origin: ORIGIN,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ _csrf: manager.csrf, ...fields }).toString(),
      });
    const refused = await post({ fi: ' ', date: '2026-10-01' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Write a description of the change in Finnish.');
    const saved = await post({
      fi: 'Lisäsimme iltavastaanoton.',
      sv: 'Vi införde kvällsmottagning.',
      date: '2026-10-01',
    });
    expect(saved.statusCode).toBe(303);
    expect((await get('/results/unit/r-kallio?lang=sv')).body).toContain('Vi införde kvällsmottagning.');
    expect((await get('/results/unit/r-hs?lang=en')).body).toContain('Lisäsimme iltavastaanoton.');
    expect((await get('/results/unit/r-kallio/embed?lang=fi')).body).toContain('Lisäsimme iltavastaanoton.');
  });
});
