import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { openOpen311Kit, photo, type Open311Kit } from './open311.test-fixtures.ts';

interface RequestJson {
  service_request_id: string;
  service_code: string;
  service_name: string;
  status: string;
  media_url?: string;
  title?: string;
}

describe.each(testEngines())('Open311 queries and posts on %s', (engine) => {
  let kit: Open311Kit;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    kit = await openOpen311Kit(engine);
    // Near Kallio health station, in the unit's subtree, closed with a reply.
    ids.kallio = (
      await kit.add({ type: 'complaint', lat: 60.1841, long: 24.9503 }, { status: 'done', reply: 'Kiitos.' })
    ).publicId;
    // In Vuosaari (about 13 km east), another unit, still open.
    ids.dental = (
      await kit.add(
        { type: 'praise', unitId: 'dental', lat: 60.2094, long: 25.1437, description: 'Hyvä hammaslääkäri!' },
        { status: 'handling' },
      )
    ).publicId;
    ids.unpublished = (await kit.add({ type: 'praise', description: 'Ei vielä julkinen.' })).publicId;
  });
  afterAll(async () => kit.close());

  async function list(query: string): Promise<RequestJson[]> {
    const res = await kit.app.inject({ url: `/open311/v2/requests.json?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return JSON.parse(res.body) as RequestJson[];
  }
  const idsOf = async (query: string) => (await list(query)).map((r) => r.service_request_id).sort();
  const expectIds = (...names: string[]) => names.map((n) => ids[n]).sort();

  test('lists published feedback only, newest first', async () => {
    expect((await list('')).map((r) => r.service_request_id)).toEqual([ids.dental, ids.kallio]);
  });

  test('filters by service code, status and request id list', async () => {
    expect(await idsOf('service_code=104')).toEqual(expectIds('kallio'));
    expect(await idsOf('service_code=101,104')).toEqual(expectIds('kallio', 'dental'));
    expect(await idsOf('service_code=999')).toEqual([]);
    expect(await idsOf('status=open')).toEqual(expectIds('dental'));
    expect(await idsOf('status=closed')).toEqual(expectIds('kallio'));
    expect(await idsOf(`service_request_id=${ids.dental},${ids.unpublished}`)).toEqual(expectIds('dental'));
  });

  test('filters by creation and update dates', async () => {
    await sql`update feedback_items set created_at = '2026-03-10T10:00:00Z', updated_at = '2026-04-01T10:00:00Z'
      where public_id = ${ids.kallio}`.execute(kit.database.db);
    expect(await idsOf('start_date=2026-03-10&end_date=2026-03-10')).toEqual(expectIds('kallio'));
    expect(await idsOf('end_date=2026-03-09')).toEqual([]);
    expect(await idsOf('start_date=2026-03-11')).toEqual(expectIds('dental'));
    expect(await idsOf('updated_after=2026-04-01T09:59:00Z&updated_before=2026-04-01')).toEqual(
      expectIds('kallio'),
    );
    expect(await idsOf('updated_before=2026-03-31')).toEqual([]);
  });

  test('filters by distance and bounding box', async () => {
    expect(await idsOf('lat=60.1845&long=24.9500&radius=500')).toEqual(expectIds('kallio'));
    expect(await idsOf('lat=60.1845&long=24.9500&radius=20000')).toEqual(expectIds('kallio', 'dental'));
    expect(await idsOf('bbox=25.1,60.2,25.2,60.3')).toEqual(expectIds('dental'));
  });

  test('filters by the unit subtree through service_object_id', async () => {
    expect(await idsOf('service_object_id=dental')).toEqual(expectIds('dental'));
    expect(await idsOf('service_object_id=region')).toEqual(expectIds('kallio', 'dental'));
  });

  test('names services in the asked locale, English by default', async () => {
    expect((await list(`service_request_id=${ids.dental}`))[0]?.service_name).toBe('Praise');
    expect((await list(`service_request_id=${ids.dental}&locale=sv_FI`))[0]?.service_name).toBe('Beröm');
  });

  test('returns at most 200 requests unless a smaller limit is asked', async () => {
    await sql`
      insert into feedback_items (id, submission_id, public_id, tracking_token, type, description_redacted,
        language, source, moderation, created_at, updated_at)
      select gen_random_uuid(), gen_random_uuid(), 'bulk' || lpad(n::text, 8, '0'), 'token-bulk-' || lpad(n::text, 12, '0'),
        'other', 'Paljon palautetta numero ' || n, 'fi', 'web', 'published',
        timestamptz '2025-01-01' + n * interval '1 minute', now()
      from generate_series(1, 205) as n`.execute(kit.database.db);
    expect(await list('')).toHaveLength(200);
    expect(await list('limit=5')).toHaveLength(5);
    await sql`delete from feedback_items where public_id like 'bulk%'`.execute(kit.database.db);
  });

  test('a registered client posts feedback with every 6Aika form field and images', async () => {
    const form = new FormData();
    const fields: Record<string, string> = {
      api_key: kit.apiKey,
      service_code: '105',
      description: 'Pyörätuoliluiskaa ei ole pääovella. Soita 040 765 4321.',
      title: 'Luiska puuttuu',
      media_url: 'https://example.org/ignored.jpg',
      email: 'anna@example.fi',
      first_name: 'Anna',
      last_name: 'Asukas',
      address_string: 'Sturenkatu 1, Helsinki',
      phone: '040 765 4321',
      lat: '60.1880',
      long: '24.9510',
      service_object_id: 'hs-kallio',
      service_object_type: 'urn:kuulo:unit',
      locale: 'fi',
      submission_id: randomUUID(),
    };
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('media[]', new Blob([new Uint8Array(await photo())], { type: 'image/jpeg' }), 'ramp.jpg');
    const encoded = new Response(form);
    const payload = Buffer.from(await encoded.arrayBuffer());
    const headers = { 'content-type': encoded.headers.get('content-type') ?? '' };
    const post = () => kit.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload, headers });
    const res = await post();
    expect(res.statusCode, res.body).toBe(200);
    const [answer] = JSON.parse(res.body) as { service_request_id: string; service_notice: string }[];
    // Retrying with the same submission_id stores nothing new.
    expect((JSON.parse((await post()).body) as { service_request_id: string }[])[0]).toMatchObject({
      service_request_id: answer?.service_request_id,
    });
    const item = await kit.feedback.service.getByPublicId(answer?.service_request_id ?? '');
    expect(item).toMatchObject({
      type: 'accessibility',
      unitId: 'hs-kallio',
      title: 'Luiska puuttuu',
      address: 'Sturenkatu 1, Helsinki',
      lat: 60.188,
      long: 24.951,
      source: 'api',
      wantsReply: true,
      replyChannel: 'email',
      moderation: 'pending',
      descriptionRedacted: 'Pyörätuoliluiskaa ei ole pääovella. Soita [phone].',
    });
    expect(item?.attachments).toHaveLength(1);
    const contact = await kit.feedback.service.readContact(item?.id ?? '', { actorId: randomUUID() });
    expect(contact).toEqual({ name: 'Anna Asukas', email: 'anna@example.fi', phone: '040 765 4321' });
    // Not public until published; then the list shows it with its re-encoded image.
    expect(await idsOf(`service_request_id=${answer?.service_request_id}`)).toEqual([]);
    await kit.database.db
      .updateTable('feedback_items')
      .set({ moderation: 'published', updated_at: new Date() })
      .where('id', '=', item?.id ?? '')
      .execute();
    const [shown] = await list(`service_request_id=${answer?.service_request_id}&extensions=true`);
    expect(shown?.title).toBe('Luiska puuttuu');
    const mediaPath = new URL(shown?.media_url ?? '').pathname;
    const media = await kit.app.inject({ url: mediaPath });
    expect(media.statusCode).toBe(200);
    expect(media.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(media.rawPayload).metadata()).exif).toBeUndefined();
  });

  test('errors are in English unless the client asks for another language', async () => {
    const description = async (url: string, headers: Record<string, string> = {}) => {
      const res = await kit.app.inject({ url: `/open311/v2/${url}`, headers });
      expect(res.statusCode).toBe(400);
      return (JSON.parse(res.body) as { description: string }[])[0]?.description;
    };
    expect(await description('requests.json?status=x')).toBe('The parameter status is missing or not valid.');
    expect(await description('requests.json?status=x&locale=fi')).toBe(
      'Parametri status puuttuu tai ei kelpaa.',
    );
    expect(await description('requests.json?status=x', { 'accept-language': 'sv-FI' })).toBe(
      'Parametern status saknas eller är ogiltig.',
    );
  });

  test('a revoked key stops working at once', async () => {
    const { client, apiKey } = await kit.open311.clients.create('Short-lived app');
    const post = () =>
      kit.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: new URLSearchParams({
          api_key: apiKey,
          service_code: '106',
          description: 'Testipalaute sovelluksesta.',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await post()).statusCode).toBe(200);
    await kit.open311.clients.revoke(client.id);
    expect((await post()).statusCode).toBe(403);
    const stored = await kit.database.db
      .selectFrom('open311_clients')
      .select(['key_hash', 'key_prefix'])
      .where('id', '=', client.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(apiKey);
    expect(apiKey.startsWith(stored.key_prefix)).toBe(true);
  });
});
