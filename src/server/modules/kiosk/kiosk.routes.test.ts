import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { testEngines } from '../../db/testing.ts';
import { createKioskKit, TEST_ORIGIN, type KioskKit, type SignedIn } from './kiosk.test-kit.ts';

describe.each(testEngines())('kiosk pages on %s', (engine) => {
  let kit: KioskKit;

  beforeAll(async () => {
    kit = await createKioskKit(engine);
  });
  afterAll(async () => {
    await kit.close();
  });

  function post(who: SignedIn, url: string, fields: Record<string, string | string[]>) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...fields, _csrf: who.csrf }))
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    return kit.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: who.cookie,
        origin: TEST_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: params.toString(),
    });
  }

  const form = {
    name: 'Aula',
    unitId: 'kallio',
    survey: 'thl-children',
    mainQuestion: '',
    followUpQuestion: 'topic',
    freeTextQuestion: '',
    languages: ['fi', 'sv', 'en'],
    resetSeconds: '20',
    thanksSeconds: '3',
    repeatSeconds: '5',
    silentAfterMinutes: '60',
    days: ['1', '2', '3', '4', '5'],
    opens: '08:00',
    closes: '16:00',
  };

  it('a coordinator adds a device and sees its one-time code once, with a QR code', async () => {
    const created = await post(kit.coordinator, '/staff/kiosks?lang=en', form);
    expect(created.statusCode).toBe(200);
    const code = /id="enrol-code"[^>]*>\s*([A-Z2-9]{8})\s*</.exec(created.body)?.[1];
    expect(code).toBeDefined();
    expect(created.body).toContain('<svg role="img"');
    const enrolled = await kit.app.inject({ method: 'POST', url: '/api/kiosk/enrol', payload: { code } });
    expect(enrolled.statusCode).toBe(200);
    const list = await kit.app.inject({
      method: 'GET',
      url: '/staff/kiosks?lang=en',
      headers: { cookie: kit.coordinator.cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Aula');
    expect(list.body).toContain('In use');
    expect(list.body).not.toContain(code);
  });

  it('invalid settings come back with the message beside the field, and nothing is created', async () => {
    const before = (await kit.kiosk.service.listDevices()).length;
    const response = await post(kit.coordinator, '/staff/kiosks?lang=fi', {
      ...form,
      followUpQuestion: 'comment',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#followUpQuestion"');
    expect(response.body).toContain('yksivalintakysymys');
    expect((await kit.kiosk.service.listDevices()).length).toBe(before);
  });

  it('a coordinator of another subtree neither sees nor manages the device', async () => {
    const { device } = await kit.kiosk.service.createDevice(
      { name: 'Kallion aula', unitId: 'kallio', survey: 'thl-children' },
      null,
    );
    const other = await kit.signInAs('vallila@example.fi', [{ role: 'coordinator', unitId: 'vallila' }]);
    const list = await kit.app.inject({
      method: 'GET',
      url: '/staff/kiosks',
      headers: { cookie: other.cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Kallion aula');
    const page = await kit.app.inject({
      method: 'GET',
      url: `/staff/kiosks/${device.id}`,
      headers: { cookie: other.cookie },
    });
    expect(page.statusCode).toBe(403);
    expect((await post(other, `/staff/kiosks/${device.id}/revoke`, {})).statusCode).toBe(403);
    expect((await post(other, '/staff/kiosks', { ...form, name: 'Toisen aula' })).statusCode).toBe(403);
    const analyst = await kit.signInAs('analyst@example.fi', [{ role: 'analyst' as 'viewer', unitId: null }]);
    expect(
      (await kit.app.inject({ method: 'GET', url: '/staff/kiosks', headers: { cookie: analyst.cookie } }))
        .statusCode,
    ).toBe(403);
  });

  it('a coordinator revokes a device and changes its settings', async () => {
    const { device } = await kit.kiosk.service.createDevice(
      { name: 'Tuulikaappi', unitId: 'vallila', survey: 'thl-children' },
      null,
    );
    const saved = await post(kit.coordinator, `/staff/kiosks/${device.id}`, {
      ...form,
      unitId: 'vallila',
      name: 'Tuulikaappi 2',
      repeatSeconds: '2.5',
    });
    expect(saved.statusCode).toBe(303);
    expect(await kit.kiosk.service.getDevice(device.id)).toMatchObject({
      name: 'Tuulikaappi 2',
      repeatIntervalMs: 2500,
      followUpQuestion: 'topic',
    });
    const code = await post(kit.coordinator, `/staff/kiosks/${device.id}/code`, {});
    expect(code.statusCode).toBe(200);
    expect(code.body).toContain('enrol-code');
  });

  it('a device silent during opening hours shows as an alert on the staff page', async () => {
    kit.clock.now = new Date('2026-11-25T06:30:00Z'); // Wednesday 08:30 in Helsinki
    const { device, code } = await kit.kiosk.service.createDevice(
      { name: 'Hiljainen', unitId: 'vallila', survey: 'thl-children', silentAfterMinutes: 30 },
      null,
    );
    await kit.app.inject({ method: 'POST', url: '/api/kiosk/enrol', payload: { code: code.code } });
    kit.clock.now = new Date('2026-11-25T07:05:00Z');
    expect(await kit.kiosk.service.checkDevices()).toBeGreaterThanOrEqual(1);
    const list = await kit.app.inject({
      method: 'GET',
      url: '/staff/kiosks?lang=en',
      headers: { cookie: kit.coordinator.cookie },
    });
    const row = new RegExp(`<tr data-device="${device.id}">[\\s\\S]*?</tr>`).exec(list.body)?.[0] ?? '';
    expect(row).toContain('Silent during opening hours since');
    kit.clock.now = new Date();
  });

  it('serves the kiosk page, script and service worker compressed, with a strict content policy', async () => {
    const page = await kit.app.inject({
      method: 'GET',
      url: '/kiosk',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(gunzipSync(page.rawPayload).toString()).toContain('/kiosk/app.js');
    const script = await kit.app.inject({ method: 'GET', url: '/kiosk/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('/api/kiosk/answers');
    const worker = await kit.app.inject({ method: 'GET', url: '/kiosk/sw.js' });
    expect(worker.headers['service-worker-allowed']).toBe('/kiosk');
    const again = await kit.app.inject({
      method: 'GET',
      url: '/kiosk/app.js',
      headers: { 'if-none-match': script.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });
});
