// SMS surveys end to end through a real Kannel (Debian's bearerbox + smsbox) and its fake SMSC: visit events in
// through the REST API → eligibility → invitation sent at the right time → the phone receives it → replies come
// back through Kannel's sms-service → stored through intake; delivery reports delete the phone number.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { freePort, isKannelInstalled, startKannel, type KannelHarness } from '../../testing/kannel.ts';
import { kannelIncomingUrl } from '../../adapters/sms/kannel.ts';
import { helsinkiInstant, helsinkiWallTime } from '../../../shared/helsinki-time.ts';

const TREE = JSON.stringify([
  { id: 'sote', parent_id: null, type: 'division', name_fi: 'Sote', name_sv: 'Social', name_en: 'Social' },
  {
    id: 'kallio',
    parent_id: 'sote',
    type: 'unit',
    name_fi: 'Kallion terveysasema',
    name_sv: 'Berghälls hälsostation',
    name_en: 'Kallio health station',
    oid: '1.2.246.10.1234567.10.1',
  },
  { id: 'vallila', parent_id: 'sote', type: 'unit', name_fi: 'Vallilan terveysasema' },
  { id: 'neuvola', parent_id: 'sote', type: 'service', name_fi: 'Neuvola' },
  { id: 'neuvola-1', parent_id: 'neuvola', type: 'unit', name_fi: 'Kallion neuvola' },
]);
const TOKEN = 'kannel-callback-token-for-tests';
let phoneCounter = 0;
/** A fresh Finnish mobile number per call, so tests never share a person. */
const newPhone = () => `+35840${String(1_000_000 + ++phoneCounter).slice(1)}${phoneCounter % 10}`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!isKannelInstalled()).each(testEngines())('SMS through Kannel on %s', (engine) => {
  let t: TestKuulo;
  let kannel: KannelHarness;
  let apiKey: string;

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const password = 'kannel-test-password';
    // Kannel's sendsms port is chosen when Kannel starts; the adapter reads the URL from config at composition,
    // so Kuulo is composed after Kannel is up (the incoming URL only needs Kuulo's port, known in advance).
    kannel = await startKannel({ incomingUrl: kannelIncomingUrl(base, TOKEN), password });
    t = await createTestKuulo(engine, {
      publicUrl: base,
      smsGateway: 'kannel',
      smsKannelUrl: kannel.sendsmsUrl,
      smsKannelPassword: password,
      smsCallbackBaseUrl: base,
      smsCallbackToken: TOKEN,
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    const report = await t.kuulo.organisation.service.importUnits(
      { format: 'json', content: TREE },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
    const survey = await t.kuulo.surveys.service.getCurrent('thl-national');
    await t.kuulo.surveys.service.publish({
      surveyId: survey!.surveyId,
      unitId: 'sote',
      includeSubtree: true,
      channels: ['sms', 'web'],
      actorId: null,
    });
    apiKey = (await t.kuulo.sms.service.createIntegrationKey('test system', null)).key;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await kannel?.stop();
  });

  const visit = (overrides: Record<string, unknown> = {}) => ({
    eventId: randomUUID(),
    phone: newPhone(),
    visitTime: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    visitType: 'appointment',
    unit: 'kallio',
    language: 'fi',
    age: 40,
    consent: true,
    nonDisclosure: false,
    ...overrides,
  });

  async function post(events: Record<string, unknown>[]) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sms/visit-events',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { events },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      invited: number;
      events: { eventId: string; decision: string; reason?: string; sendAfter?: string }[];
    };
  }

  /** Dispatches at the moment the invitation became due and waits until the phones have the messages. */
  async function dispatchAndDeliver(at: Date, phones: string[]) {
    const before = kannel.smsc.delivered.length;
    const result = await t.kuulo.sms.dispatcher.runDue(at);
    if (result.sent > 0) await kannel.smsc.waitForDelivered(before + result.sent);
    return { result, received: kannel.smsc.delivered.filter((m) => phones.includes(m.to)) };
  }

  /** The next day's 12:00 in Helsinki after a visit an hour ago. */
  const nextNoon = () => {
    const w = helsinkiWallTime(new Date(Date.now() - 60 * 60 * 1000));
    return helsinkiInstant(w.year, w.month, w.day + 1, 12);
  };

  test('an eligible visit is invited from 12:00 Finnish time the next day, not before', async () => {
    const event = visit();
    const accepted = await post([event]);
    expect(accepted.events[0]).toMatchObject({ decision: 'invited', sendAfter: nextNoon().toISOString() });
    const early = await dispatchAndDeliver(new Date(nextNoon().getTime() - 60_000), [event.phone]);
    expect(early.result.sent).toBe(0);
    const due = await dispatchAndDeliver(nextNoon(), [event.phone]);
    expect(due.received).toHaveLength(1);
    expect(due.received[0]?.text).toContain('Kallion terveysasema');
    expect(due.received[0]?.text).toMatch(/\/m\/[A-Za-z0-9_-]{22} /);
  });

  test('a due invitation waits through the quiet hours after 20:00 until 12:00 the next day', async () => {
    const event = visit();
    await post([event]);
    const evening = new Date(nextNoon().getTime() + 8 * 60 * 60 * 1000);
    const late = await dispatchAndDeliver(evening, [event.phone]);
    expect(late.received).toHaveLength(0);
    expect(late.result.deferred).toBeGreaterThanOrEqual(1);
    const following = new Date(nextNoon().getTime() + 24 * 60 * 60 * 1000);
    const sent = await dispatchAndDeliver(following, [event.phone]);
    expect(sent.received).toHaveLength(1);
  });

  test.each([
    ['under 18', { age: 17 }, 'under_age'],
    ['without consent to SMS', { consent: false }, 'no_consent'],
    ['with a non-disclosure order', { nonDisclosure: true }, 'non_disclosure'],
  ])('a client %s gets no message', async (_name, overrides, reason) => {
    const adult = visit();
    const excluded = visit(overrides);
    const accepted = await post([adult, excluded]);
    expect(accepted.events.find((e) => e.eventId === excluded.eventId)).toMatchObject({
      decision: 'ineligible',
      reason,
    });
    const { received } = await dispatchAndDeliver(nextNoon(), [adult.phone, excluded.phone]);
    expect(received.map((m) => m.to)).toEqual([adult.phone]);
  });

  test('a follow-up visit within 30 days of an earlier visit at the same unit gets no message', async () => {
    const phone = newPhone();
    const earlier = visit({ phone, visitTime: new Date(Date.now() - 20 * 86_400_000).toISOString() });
    await post([earlier]);
    const followUp = visit({ phone });
    const accepted = await post([followUp]);
    expect(accepted.events[0]).toMatchObject({ decision: 'ineligible', reason: 'follow_up' });
    const { received } = await dispatchAndDeliver(nextNoon(), [phone]);
    expect(received).toHaveLength(0);
  });

  test('a person gets at most one survey in 30 days, checked by the keyed hash of the number', async () => {
    const phone = newPhone();
    const first = visit({ phone, unit: 'kallio' });
    // Same number written differently, at another unit: still the same person.
    const second = visit({ phone: `0${phone.slice(4, 6)} ${phone.slice(6)}`, unit: 'vallila' });
    await post([first]);
    const accepted = await post([second]);
    expect(accepted.events[0]).toMatchObject({ decision: 'ineligible', reason: 'recently_surveyed' });
    const { received } = await dispatchAndDeliver(nextNoon(), [phone]);
    expect(received).toHaveLength(1);
  });

  test('the message is in Swedish for a Swedish-speaking client and in English for other languages', async () => {
    const swedish = visit({ language: 'sv-FI' });
    const other = visit({ language: 'de' });
    await post([swedish, other]);
    const { received } = await dispatchAndDeliver(nextNoon(), [swedish.phone, other.phone]);
    expect(received.find((m) => m.to === swedish.phone)?.text).toMatch(
      /^Tack för ditt besök: Berghälls hälsostation/,
    );
    expect(received.find((m) => m.to === other.phone)?.text).toMatch(
      /^Thank you for your visit: Kallio health station/,
    );
  });

  test('the personal link opens the survey once and stores the answer with channel sms', async () => {
    const event = visit();
    await post([event]);
    const { received } = await dispatchAndDeliver(nextNoon(), [event.phone]);
    const path = /\/m\/[A-Za-z0-9_-]{22}/.exec(received[0]?.text ?? '')?.[0] ?? '';
    const form = await t.app.inject({ method: 'GET', url: path });
    expect(form.statusCode).toBe(200);
    const submissionId = /name="submission_id" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const answered = await t.app.inject({
      method: 'POST',
      url: `${path}?lang=fi`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ submission_id: submissionId, q_recommendation: '10' }).toString(),
    });
    expect(answered.statusCode, answered.body).toBe(303);
    const stored = await t.kuulo.database.db
      .selectFrom('responses')
      .select(['channel', 'recommendation', 'unit_id'])
      .where('submission_id', '=', submissionId)
      .executeTakeFirst();
    expect(stored).toEqual({ channel: 'sms', recommendation: 10, unit_id: 'kallio' });
    const again = await t.app.inject({ method: 'GET', url: path });
    expect(again.statusCode).toBe(410);
  });

  test('a reply "8 ystävällinen hoitaja" through Kannel is stored with recommendation 8 and the comment, and the number is gone', async () => {
    await t.kuulo.sms.service.saveSettings('neuvola', { mode: 'reply' }, null);
    const event = visit({ unit: 'neuvola-1' });
    await post([event]);
    const { received } = await dispatchAndDeliver(nextNoon(), [event.phone]);
    expect(received[0]?.text).toMatch(/Vastaa numerolla 0-10/);
    const invitation = await t.kuulo.database.db
      .selectFrom('sms_invitations')
      .select(['id'])
      .where('event_id', '=', event.eventId)
      .executeTakeFirstOrThrow();
    // The delivery report travels smsc → bearerbox → smsbox → dlr-url; then the number is deleted.
    await waitFor('delivery report', async () => {
      const row = await t.kuulo.database.db
        .selectFrom('sms_invitations')
        .select(['status', 'phone_ciphertext'])
        .where('id', '=', invitation.id)
        .executeTakeFirstOrThrow();
      return row.status === 'delivered' && row.phone_ciphertext === null ? row : undefined;
    });

    kannel.smsc.sendFromPhone(event.phone, 'Kuulo', '8 ystävällinen hoitaja');
    const response = await waitFor('stored reply', () =>
      t.kuulo.database.db
        .selectFrom('responses')
        .select(['id', 'channel', 'recommendation', 'unit_id'])
        .where('submission_id', '=', invitation.id)
        .executeTakeFirst(),
    );
    expect(response).toMatchObject({ channel: 'sms', recommendation: 8, unit_id: 'neuvola-1' });
    const comment = await t.kuulo.database.db
      .selectFrom('response_texts')
      .select('text_redacted')
      .where('response_id', '=', response.id)
      .executeTakeFirstOrThrow();
    expect(comment.text_redacted).toBe('ystävällinen hoitaja');

    // Not one table holds the number in any written form.
    const digits = event.phone.slice(1);
    const national = `0${event.phone.slice(4)}`;
    const { rows: tables } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.kuulo.database.db);
    for (const { table_name } of tables) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table_name)} x
        where x::text like ${`%${digits}%`} or x::text like ${`%${national}%`}`.execute(t.kuulo.database.db);
      expect(rows[0]?.n, table_name).toBe(0);
    }
  });

  test("a callback without Kannel's token is refused and changes nothing", async () => {
    const before = await t.kuulo.sms.service.optOutCount();
    const forged = await t.app.inject({
      method: 'GET',
      url: `/api/v1/sms/gateway/incoming?token=wrong-token-0000000&from=${encodeURIComponent(newPhone())}&text=stop`,
    });
    expect(forged.statusCode).toBe(401);
    const noToken = await t.app.inject({ method: 'GET', url: '/api/v1/sms/gateway/delivery?id=x&status=1' });
    expect(noToken.statusCode).toBe(401);
    expect(await t.kuulo.sms.service.optOutCount()).toBe(before);
  });

  test('"lopeta" opts the number out for good', async () => {
    const event = visit();
    await post([event]);
    await dispatchAndDeliver(nextNoon(), [event.phone]);
    kannel.smsc.sendFromPhone(event.phone, 'Kuulo', ' Lopeta ');
    await waitFor('opt-out', async () => ((await t.kuulo.sms.service.optOutCount()) > 0 ? true : undefined));
    const later = visit({
      phone: event.phone,
      unit: 'vallila',
      visitTime: new Date(Date.now() - 30 * 60 * 1000).toISOString(),
    });
    const accepted = await post([later]);
    expect(accepted.events[0]).toMatchObject({ decision: 'ineligible', reason: 'opted_out' });
  });
});
