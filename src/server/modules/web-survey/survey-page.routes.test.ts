import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import type { HttpApp } from '../../http/app.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { THL_NATIONAL } from '../surveys/templates/thl-national.ts';
import type { WebSurveyModule } from './index.ts';
import { SURVEY_ID, buildTestApp, insertFixtureRows, type Fakes } from './web-survey.test-kit.ts';

const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) params.append(k, x);
  return params.toString();
};
const submissionIdOf = (body: string) => /name="submission_id" value="([0-9a-f-]{36})"/.exec(body)?.[1] ?? '';

describe('public survey page', () => {
  let database: Database;
  let app: HttpApp;
  let module: WebSurveyModule;
  let code: string;
  const fakes: Fakes = { published: new Map(), submissions: [], failNext: undefined };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await insertFixtureRows(database);
    ({ app, module } = await buildTestApp(database, THL_NATIONAL, fakes));
    code = await module.links.codeFor(SURVEY_ID, 'kallio');
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  beforeEach(() => {
    fakes.published.set('kallio', ['web', 'qr']);
    fakes.submissions.length = 0;
  });

  test('the page is in the browser language, switches language by link and stores no cookie', async () => {
    const sv = await app.inject({ url: `/s/${code}`, headers: { 'accept-language': 'sv-FI,sv;q=0.9' } });
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain('<html lang="sv"');
    expect(sv.body).toContain('Respons till: Berghälls hälsostation');
    expect(sv.body).toContain(`href="/s/${code}?lang=fi"`);
    expect(sv.headers['set-cookie']).toBeUndefined();
    expect(sv.headers['cache-control']).toBe('no-store');
    expect(sv.headers['content-security-policy']).toContain("default-src 'none'");
    const en = await app.inject({ url: `/s/${code}?lang=en`, headers: { 'accept-language': 'sv' } });
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain(`action="/s/${code}?lang=en"`);
  });

  test('every question is an accessible group with its scale labels', async () => {
    const { body } = await app.inject({ url: `/s/${code}?lang=fi` });
    expect(body).toMatch(/<fieldset id="q-recommendation"\s+aria-describedby="q-recommendation-ends"/);
    expect(body).toContain('0 = Erittäin epätodennäköisesti');
    expect(body).toContain('Täysin samaa mieltä');
    expect(body).toContain('value="cant_say"');
    expect(body).toContain('henkilötunnuksia');
    expect(body).toContain('autocomplete="email"');
    expect(body).not.toContain('<script');
  });

  test('the plain-language version is used when asked for and offered by link', async () => {
    const standard = await app.inject({ url: `/s/${code}?lang=fi` });
    expect(standard.body).toContain(`href="/s/${code}?lang=fi&amp;plain=1"`);
    const plain = await app.inject({ url: `/s/${code}?lang=fi&plain=1` });
    expect(plain.body).toContain('Suosittelisitko tätä palvelua');
    expect(plain.body).toContain(`action="/s/${code}?lang=fi&amp;plain=1"`);
  });

  test('the national survey page stays within 15 KB compressed and is sent compressed', async () => {
    const res = await app.inject({ url: `/s/${code}?lang=fi`, headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.length).toBeLessThanOrEqual(15 * 1024);
    expect(gunzipSync(res.rawPayload).toString()).toContain('</html>');
    const br = await app.inject({ url: `/s/${code}`, headers: { 'accept-encoding': 'gzip;q=0.5, br' } });
    expect(br.headers['content-encoding']).toBe('br');
  });

  test('an unknown code gets a 404 page in the language; an unpublished survey a closed page', async () => {
    const unknown = await app.inject({ url: '/s/zzzzzzz?lang=sv' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Enkäten hittades inte');
    fakes.published.set('kallio', ['qr']);
    const closed = await app.inject({ url: `/s/${code}?lang=fi` });
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('Kysely on päättynyt');
    expect((await app.inject({ url: `/q/${code}` })).statusCode).toBe(200);
  });

  test('answers go to intake typed, with the channel of the link, then to the thank-you page', async () => {
    const page = await app.inject({ url: `/q/${code}?lang=sv` });
    const res = await app.inject({
      method: 'POST',
      url: `/q/${code}?lang=sv`,
      headers: { 'content-type': FORM },
      payload: form({
        submission_id: submissionIdOf(page.body),
        q_recommendation: '9',
        q_smooth: '4',
        q_safe: 'cant_say',
        q_respondent_type: 'relative',
        q_comment: 'Bra\r\nbemötande ',
        contact_email: 'a@example.fi',
      }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/q/${code}/thanks?lang=sv`);
    const [sent] = fakes.submissions;
    expect(sent?.input).toMatchObject({
      survey: SURVEY_ID,
      unit: 'kallio',
      channel: 'qr',
      language: 'sv',
      answers: {
        recommendation: 9,
        smooth: 4,
        safe: 'cant_say',
        respondent_type: 'relative',
        comment: 'Bra\nbemötande',
      },
      contact: { email: 'a@example.fi' },
    });
    expect(sent?.context.clientKey).toBe('127.0.0.1');
    const thanks = await app.inject({ url: res.headers.location as string });
    expect(thanks.body).toContain('Tack för din respons!');
  });

  test('sending the same form twice stores one response and both end on the thank-you page', async () => {
    const page = await app.inject({ url: `/s/${code}` });
    const payload = form({ submission_id: submissionIdOf(page.body), q_recommendation: '10' });
    const send = () =>
      app.inject({ method: 'POST', url: `/s/${code}?lang=fi`, headers: { 'content-type': FORM }, payload });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect(fakes.submissions).toHaveLength(1);
  });

  test('an empty or invalid form comes back with an error summary linked to the fields, answers kept', async () => {
    const empty = await app.inject({
      method: 'POST',
      url: `/s/${code}?lang=fi`,
      headers: { 'content-type': FORM },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Vastaa ainakin yhteen kysymykseen');
    expect(empty.body).toContain('href="#q-recommendation-0"');
    const bad = await app.inject({
      method: 'POST',
      url: `/s/${code}?lang=en`,
      headers: { 'content-type': FORM },
      payload: form({ q_recommendation: '7', q_smooth: '9', contact_name: 'Anna' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<title>Error: Customer feedback');
    expect(bad.body).toMatch(/id="q-recommendation-7"[^>]*checked/);
    expect(bad.body).toContain('href="#q-smooth-1"');
    expect(bad.body).toContain('href="#c-email"');
    expect(bad.body).toContain('value="Anna"');
    expect(fakes.submissions).toHaveLength(0);
  });

  test("intake's rejections appear next to the question; a survey closed meanwhile gets the closed page", async () => {
    fakes.failNext = new ValidationError('invalid_answers', 'errors.validation_failed', {}, [
      { question: 'useful', code: 'out_of_range', message: 'Valitse yksi vaihtoehdoista.' },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/s/${code}?lang=fi`,
      headers: { 'content-type': FORM },
      payload: form({ q_useful: '5' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="q-useful-error"');
    expect(res.body).toContain('Valitse yksi vaihtoehdoista.');
    fakes.failNext = new NotFoundError('survey_not_published', 'errors.not_found');
    const closed = await app.inject({
      method: 'POST',
      url: `/s/${code}`,
      headers: { 'content-type': FORM },
      payload: form({ q_useful: '5' }),
    });
    expect(closed.statusCode).toBe(410);
  });

  test('malformed bodies are answered with 4xx, never 500', async () => {
    const json = await app.inject({
      method: 'POST',
      url: `/s/${code}`,
      headers: { 'content-type': 'application/json', accept: 'text/html' },
      payload: JSON.stringify({ q_recommendation: { $gt: 1 } }),
    });
    expect(json.statusCode).toBe(400);
    const many = await app.inject({
      method: 'POST',
      url: `/s/${code}`,
      headers: { 'content-type': FORM },
      payload: form({ q_respondent_type: ['client', 'relative'], q_recommendation: '11' }),
    });
    expect(many.statusCode).toBe(400);
    expect(many.body).toContain('id="q-recommendation-error"');
  });
});
