import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createMailer } from '../../adapters/mail/smtp-mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp-server.ts';
import { THL_CHILDREN_SLUG } from '../surveys/index.ts';
import { createKioskKit, type KioskKit } from './kiosk.test-kit.ts';
import { CHECK_DEVICES_JOB, type DeviceAnswer, type DeviceSettings } from './index.ts';

const SETTINGS: DeviceSettings = {
  name: 'Aula',
  unitId: 'kallio',
  survey: THL_CHILDREN_SLUG,
  followUpQuestion: 'topic',
  freeTextQuestion: 'comment',
};

function answer(overrides: Partial<DeviceAnswer> = {}): DeviceAnswer {
  return {
    submissionId: randomUUID(),
    answeredAt: new Date(Date.now() - 60_000).toISOString(),
    language: 'fi',
    answers: { overall: 4, topic: 'staff' },
    ...overrides,
  };
}

describe.each(testEngines())('kiosk monitoring job on %s', (engine) => {
  it('one monitoring run is always waiting, and each run schedules the next', async () => {
    const kit = await createKioskKit(engine, { config: { runJobs: true }, kiosk: { checkEveryMs: 60_000 } });
    try {
      const waiting = () =>
        kit.database.db
          .selectFrom('jobs')
          .select(['id', 'run_at'])
          .where('name', '=', CHECK_DEVICES_JOB)
          .where('done_at', 'is', null)
          .execute();
      expect(await waiting()).toHaveLength(1);
      await kit.app.ready();
      expect(await waiting()).toHaveLength(1);
      await kit.database.db
        .updateTable('jobs')
        .set({ run_at: new Date(Date.now() - 1000) })
        .where('name', '=', CHECK_DEVICES_JOB)
        .execute();
      const [first] = await waiting();
      await kit.jobs.runDue();
      const ran = await kit.database.db
        .selectFrom('jobs')
        .select(['done_at', 'last_error'])
        .where('id', '=', first?.id ?? -1)
        .executeTakeFirstOrThrow();
      expect(ran.last_error).toBeNull();
      expect(ran.done_at).not.toBeNull();
      const next = await waiting();
      expect(next).toHaveLength(1);
      expect(next[0]?.run_at.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await kit.close();
    }
  });
});

describe.each(testEngines())('kiosk devices on %s', (engine) => {
  let kit: KioskKit;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  beforeEach(async () => {
    smtp.clear();
    kit = await createKioskKit(engine, {
      mailer: createMailer({ smtpUrl: smtp.url, mailFrom: 'Kuulo <kuulo@example.fi>' }),
    });
  });
  afterEach(async () => {
    await kit.close();
  });

  async function enrol(code: string) {
    return kit.app.inject({ method: 'POST', url: '/api/kiosk/enrol', payload: { code, appVersion: 't1' } });
  }

  async function enrolled() {
    const { device, code } = await kit.kiosk.service.createDevice(SETTINGS, null);
    const response = await enrol(code.code);
    expect(response.statusCode).toBe(200);
    return { device, token: response.json<{ token: string }>().token };
  }

  async function send(token: string, answers: DeviceAnswer[], queueLength?: number) {
    return kit.app.inject({
      method: 'POST',
      url: '/api/kiosk/answers',
      headers: { authorization: `Bearer ${token}` },
      payload: { answers, queueLength },
    });
  }

  it('a device enrols once with its one-time code and receives its configuration in three languages', async () => {
    const { device, code } = await kit.kiosk.service.createDevice(SETTINGS, null);
    expect(code.code).toMatch(/^[A-Z2-9]{8}$/);
    const first = await enrol(code.code.toLowerCase());
    expect(first.statusCode).toBe(200);
    const body = first.json<{
      token: string;
      config: Record<string, unknown> & {
        texts: Record<string, { followUp: { options: unknown[] }; faces: string[]; unitName: string }>;
      };
    }>();
    expect(body.token.length).toBeGreaterThan(30);
    expect(body.config.deviceId).toBe(device.id);
    expect(body.config.mainQuestion).toBe('overall');
    expect(body.config.repeatIntervalMs).toBe(5000);
    expect(body.config.texts.sv?.unitName).toBe('Berghälls hälsostation');
    expect(body.config.texts.en?.faces).toHaveLength(4);
    expect(body.config.texts.fi?.followUp.options).toHaveLength(3);
    const again = await enrol(code.code);
    expect(again.statusCode).toBe(401);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('enrol_code_invalid');
    const row = await kit.database.db.selectFrom('kiosk_devices').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(body.token);
    expect(row.token_hash).toHaveLength(64);
    expect(row.app_version).toBe('t1');
  });

  it('an expired code does not enrol, and a new code replaces the old one', async () => {
    const { device, code } = await kit.kiosk.service.createDevice(SETTINGS, null);
    kit.clock.now = new Date(Date.now() + 31 * 60_000);
    expect((await enrol(code.code)).statusCode).toBe(401);
    const fresh = await kit.kiosk.service.newEnrolCode(device.id, null);
    expect((await enrol(fresh.code)).statusCode).toBe(200);
  });

  it('the device polls its configuration with an ETag and picks up a change', async () => {
    const { device, token } = await enrolled();
    const headers = {
      authorization: `Bearer ${token}`,
      'kuulo-kiosk-queue': '7',
      'kuulo-kiosk-version': 'v2',
    };
    const first = await kit.app.inject({ method: 'GET', url: '/api/kiosk/config', headers });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    const same = await kit.app.inject({
      method: 'GET',
      url: '/api/kiosk/config',
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(same.statusCode).toBe(304);
    await kit.kiosk.service.updateDevice(
      device.id,
      { ...SETTINGS, repeatIntervalMs: 2000, languages: ['fi', 'sv'] },
      null,
    );
    const changed = await kit.app.inject({
      method: 'GET',
      url: '/api/kiosk/config',
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<{ repeatIntervalMs: number; languages: string[] }>()).toMatchObject({
      repeatIntervalMs: 2000,
      languages: ['fi', 'sv'],
    });
    const view = await kit.kiosk.service.getDevice(device.id);
    expect(view).toMatchObject({ queueLength: 7, appVersion: 'v2', state: 'enrolled' });
  });

  it('a batch stores every answer once, flags repeats, and says what happened to each', async () => {
    const { device, token } = await enrolled();
    const normal = answer({ answers: { overall: 4, topic: 'staff', comment: 'Kiitos hyvästä palvelusta' } });
    const repeat = answer({ answers: { overall: 1 }, repeat: true });
    const invalid = answer({ answers: { overall: 9 } });
    const first = await send(token, [normal, repeat, invalid], 3);
    expect(first.statusCode).toBe(200);
    const results = first.json<{ results: { submissionId: string; status: string; code?: string }[] }>()
      .results;
    expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'rejected']);
    expect(results[2]?.code).toBe('invalid_answers');
    const again = await send(token, [normal, repeat], 2);
    expect(again.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    const rows = await kit.database.db
      .selectFrom('responses')
      .select(['channel', 'flag', 'unit_id', 'submitted_at'])
      .orderBy('flag')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.flag).sort()).toEqual(['repeat', null].sort());
    expect(rows.every((r) => r.channel === 'kiosk' && r.unit_id === 'kallio')).toBe(true);
    const view = await kit.kiosk.service.getDevice(device.id);
    expect(view).toMatchObject({ answers: 2, repeats: 1, rejectedCount: 1, queueLength: 0 });
  });

  it('a revoked credential is refused with 401 and the device can be enrolled again', async () => {
    const { device, token } = await enrolled();
    await kit.kiosk.service.revoke(device.id, null);
    const refused = await send(token, [answer()]);
    expect(refused.statusCode).toBe(401);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('device_unknown');
    expect(
      (
        await kit.app.inject({
          method: 'GET',
          url: '/api/kiosk/config',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(401);
    const code = await kit.kiosk.service.newEnrolCode(device.id, null);
    const newToken = (await enrol(code.code)).json<{ token: string }>().token;
    expect((await send(newToken, [answer()])).statusCode).toBe(200);
  });

  it('a device silent during opening hours raises one alert, e-mailed to coordinators; a call resolves it', async () => {
    // Wednesday 2026-11-25 09:00 in Helsinki (07:00 UTC).
    kit.clock.now = new Date('2026-11-25T06:30:00Z');
    const { device, token } = await enrolled();
    kit.clock.now = new Date('2026-11-25T07:00:00Z');
    expect(await kit.kiosk.service.checkDevices()).toBe(0);
    kit.clock.now = new Date('2026-11-25T08:05:00Z');
    expect(await kit.kiosk.service.checkDevices()).toBe(1);
    expect(await kit.kiosk.service.checkDevices()).toBe(0);
    const mail = await smtp.waitForMessage((m) => m.to.some((to) => to.includes('coordinator@example.fi')));
    expect(mail.subject).toContain('Aula');
    expect((await kit.kiosk.service.getDevice(device.id))?.alert).not.toBeNull();
    const alert = await kit.database.db.selectFrom('kiosk_alerts').selectAll().executeTakeFirstOrThrow();
    expect(alert.emailed_at).not.toBeNull();
    await kit.app.inject({
      method: 'GET',
      url: '/api/kiosk/config',
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await kit.kiosk.service.getDevice(device.id))?.alert).toBeNull();
  });

  it('silence outside opening hours raises no alert', async () => {
    kit.clock.now = new Date('2026-11-28T08:00:00Z'); // Saturday
    await enrolled();
    kit.clock.now = new Date('2026-11-28T14:00:00Z');
    expect(await kit.kiosk.service.checkDevices()).toBe(0);
    kit.clock.now = new Date('2026-11-30T05:30:00Z'); // Monday 07:30 local: not open yet
    expect(await kit.kiosk.service.checkDevices()).toBe(0);
    kit.clock.now = new Date('2026-11-30T06:30:00Z'); // Monday 08:30 local: silent only 30 min of opening time
    expect(await kit.kiosk.service.checkDevices()).toBe(0);
    kit.clock.now = new Date('2026-11-30T07:01:00Z');
    expect(await kit.kiosk.service.checkDevices()).toBe(1);
  });

  it('intake accepts only the repeat flag, and only from its service interface', async () => {
    const input = {
      submissionId: randomUUID(),
      survey: THL_CHILDREN_SLUG,
      unit: 'kallio',
      channel: 'kiosk' as const,
      language: 'fi',
      answers: { overall: 2 },
    };
    await kit.kiosk.service.createDevice(SETTINGS, null);
    await expect(
      kit.intake.service.submit({ ...input, flag: 'test' as 'repeat' }, { clientKey: 't' }),
    ).rejects.toMatchObject({ code: 'invalid_flag' });
    await kit.intake.service.submit({ ...input, flag: 'repeat' }, { clientKey: 't' });
    const row = await kit.database.db.selectFrom('responses').select('flag').executeTakeFirstOrThrow();
    expect(row.flag).toBe('repeat');
  });

  it('settings are checked against the survey: the follow-up must be a single-choice question', async () => {
    await expect(
      kit.kiosk.service.createDevice({ ...SETTINGS, followUpQuestion: 'comment' }, null),
    ).rejects.toMatchObject({ code: 'follow_up_invalid' });
    await expect(
      kit.kiosk.service.createDevice({ ...SETTINGS, unitId: 'nowhere' }, null),
    ).rejects.toMatchObject({ code: 'unit_not_found' });
    await expect(
      kit.kiosk.service.createDevice({ ...SETTINGS, repeatIntervalMs: -1 }, null),
    ).rejects.toMatchObject({ code: 'repeat_interval_invalid' });
    expect(await kit.database.db.selectFrom('kiosk_devices').select('id').execute()).toEqual([]);
  });
});
