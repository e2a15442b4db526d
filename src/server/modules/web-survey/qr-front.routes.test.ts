import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import type { HttpApp } from '../../http/app.ts';
import { THL_NATIONAL } from '../surveys/templates/thl-national.ts';
import { SURVEY_ID, buildTestApp, insertFixtureRows, type Fakes } from './web-survey.test-kit.ts';

describe('QR codes, posters, front page and staff links', () => {
  let database: Database;
  let app: HttpApp;
  let code: string;
  const fakes: Fakes = {
    published: new Map([
      ['kallio', ['web', 'qr']],
      ['vallila', ['qr']],
    ]),
    submissions: [],
    failNext: undefined,
  };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await insertFixtureRows(database);
    const built = await buildTestApp(database, THL_NATIONAL, fakes);
    app = built.app;
    code = await built.module.links.codeFor(SURVEY_ID, 'kallio');
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  test('QR codes come as cacheable SVG and PNG; downloads are named after the code', async () => {
    const svg = await app.inject({ url: `/qr/${code}.svg` });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.headers['cache-control']).toContain('max-age');
    expect(svg.body).toMatch(/^<svg /);
    const png = await app.inject({ url: `/qr/${code.toUpperCase()}.png?download=1` });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(png.headers['content-disposition']).toBe(`attachment; filename="kuulo-qr-${code}.png"`);
    expect((await app.inject({ url: '/qr/zzzzzzz.svg' })).statusCode).toBe(404);
    expect((await app.inject({ url: `/qr/${code}.gif` })).statusCode).toBe(404);
  });

  test('the poster is an A4 page in the chosen language with the QR code and the address written out', async () => {
    const res = await app.inject({ url: `/poster/${code}?lang=sv` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="sv"');
    expect(res.body).toContain('@page{size:A4');
    expect(res.body).toContain('Berätta vad du tycker!');
    expect(res.body).toContain(`palaute.example.fi/q/${code}`);
    expect(res.body).toMatch(/role="img"\s+aria-label="QR-kod som leder till palaute\.example\.fi\/q\//);
    expect(res.body).toContain('<svg xmlns');
    expect((await app.inject({ url: '/poster/zzzzzzz' })).statusCode).toBe(404);
  });

  test('the front page finds units by part of their name and links to their open web surveys', async () => {
    const start = await app.inject({ url: '/', headers: { 'accept-language': 'en' } });
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Give feedback on social and health services');
    const found = await app.inject({ url: '/?q=terveysasema&lang=fi' });
    expect(found.body).toContain('Kallion terveysasema');
    expect(found.body).toContain(`href="/s/${code}?lang=fi"`);
    // Vallila has the survey only on posters (QR): no web link to offer.
    expect(found.body).not.toContain('Vallilan terveysasema');
    const none = await app.inject({ url: '/?q=xyzzy&lang=fi' });
    expect(none.body).toContain('ei löytynyt');
  });

  test('the accessibility statement names the WCAG 2.1 AA target', async () => {
    const res = await app.inject({ url: '/accessibility?lang=sv' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('WCAG) 2.1 på nivå AA');
  });

  test('staff see links, QR files and posters for every survey published at a unit; others cannot', async () => {
    expect((await app.inject({ url: '/staff/links' })).statusCode).toBe(401);
    const search = await app.inject({
      url: '/staff/links?q=vallila&lang=fi',
      headers: { 'x-test-staff': '1' },
    });
    expect(search.body).toContain('href="/staff/links?unit=vallila&amp;lang=fi"');
    const res = await app.inject({
      url: '/staff/links?unit=kallio&lang=fi',
      headers: { 'x-test-staff': '1' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`https://palaute.example.fi/s/${code}`);
    expect(res.body).toContain(`https://palaute.example.fi/q/${code}`);
    expect(res.body).toContain(`/qr/${code}.svg?download=1`);
    for (const lang of ['fi', 'sv', 'en']) expect(res.body).toContain(`/poster/${code}?lang=${lang}`);
    expect(res.body).toMatch(/aria-current="page"[^>]*>\s*Linkit ja julisteet|Links and posters/);
  });
});
