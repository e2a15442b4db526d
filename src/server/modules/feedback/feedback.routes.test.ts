import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { jpegWithGps, openFeedbackKit, type FeedbackKit } from './feedback.test-fixtures.ts';

let kit: FeedbackKit;
let app: HttpApp;

beforeAll(async () => {
  kit = await openFeedbackKit('pglite');
  app = await buildHttpApp({
    logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    trustProxy: false,
    routes: [kit.feedback.routes],
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await kit.close();
});

/** Serialises form fields (and files) the way a browser does. */
async function multipart(
  fields: Record<string, string>,
  files: { name: string; filename: string; type: string; data: Buffer }[] = [],
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files)
    form.append(file.name, new Blob([new Uint8Array(file.data)], { type: file.type }), file.filename);
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
  };
}

async function post(
  lang: string,
  fields: Record<string, string>,
  files: Parameters<typeof multipart>[1] = [],
) {
  const { payload, headers } = await multipart(fields, files);
  return app.inject({
    method: 'POST',
    url: `/feedback?lang=${lang}`,
    payload,
    headers: { ...headers, accept: 'text/html' },
  });
}

function valid(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    submissionId: randomUUID(),
    unit: 'hs-kallio',
    type: 'question',
    description: 'Hur bokar jag en tid till tandläkaren?',
    name: 'Sven',
    email: 'sven@example.fi',
    phone: '',
    wantsReply: 'yes',
    ...overrides,
  };
}

describe('the open feedback form', () => {
  test.each(['fi', 'sv', 'en'])('renders in %s with every part a resident needs', async (lang) => {
    const res = await app.inject({ url: `/feedback?lang=${lang}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<html lang="${lang}">`);
    for (const part of [
      'name="type"',
      'id="description"',
      'type="file"',
      'name="email"',
      'name="wantsReply"',
      'id="unit-search"',
    ])
      expect(res.body).toContain(part);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('the Finnish form warns about identity codes and points to the statutory routes', async () => {
    const res = await app.inject({ url: '/feedback?lang=fi' });
    expect(res.body).toContain('Älä kirjoita tähän henkilötunnuksia');
    expect(res.body).toContain('muistutuksen');
    expect(res.body).toContain('Lupa- ja valvontavirastolle');
  });

  test('searches units over the tree and offers them as links that choose the unit', async () => {
    const res = await app.inject({ url: '/feedback?lang=sv&q=terveysasema' });
    expect(res.body).toContain('Berghälls hälsostation');
    expect(res.body).toContain('href="/feedback?lang=sv&amp;unit=hs-kallio"');
    expect(res.body).not.toContain('Suljettu yksikkö');
    const chosen = await app.inject({ url: '/feedback?lang=sv&unit=hs-kallio' });
    expect(chosen.body).toContain('<input type="hidden" name="unit" value="hs-kallio" />');
    expect(chosen.body).toContain('<strong>Berghälls hälsostation</strong>');
  });

  test('a valid submission redirects to a receipt with a tracking link', async () => {
    const res = await post('sv', valid());
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/feedback\/receipt\/[A-Za-z0-9_-]{32}\?lang=sv$/);
    const receipt = await app.inject({ url: location });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Tack – din respons har tagits emot');
    const token = location.split('/')[3]?.split('?')[0] ?? '';
    expect(receipt.body).toContain(`https://palaute.example.fi/feedback/track/${token}?lang=sv`);
    const track = await app.inject({ url: `/feedback/track/${token}?lang=sv` });
    expect(track.body).toContain('Mottagen');
    expect(track.body).toContain('Berghälls hälsostation');
    expect(track.body).not.toContain('tandläkaren');
    expect(track.body).not.toContain('sven@example.fi');
  });

  test('sending the same form twice stores once and shows the same receipt', async () => {
    const fields = valid();
    const first = await post('fi', fields);
    const second = await post('fi', fields);
    expect(second.headers.location).toBe(first.headers.location);
    const rows = await kit.database.db
      .selectFrom('feedback_items')
      .select('id')
      .where('submission_id', '=', fields.submissionId ?? '')
      .execute();
    expect(rows).toHaveLength(1);
  });

  test('errors are shown next to their fields in the language of the page, with what was written kept', async () => {
    const text = 'Lyhyt\n';
    const res = await post('en', valid({ type: '', description: text, email: 'nope', wantsReply: 'yes' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: Give feedback');
    expect(res.body).toContain('Choose the kind of feedback.');
    expect(res.body).toContain('Your feedback is too short: write at least 10 characters.');
    expect(res.body).toContain('Check the e-mail address');
    expect(res.body).toContain('href="#description"');
    expect(res.body).toContain('value="nope"');
    expect(res.body).toMatch(/<textarea[^>]*>\nLyhyt\n<\/textarea/);
    expect(res.body).toContain('aria-invalid="true"');
  });

  test('an image upload is stored re-encoded, and a non-image is refused next to the field', async () => {
    const ok = await post('fi', valid(), [
      { name: 'attachments', filename: 'kuva.jpg', type: 'image/jpeg', data: await jpegWithGps() },
      { name: 'attachments', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
    ]);
    expect(ok.statusCode).toBe(303);
    const bad = await post('fi', valid(), [
      { name: 'attachments', filename: 'virus.exe', type: 'image/png', data: Buffer.from('MZ not an image') },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Tiedosto virus.exe ei ole JPEG-, PNG- tai WebP-kuva.');
  });

  test('an image over 5 MB is refused with a message, not a failed request', async () => {
    const res = await post('en', valid(), [
      {
        name: 'attachments',
        filename: 'huge.jpg',
        type: 'image/jpeg',
        data: Buffer.alloc(5 * 1024 * 1024 + 10, 1),
      },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The image huge.jpg is too large: at most 5 MB.');
  });

  test('one address can send 20 forms a minute; the next is refused with a retry time', async () => {
    const send = async (remoteAddress: string) => {
      const { payload, headers } = await multipart({ submissionId: randomUUID(), description: 'x' });
      return app.inject({ method: 'POST', url: '/feedback?lang=en', payload, headers, remoteAddress });
    };
    for (let i = 0; i < 20; i++) expect((await send('10.0.0.9')).statusCode).toBe(400);
    const refused = await send('10.0.0.9');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await send('10.0.0.10')).statusCode).toBe(400);
  });

  test('an unknown tracking token is a page saying so', async () => {
    const res = await app.inject({ url: `/feedback/track/${'a'.repeat(32)}?lang=en` });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Feedback not found');
  });

  test('the counter script is served from the same origin', async () => {
    const res = await app.inject({ url: '/feedback/form.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.body).toContain("getElementById('description')");
  });
});
