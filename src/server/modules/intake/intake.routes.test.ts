import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pino from 'pino';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import type { IntakeModule } from './index.ts';
import { buildIntake, nationalSubmission, seedWorld, type World } from './intake.test-fixtures.ts';

let database: Database;
let world: World;
const modules: IntakeModule[] = [];
const apps: HttpApp[] = [];

async function appWith(ratePerMinute = 100_000): Promise<HttpApp> {
  const { intake } = buildIntake(database.db, world, {
    engine: 'pglite',
    config: { intakeRatePerMinute: ratePerMinute },
  });
  const app = await buildHttpApp({
    logger: pino({ level: 'silent' }),
    trustProxy: false,
    routes: [intake.routes],
  });
  await app.ready();
  modules.push(intake);
  apps.push(app);
  return app;
}

let app: HttpApp;

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  world = await seedWorld(database.db);
  app = await appWith();
});
afterAll(async () => {
  for (const a of apps) await a.close();
  for (const m of modules) await m.service.close();
  await database.close();
});

function post(payload: unknown, headers: Record<string, string> = {}, target = app) {
  return target.inject({
    method: 'POST',
    url: '/api/v1/responses',
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
  });
}

const countResponses = async () =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from responses`.execute(database.db)).rows[0]?.n,
  );

describe('POST /api/v1/responses', () => {
  test('a new submission answers 201 with its id; the same submissionId again 200 with the same id', async () => {
    const body = nationalSubmission({ answers: { recommendation: 9, comment: 'Hyvä palvelu' } });
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    const { id } = first.json<{ id: string }>();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id });
  });

  test('a full body with submittedAt and contact is accepted', async () => {
    const res = await post(
      nationalSubmission({
        submittedAt: new Date(Date.now() - 3600_000).toISOString(),
        contact: { name: 'Maija', phone: '040 123 4567' },
        channel: 'kiosk',
      }),
    );
    expect(res.statusCode).toBe(201);
  });

  test.each([
    ['malformed JSON', '{"submissionId": ', 400, 'invalid_json'],
    ['an empty body', '', 400, 'invalid_json'],
    ['JSON that is not an object', '[1,2,3]', 400, 'validation_failed'],
    [
      'a missing field',
      JSON.stringify({ ...nationalSubmission(), unit: undefined }),
      400,
      'validation_failed',
    ],
    ['an extra field', JSON.stringify({ ...nationalSubmission(), extra: 1 }), 400, 'validation_failed'],
    [
      'an extra contact field',
      JSON.stringify(nationalSubmission({ contact: { fax: '1' } })),
      400,
      'validation_failed',
    ],
    ['a wrong type', JSON.stringify(nationalSubmission({ answers: 'yes' })), 400, 'validation_failed'],
    ['a bad uuid', JSON.stringify(nationalSubmission({ submissionId: '1234' })), 400, 'validation_failed'],
    ['an unknown channel', JSON.stringify(nationalSubmission({ channel: 'fax' })), 400, 'validation_failed'],
    [
      'a timestamp without a zone',
      JSON.stringify(nationalSubmission({ submittedAt: '2025-01-01T10:00:00' })),
      400,
      'validation_failed',
    ],
    ['a __proto__ key', '{"__proto__": {"x": 1}, "submissionId": "x"}', 400, 'invalid_json'],
    ['an unknown survey', JSON.stringify(nationalSubmission({ survey: 'no-such' })), 404, 'survey_not_found'],
    ['an unknown unit', JSON.stringify(nationalSubmission({ unit: 'nope' })), 404, 'unit_not_found'],
    ['a closed unit', JSON.stringify(nationalSubmission({ unit: 'u-closed' })), 404, 'unit_closed'],
    [
      'an unpublished unit',
      JSON.stringify(nationalSubmission({ unit: 'u-unpublished' })),
      404,
      'survey_not_available',
    ],
    [
      'an unpublished channel',
      JSON.stringify(nationalSubmission({ channel: 'api' })),
      404,
      'survey_not_available',
    ],
    [
      'a language the survey lacks',
      JSON.stringify(nationalSubmission({ language: 'de' })),
      400,
      'unsupported_language',
    ],
    [
      'invalid answers',
      JSON.stringify(nationalSubmission({ answers: { recommendation: 11 } })),
      400,
      'invalid_answers',
    ],
    ['no answers', JSON.stringify(nationalSubmission({ answers: {} })), 400, 'invalid_answers'],
    [
      'a future answer time',
      JSON.stringify(nationalSubmission({ submittedAt: new Date(Date.now() + 3600_000).toISOString() })),
      400,
      'submitted_at_in_future',
    ],
    [
      'an ancient answer time',
      JSON.stringify(nationalSubmission({ submittedAt: '2001-01-01T00:00:00Z' })),
      400,
      'submitted_at_too_old',
    ],
    [
      'a bad contact e-mail',
      JSON.stringify(nationalSubmission({ contact: { email: 'nope' } })),
      400,
      'invalid_contact',
    ],
  ])('%s is rejected with a stable code and nothing is stored', async (_name, payload, status, code) => {
    const before = await countResponses();
    const res = await post(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toEqual(expect.any(String));
    expect(await countResponses()).toBe(before);
  });

  test.each([
    ['text/plain', 'hello'],
    ['application/x-www-form-urlencoded', 'submissionId=x&survey=thl-national'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('content type %s is refused with 415', async (type, payload) => {
    const res = await post(payload, { 'content-type': type });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  test('a body without a content type is refused with 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/responses', payload: '{}' });
    expect(res.statusCode).toBe(415);
  });

  test('a body over 64 KB is refused with 413', async () => {
    const res = await post(nationalSubmission({ answers: { comment: 'x'.repeat(70 * 1024) } }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  test('invalid answers come with per-question details in the request’s language', async () => {
    const body = nationalSubmission({ answers: { recommendation: 'ten', smooth: 9 } });
    const messages: Record<string, string> = {};
    for (const lang of ['fi', 'sv', 'en']) {
      const res = await post(body, { 'accept-language': `${lang};q=1, en;q=0.5` });
      expect(res.statusCode).toBe(400);
      const { error } = res.json();
      expect(error.details).toEqual([
        { question: 'recommendation', code: 'invalid_type', message: expect.any(String) },
        { question: 'smooth', code: 'out_of_range', message: expect.any(String) },
      ]);
      messages[lang] = `${error.message} ${error.details[0].message}`;
    }
    expect(messages.fi).toContain('Osa vastauksista on tarkistettava.');
    expect(messages.sv).toContain('En del av svaren behöver kontrolleras.');
    expect(messages.en).toContain('Some answers need to be checked.');
  });

  test('not-found messages follow Accept-Language too', async () => {
    const body = nationalSubmission({ unit: 'nope' });
    expect((await post(body, { 'accept-language': 'fi' })).json().error.message).toBe(
      'Palveluyksikköä ei löytynyt.',
    );
    expect((await post(body, { 'accept-language': 'sv-FI' })).json().error.message).toBe(
      'Serviceenheten hittades inte.',
    );
    expect((await post(body, { 'accept-language': 'en-GB' })).json().error.message).toBe(
      'The service unit was not found.',
    );
  });

  test('a client over the rate limit gets 429 with Retry-After; another client does not', async () => {
    const limited = await appWith(3);
    for (let i = 0; i < 3; i++) expect((await post(nationalSubmission(), {}, limited)).statusCode).toBe(201);
    const res = await post(nationalSubmission(), {}, limited);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBe(20);
    const other = await limited.inject({
      method: 'POST',
      url: '/api/v1/responses',
      remoteAddress: '198.51.100.9',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(nationalSubmission()),
    });
    expect(other.statusCode).toBe(201);
  });

  test('the route is in the OpenAPI document under the responses tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = doc.paths['/api/v1/responses'].post;
    expect(operation.tags).toEqual(['responses']);
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '404', '413', '429']),
    );
    expect(operation.requestBody.content['application/json'].schema.properties.submissionId.format).toBe(
      'uuid',
    );
  });
});

describe('random input', () => {
  let seed = 20261122;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const strings = [
    '',
    ' ',
    'fi',
    'thl-national',
    'u-1',
    'cant_say',
    '\u0000',
    '\ud800',
    '😀'.repeat(50),
    'x'.repeat(3000),
    '010190-123A',
    '<script>',
    "'; drop table responses; --",
    randomUUID(),
    '2025-01-01T00:00:00Z',
    'NaN',
  ];
  const numbers = [0, -1, 1, 4, 5, 10, 11, 1.5, 1e308, -0, 2 ** 53 + 1];

  function value(depth = 0): unknown {
    const kind = Math.floor(random() * (depth > 2 ? 4 : 6));
    if (kind === 0) return pick(strings);
    if (kind === 1) return pick(numbers);
    if (kind === 2) return pick([true, false, null]);
    if (kind === 3) return pick([[], {}, ['client'], ['client', 'client']]);
    if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 4) }, () => [
        pick(['recommendation', 'smooth', 'comment', 'name', 'email', 'x', '__proto__x']),
        value(depth + 1),
      ]),
    );
  }

  function mutated(): unknown {
    const body: Record<string, unknown> = nationalSubmission({
      answers: {
        recommendation: pick(numbers),
        smooth: value(2),
        comment: pick(strings),
        respondent_type: value(2),
      },
    });
    const keys = [
      'submissionId',
      'survey',
      'unit',
      'channel',
      'language',
      'answers',
      'submittedAt',
      'contact',
      'extra',
    ];
    for (let i = 0; i < 1 + Math.floor(random() * 3); i++) {
      const key = pick(keys);
      if (random() < 0.3) delete body[key];
      else body[key] = value();
    }
    return body;
  }

  test('no body, however odd, produces a server error', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const choice = random();
      const payload =
        choice < 0.6
          ? JSON.stringify(mutated())
          : choice < 0.8
            ? JSON.stringify(value())
            : Array.from({ length: Math.floor(random() * 200) }, () =>
                String.fromCharCode(Math.floor(random() * 0xffff)),
              ).join('');
      const res = await post(payload, { 'accept-language': pick(['fi', 'sv', 'en', '*', 'xx']) });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, payload.slice(0, 200)).toBeLessThan(500);
      expect(res.json().error?.code ?? res.json().id).toEqual(expect.any(String));
    }
    // The generator must reach past the schema too, or it would only test Fastify.
    expect([...statuses.keys()].some((s) => s === 201 || s === 404)).toBe(true);
  });

  test('odd but valid text is stored, not turned into a server error', async () => {
    for (const comment of [
      'a\u0000b',
      '\ud800 lone',
      '😀',
      'x'.repeat(2000),
      '\u202e reversed',
      'é'.normalize('NFD'),
    ]) {
      const res = await post(nationalSubmission({ answers: { comment } }));
      expect(res.statusCode, JSON.stringify(comment)).toBe(201);
    }
  });
});
