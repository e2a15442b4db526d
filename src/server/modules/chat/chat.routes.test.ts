import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { GOOD_PASSWORD, TEST_ORIGIN, formBody, signIn, type SignedIn } from '../staff/staff.testing.ts';

const UNITS = [
  { id: 'c-root', parentId: null, type: 'division', nameFi: 'Sote' },
  { id: 'c-advice', parentId: 'c-root', type: 'service', nameFi: 'Terveysneuvonta', oid: '1.2.246.10.1' },
  { id: 'c-social', parentId: 'c-root', type: 'service', nameFi: 'Sosiaalineuvonta' },
  { id: 'c-other', parentId: null, type: 'division', nameFi: 'Kulttuuri' },
];

const rating = (id: string, rating: number, extra: Record<string, unknown> = {}) => ({
  id,
  unit: 'c-advice',
  ratedAt: '2026-10-15T10:00:00+03:00',
  rating,
  ...extra,
});

describe.each(testEngines())('chat satisfaction on %s', (engine) => {
  let t: TestKuulo;
  let key: string;
  let coordinator: SignedIn;
  let analyst: SignedIn;

  const send = (ratings: unknown[], auth = `Bearer ${key}`, lang = 'en') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/chat-ratings?lang=${lang}`,
      headers: { authorization: auth, 'content-type': 'application/json' },
      payload: { ratings },
    });
  const count = async () =>
    Number(
      (
        await t.kuulo.database.db
          .selectFrom('chat_ratings')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const importCsv = (session: SignedIn, content: string, action: 'check' | 'apply') =>
    t.app.inject({
      method: 'POST',
      url: '/staff/chat/import?lang=en',
      headers: {
        cookie: session.cookie,
        origin: TEST_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: formBody({ _csrf: session.csrf, content, action }),
    });

  beforeAll(async () => {
    t = await createTestKuulo(engine, { publicUrl: TEST_ORIGIN, minGroupSize: 5 });
    const report = await t.kuulo.organisation.service.importUnits(
      { format: 'json', content: JSON.stringify(UNITS) },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
    key = (await t.kuulo.sms.service.createIntegrationKey('chat system', null)).key;
    const { staff } = t.kuulo;
    await staff.service.createUser({
      email: 'coord@example.fi',
      displayName: 'Coordinator',
      password: GOOD_PASSWORD,
      roles: [{ role: 'coordinator', unitId: 'c-root' }],
    });
    await staff.service.createUser({
      email: 'analyst@example.fi',
      displayName: 'Analyst',
      password: GOOD_PASSWORD,
      roles: [{ role: 'analyst', unitId: 'c-root' }],
    });
    coordinator = await signIn(t.app, 'coord@example.fi');
    analyst = await signIn(t.app, 'analyst@example.fi');
  });
  afterAll(() => t?.close());

  test('a chat system sends a batch; comments are redacted, and sending it again stores nothing twice', async () => {
    const batch = [
      rating('a1', 90, { comment: 'Hyvä neuvonta, hetuni on 010101-123N', language: 'fi' }),
      rating('a2', 40, { unit: '1.2.246.10.1' }),
    ];
    const first = await send(batch);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ stored: 2, duplicates: 0 });
    expect((await send(batch)).json()).toEqual({ stored: 0, duplicates: 2 });
    const rows = await t.kuulo.database.db
      .selectFrom('chat_ratings')
      .selectAll()
      .orderBy('external_id')
      .execute();
    expect(rows.map((r) => [r.external_id, r.unit_id, r.rating, r.local_date])).toEqual([
      ['a1', 'c-advice', 90, '2026-10-15'],
      ['a2', 'c-advice', 40, '2026-10-15'],
    ]);
    expect(rows[0]!.comment_redacted).not.toContain('010101-123N');
    expect(Buffer.from(rows[0]!.comment_original ?? []).toString('latin1')).not.toContain('010101');
  });

  test('one bad rating refuses the whole batch with a problem per item, and nothing is stored', async () => {
    const before = await count();
    const res = await send([
      rating('b1', 70),
      rating('b2', 50, { unit: 'nowhere' }),
      rating('b3', 60, { ratedAt: '2026-10-15 10:00' }),
    ]);
    expect(res.statusCode).toBe(400);
    const body = res.json().error;
    expect(body.code).toBe('chat_ratings_invalid');
    expect(body.details).toEqual([
      expect.objectContaining({ item: 2, field: 'ratedAt', code: 'time_invalid' }),
      expect.objectContaining({
        item: 1,
        field: 'unit',
        code: 'unit_unknown',
        message: 'No unit has this id or OID.',
      }),
    ]);
    expect(await count()).toBe(before);
    expect((await send([rating('b4', 101)])).statusCode).toBe(400);
  });

  test('without a valid integration key nothing is accepted', async () => {
    expect((await send([rating('k1', 50)], 'Bearer kuulo_sms_wrong')).statusCode).toBe(401);
    expect((await send([rating('k1', 50)], '')).statusCode).toBe(401);
  });

  test('a coordinator checks a CSV file first, sees line-numbered problems, then stores it', async () => {
    const bad =
      'id,unit,rated_at,rating,comment\nc1,c-social,2026-11-02T09:00:00Z,80,\nc2,c-social,2026-11-02T09:00:00Z,x,\n"c3",c-other,2026-11-02T09:00:00Z,10,\n';
    const checked = await importCsv(coordinator, bad, 'apply');
    expect(checked.statusCode).toBe(422);
    expect(checked.body).toContain('Line 3 (rating): The rating must be a whole number from 0 to 100.');
    expect(checked.body).toContain('Line 4 (unit): You may not import ratings for this unit.');
    const good =
      'id;unit;rated_at;rating;comment\nc1;c-social;2026-11-02T09:00:00Z;80;Nopea vastaus\nc2;c-social;2026-11-03T09:00:00Z;75;\n';
    const dry = await importCsv(coordinator, good, 'check');
    expect(dry.statusCode).toBe(200);
    expect(dry.body).toContain('The file is fine: 2 rows. Nothing has been stored yet.');
    const before = await count();
    const applied = await importCsv(coordinator, good, 'apply');
    expect(applied.body).toContain('Stored 2 ratings; 0 had been stored before.');
    expect(await count()).toBe(before + 2);
    expect((await importCsv(analyst, good, 'apply')).statusCode).toBe(403);
  });

  test('the report hides a unit with fewer ratings than the minimum, and its sibling too when the total would give it away', async () => {
    await send(Array.from({ length: 6 }, (_, i) => rating(`r${i}`, 60 + i)));
    const url = '/staff/chat?unit=c-root&from=2026-10-01&to=2026-11-30&lang=en';
    const row = (name: string, n: number) => new RegExp(`${name}</a\\s*>\\s*</th>\\s*<td>${n}<`);
    // c-advice has 8 ratings (90, 40, 60…65), c-social 2: the total of 10 is shown, so hiding only c-social would
    // let anyone subtract; both are hidden.
    const first = await t.app.inject({ url, headers: { cookie: analyst.cookie } });
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/Ratings<strong>10<\/strong>/);
    expect(first.body).not.toMatch(row('Sosiaalineuvonta', 2));
    expect(first.body).not.toMatch(row('Terveysneuvonta', 8));
    expect(first.body).toContain('fewer than 5 ratings – not shown');
    await send(Array.from({ length: 3 }, (_, i) => rating(`s${i}`, 20, { unit: 'c-social' })));
    const second = await t.app.inject({ url, headers: { cookie: analyst.cookie } });
    expect(second.body).toMatch(row('Sosiaalineuvonta', 5));
    expect(second.body).toMatch(row('Terveysneuvonta', 8));
    const outside = await t.app.inject({
      url: '/staff/chat?unit=c-other',
      headers: { cookie: analyst.cookie },
    });
    expect(outside.statusCode).toBe(403);
  });
});
