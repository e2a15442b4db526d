import { afterAll, beforeAll, expect, test } from 'vitest';
import pino from 'pino';
import { Type } from '@sinclair/typebox';
import { buildHttpApp, type HttpApp } from './app.ts';
import { ConflictError, NotFoundError } from '../errors.ts';

let app: HttpApp;

beforeAll(async () => {
  app = await buildHttpApp({
    logger: pino({ level: 'silent' }),
    trustProxy: false,
    bodyLimitBytes: 1024,
    routes: [
      (scope) => {
        scope.post(
          '/api/v1/echo',
          {
            schema: {
              tags: ['test'],
              body: Type.Object(
                { name: Type.String({ minLength: 1 }), n: Type.Integer() },
                { additionalProperties: false },
              ),
            },
          },
          async (request) => request.body,
        );
        scope.get('/api/v1/missing', async () => {
          throw new NotFoundError('thing_not_found', 'errors.not_found');
        });
        scope.get('/api/v1/conflict', async () => {
          throw new ConflictError('already_changed', 'errors.conflict');
        });
        scope.get('/api/v1/crash', async () => {
          throw new Error('unexpected');
        });
      },
    ],
  });
  await app.ready();
});
afterAll(() => app.close());

const post = (payload: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/echo',
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });

test('a valid request passes through', async () => {
  const res = await post(JSON.stringify({ name: 'a', n: 1 }));
  expect(res.statusCode).toBe(200);
});

test('malformed JSON is a 400 with the code invalid_json', async () => {
  const res = await post('{"name":');
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('invalid_json');
});

test('schema violations name the fields in the request language', async () => {
  const res = await post(JSON.stringify({ name: '', extra: 1 }), { 'accept-language': 'sv' });
  expect(res.statusCode).toBe(400);
  const { error } = res.json();
  expect(error.code).toBe('validation_failed');
  expect(error.message).toMatch(/^Kontrollera uppgifterna/);
  expect(error.message).toContain('name');
  expect(error.details.length).toBeGreaterThan(0);
});

test('a body over the limit is a 413 and an unknown content type a 415', async () => {
  expect((await post(JSON.stringify({ name: 'x'.repeat(5000), n: 1 }))).statusCode).toBe(413);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/echo',
    payload: 'x',
    headers: { 'content-type': 'text/xml' },
  });
  expect(res.statusCode).toBe(415);
  expect(res.json().error.code).toBe('unsupported_media_type');
});

test('domain errors keep their own codes and statuses', async () => {
  const missing = await app.inject({ url: '/api/v1/missing', headers: { 'accept-language': 'en' } });
  expect(missing.statusCode).toBe(404);
  expect(missing.json().error).toEqual({
    code: 'thing_not_found',
    message: 'The page or item was not found.',
  });
  expect((await app.inject({ url: '/api/v1/conflict' })).statusCode).toBe(409);
});

test('an unexpected failure is a 500 that reveals nothing internal', async () => {
  const res = await app.inject({ url: '/api/v1/crash' });
  expect(res.statusCode).toBe(500);
  expect(res.body).not.toContain('unexpected');
  expect(res.json().error.code).toBe('internal_error');
});

test('an unknown page is a 404 page in the browser language; an unknown API path is JSON', async () => {
  const page = await app.inject({
    url: '/nowhere',
    headers: { accept: 'text/html', 'accept-language': 'sv-FI' },
  });
  expect(page.statusCode).toBe(404);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.body).toContain('lang="sv"');
  const api = await app.inject({ url: '/api/v1/nowhere', headers: { accept: 'text/html' } });
  expect(api.json().error.code).toBe('not_found');
});

test('?lang= overrides the browser language', async () => {
  const res = await app.inject({ url: '/api/v1/missing?lang=en', headers: { 'accept-language': 'fi' } });
  expect(res.json().error.message).toBe('The page or item was not found.');
});

test('the OpenAPI document lists tagged API routes and hides the rest', async () => {
  const doc = (await app.inject({ url: '/api/openapi.json' })).json();
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths)).toContain('/api/v1/echo');
  expect(Object.keys(doc.paths)).not.toContain('/healthz');
});

test('health check answers while serving', async () => {
  const res = await app.inject({ url: '/healthz' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ status: 'ok' });
});
