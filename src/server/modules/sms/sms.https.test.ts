// The generic HTTPS SMS API adapter against a real local HTTP server standing in for the provider, through the
// whole app: signed sends, retries with backoff into the dead-letter list, the daily limit, and signed callbacks
// (timing-safe check, replays refused by timestamp).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { freePort } from '../../testing/kannel.ts';
import { SIGNATURE_HEADER, signPayload, verifySignature } from '../../adapters/sms/webhook-signature.ts';
import { signIn } from '../staff/staff.testing.ts';
import { GOOD_PASSWORD, TEST_ORIGIN } from '../staff/staff.testing.ts';
import { MAX_SEND_ATTEMPTS, retryDelayMs } from './dispatch.service.ts';

const SECRET = 'provider-shared-secret-123456';

interface Provider {
  url: string;
  received: { id: string; to: string; text: string; signatureOk: boolean }[];
  failWith: number | null;
  close(): Promise<void>;
}

async function startProvider(): Promise<Provider> {
  const port = await freePort();
  const provider: Provider = {
    url: `http://127.0.0.1:${port}/messages`,
    received: [],
    failWith: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (provider.failWith) {
        res.statusCode = provider.failWith;
        return res.end('{"error":"unavailable"}');
      }
      const header = req.headers[SIGNATURE_HEADER];
      const signatureOk =
        verifySignature(SECRET, body, typeof header === 'string' ? header : undefined, new Date()) === 'ok';
      const parsed = JSON.parse(body) as { id: string; to: string; text: string };
      provider.received.push({ ...parsed, signatureOk });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `prov-${provider.received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return provider;
}

describe.each(testEngines())('SMS over the HTTPS API adapter on %s', (engine) => {
  let t: TestKuulo;
  let provider: Provider;
  let apiKey: string;
  let counter = 0;

  beforeAll(async () => {
    provider = await startProvider();
    t = await createTestKuulo(engine, {
      publicUrl: TEST_ORIGIN,
      smsGateway: 'https',
      smsHttpsUrl: provider.url,
      smsHttpsSecret: SECRET,
    });
    await t.kuulo.organisation.service.importUnits(
      {
        format: 'json',
        content: JSON.stringify([
          { id: 'root', parent_id: null, type: 'division', name_fi: 'Juuri' },
          { id: 'u1', parent_id: 'root', type: 'unit', name_fi: 'Yksikkö 1' },
          { id: 'u2', parent_id: 'root', type: 'unit', name_fi: 'Yksikkö 2' },
        ]),
      },
      { dryRun: false, actorId: null, source: 'test' },
    );
    const survey = await t.kuulo.surveys.service.getCurrent('thl-national');
    await t.kuulo.surveys.service.publish({
      surveyId: survey!.surveyId,
      unitId: 'root',
      includeSubtree: true,
      channels: ['sms'],
      actorId: null,
    });
    apiKey = (await t.kuulo.sms.service.createIntegrationKey('his', null)).key;
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });
  beforeEach(() => {
    provider.failWith = null;
  });

  const event = () => ({
    eventId: `ev-${++counter}-${randomUUID()}`,
    phone: `+3584455${String(10000 + counter)}`,
    visitTime: new Date(Date.now() - 3_600_000).toISOString(),
    unit: 'u1',
    language: 'en',
    age: 30,
    consent: true,
  });
  const postEvents = (events: unknown[], key = apiKey) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/visit-events',
      headers: { authorization: `Bearer ${key}` },
      payload: { events },
    });
  const sendAfterOf = async (eventId: string) =>
    (
      await t.kuulo.database.db
        .selectFrom('sms_invitations')
        .select('next_attempt_at')
        .where('event_id', '=', eventId)
        .executeTakeFirstOrThrow()
    ).next_attempt_at;

  test('visit events need a valid integration key', async () => {
    expect((await postEvents([event()], 'kuulo_sms_wrong')).statusCode).toBe(401);
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/visit-events',
      payload: { events: [event()] },
    });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('invalid_api_key');
  });

  test('sending the same event again stores nothing new (idempotent by event id)', async () => {
    const e = event();
    expect((await postEvents([e])).json()).toMatchObject({ invited: 1, duplicates: 0 });
    expect((await postEvents([e])).json()).toMatchObject({ invited: 0, duplicates: 1 });
    const rows = await t.kuulo.database.db
      .selectFrom('sms_invitations')
      .select('id')
      .where('event_id', '=', e.eventId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  test('one bad event rejects the whole batch with its index and nothing is written', async () => {
    const good = event();
    const response = await postEvents([good, { ...event(), phone: 'not a number' }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'invalid_visit_events',
      details: [{ index: 1, field: 'phone', code: 'invalid_phone' }],
    });
    const stored = await t.kuulo.database.db
      .selectFrom('sms_visit_events')
      .select('event_id')
      .where('event_id', '=', good.eventId)
      .execute();
    expect(stored).toEqual([]);
  });

  test('CSV and FHIR visit events come in through their own endpoints', async () => {
    const csv = `event_id,phone,visit_time,unit,age,consent\ncsv-${randomUUID()},0445512345,${new Date(Date.now() - 3_600_000).toISOString()},u1,50,1\n`;
    const fromCsv = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/visit-events.csv',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(fromCsv.json()).toMatchObject({ received: 1, invited: 1 });
    const badCsv = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/visit-events.csv',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
      payload: 'event_id,visit_time,unit\nx,later,u1\n',
    });
    expect(badCsv.statusCode).toBe(400);
    expect(badCsv.json().error.details).toEqual([
      { line: 2, field: 'visitTime', code: 'invalid_visit_time' },
    ]);
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        {
          resource: {
            resourceType: 'Encounter',
            identifier: [{ value: `fhir-${randomUUID()}` }],
            status: 'finished',
            contained: [
              {
                resourceType: 'Patient',
                id: 'p',
                telecom: [{ system: 'phone', value: '0445598765' }],
                birthDate: '1970-01-01',
              },
            ],
            subject: { reference: '#p' },
            period: { end: new Date(Date.now() - 3_600_000).toISOString() },
            serviceProvider: { identifier: { value: 'u1' } },
            extension: [
              { url: 'https://kuulo.fi/fhir/StructureDefinition/sms-survey-consent', valueBoolean: true },
            ],
          },
        },
      ],
    };
    const fromFhir = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/fhir/Bundle',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(bundle),
    });
    expect(fromFhir.json()).toMatchObject({ received: 1, invited: 1, skipped: 0 });
  });

  test('a signed send reaches the provider; failures retry with growing delays and end in the dead-letter list', async () => {
    const e = event();
    await postEvents([e]);
    let at = await sendAfterOf(e.eventId);
    provider.failWith = 503;
    const row = () =>
      t.kuulo.database.db
        .selectFrom('sms_invitations')
        .select(['status', 'attempts', 'next_attempt_at'])
        .where('event_id', '=', e.eventId)
        .executeTakeFirstOrThrow();
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      await t.kuulo.sms.dispatcher.runDue(at);
      const after = await row();
      expect(after.attempts).toBe(attempt);
      if (attempt < MAX_SEND_ATTEMPTS) {
        expect(after.status).toBe('pending');
        expect(after.next_attempt_at.getTime() - at.getTime()).toBe(retryDelayMs(attempt));
        at = after.next_attempt_at;
      } else expect(after.status).toBe('dead');
    }
    const dead = await t.kuulo.sms.service.deadLetters();
    expect(dead.map((d) => d.event_id)).toContain(e.eventId);
    const final = await t.kuulo.database.db
      .selectFrom('sms_invitations')
      .select(['status', 'phone_ciphertext'])
      .where('event_id', '=', e.eventId)
      .executeTakeFirstOrThrow();
    expect(final).toEqual({ status: 'dead', phone_ciphertext: null });

    provider.failWith = null;
    const ok = event();
    await postEvents([ok]);
    await t.kuulo.sms.dispatcher.runDue(await sendAfterOf(ok.eventId));
    expect(provider.received.find((m) => m.to === ok.phone)).toMatchObject({ signatureOk: true });
  });

  test('the daily limit stops sending for the rest of the Finnish day', async () => {
    await t.kuulo.sms.service.saveSettings(null, { dailyLimit: 1 }, null);
    const [a, b] = [event(), event()];
    await postEvents([a, b]);
    const at = new Date(
      Math.max((await sendAfterOf(a.eventId)).getTime(), (await sendAfterOf(b.eventId)).getTime()) +
        86_400_000,
    );
    const before = provider.received.length;
    const first = await t.kuulo.sms.dispatcher.runDue(at);
    expect(first.sent).toBe(1);
    expect((await t.kuulo.sms.dispatcher.runDue(at)).sent).toBe(0);
    expect(provider.received.length).toBe(before + 1);
    await t.kuulo.sms.service.saveSettings(null, {}, null);
  });

  test('signed callbacks are accepted; a wrong signature or an old timestamp (replay) is refused', async () => {
    const body = JSON.stringify({ from: '+358445500001', text: 'stop' });
    const send = (signature: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/sms/gateway/incoming',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
        payload: body,
      });
    const before = await t.kuulo.sms.service.optOutCount();
    expect((await send(signPayload('another-secret-000000000', body, new Date()))).statusCode).toBe(401);
    expect((await send(signPayload(SECRET, body, new Date(Date.now() - 10 * 60_000)))).statusCode).toBe(401);
    expect((await send('t=1,v1=zz')).statusCode).toBe(401);
    expect(await t.kuulo.sms.service.optOutCount()).toBe(before);
    expect((await send(signPayload(SECRET, body, new Date()))).statusCode).toBe(200);
    expect(await t.kuulo.sms.service.optOutCount()).toBe(before + 1);
  });

  test('a signed delivery report deletes the number', async () => {
    const e = event();
    await postEvents([e]);
    await t.kuulo.sms.dispatcher.runDue(new Date((await sendAfterOf(e.eventId)).getTime() + 2 * 86_400_000));
    const message = provider.received.find((m) => m.to === e.phone);
    expect(message).toBeDefined();
    const body = JSON.stringify({ messageId: message?.id, status: 'delivered' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/gateway/delivery',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signPayload(SECRET, body, new Date()),
      },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    const row = await t.kuulo.database.db
      .selectFrom('sms_invitations')
      .select(['status', 'phone_ciphertext'])
      .where('event_id', '=', e.eventId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'delivered', phone_ciphertext: null });
  });

  test('a reply that arrives twice is stored once, and a text without a number becomes a comment only', async () => {
    await t.kuulo.sms.service.saveSettings('u1', { mode: 'reply' }, null);
    const e = event();
    await postEvents([e]);
    await t.kuulo.sms.dispatcher.runDue(new Date((await sendAfterOf(e.eventId)).getTime() + 3 * 86_400_000));
    expect(provider.received.find((m) => m.to === e.phone)?.text).toMatch(/Reply with a number 0-10/);
    const reply = async (text: string) => {
      const body = JSON.stringify({ from: e.phone, text });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/sms/gateway/incoming',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signPayload(SECRET, body, new Date()),
        },
        payload: body,
      });
    };
    expect((await reply('great service, thanks')).statusCode).toBe(200);
    expect((await reply('great service, thanks')).statusCode).toBe(200);
    const { id } = await t.kuulo.database.db
      .selectFrom('sms_invitations')
      .select('id')
      .where('event_id', '=', e.eventId)
      .executeTakeFirstOrThrow();
    const stored = await t.kuulo.database.db
      .selectFrom('responses')
      .select(['id', 'recommendation', 'channel', 'language'])
      .where('submission_id', '=', id)
      .execute();
    expect(stored).toEqual([
      expect.objectContaining({ recommendation: null, channel: 'sms', language: 'en' }),
    ]);
    await t.kuulo.sms.service.saveSettings('u1', {}, null);
  });

  test('housekeeping deletes numbers whose report never came and gives up on invitations unsent for a week', async () => {
    const [sent, unsent] = [event(), event()];
    await postEvents([sent]);
    const sentAt = new Date((await sendAfterOf(sent.eventId)).getTime() + 4 * 86_400_000);
    await t.kuulo.sms.dispatcher.runDue(sentAt);
    await postEvents([unsent]);
    const row = (eventId: string) =>
      t.kuulo.database.db
        .selectFrom('sms_invitations')
        .select(['status', 'phone_ciphertext'])
        .where('event_id', '=', eventId)
        .executeTakeFirstOrThrow();
    await t.kuulo.sms.dispatcher.housekeeping(new Date(sentAt.getTime() + 86_400_000));
    expect((await row(sent.eventId)).phone_ciphertext).not.toBeNull();
    await t.kuulo.sms.dispatcher.housekeeping(new Date(Date.now() + 8 * 86_400_000));
    expect(await row(sent.eventId)).toEqual({ status: 'sent', phone_ciphertext: null });
    expect(await row(unsent.eventId)).toEqual({ status: 'dead', phone_ciphertext: null });
  });

  test('coordinators see the SMS page with dead letters; a handler is refused', async () => {
    const coordinator = await t.kuulo.staff.service.createUser({
      email: `c${counter}@example.fi`,
      displayName: 'Coordinator',
      password: GOOD_PASSWORD,
      roles: [{ role: 'coordinator', unitId: null }],
    });
    expect(coordinator.id).toBeTruthy();
    const session = await signIn(t.app, `c${counter}@example.fi`);
    const page = await t.app.inject({
      method: 'GET',
      url: '/staff/sms?lang=en',
      headers: { cookie: session.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dead letters');
    expect(page.body).toContain('Opted out of messages');
    await t.kuulo.staff.service.createUser({
      email: `h${counter}@example.fi`,
      displayName: 'Handler',
      password: GOOD_PASSWORD,
      roles: [{ role: 'handler', unitId: null }],
    });
    const handler = await signIn(t.app, `h${counter}@example.fi`);
    const refused = await t.app.inject({
      method: 'GET',
      url: '/staff/sms',
      headers: { cookie: handler.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });

  test("a coordinator of one unit neither sees nor changes another unit's settings", async () => {
    await t.kuulo.sms.service.saveSettings('u1', { minAge: 21 }, null);
    await t.kuulo.staff.service.createUser({
      email: `cu2${counter}@example.fi`,
      displayName: 'Coordinator u2',
      password: GOOD_PASSWORD,
      roles: [{ role: 'coordinator', unitId: 'u2' }],
    });
    const session = await signIn(t.app, `cu2${counter}@example.fi`);
    const own = await t.app.inject({
      method: 'GET',
      url: '/staff/sms?unit=u2',
      headers: { cookie: session.cookie },
    });
    expect(own.body).toContain('name="unit" type="text" value="u2"');
    const other = await t.app.inject({
      method: 'GET',
      url: '/staff/sms?unit=u1',
      headers: { cookie: session.cookie },
    });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('value="u1"');
    expect(other.body).not.toContain('value="21"');
    const change = await t.app.inject({
      method: 'POST',
      url: '/staff/sms/settings',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: TEST_ORIGIN,
      },
      payload: new URLSearchParams({
        _csrf: session.csrf,
        unit: 'u1',
        min_age: '30',
        mode: 'link',
      }).toString(),
    });
    expect(change.statusCode).toBe(403);
    expect((await t.kuulo.sms.service.effectiveSettings('u1')).minAge).toBe(21);
    const allowed = await t.app.inject({
      method: 'POST',
      url: '/staff/sms/settings',
      headers: {
        cookie: session.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: TEST_ORIGIN,
      },
      payload: new URLSearchParams({
        _csrf: session.csrf,
        unit: 'u2',
        min_age: '30',
        mode: 'link',
      }).toString(),
    });
    expect(allowed.statusCode).toBe(200);
    expect((await t.kuulo.sms.service.effectiveSettings('u2')).minAge).toBe(30);
  });
});
