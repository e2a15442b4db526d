import os from 'node:os';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { createStaffModule, type StaffModule } from '../staff/index.ts';
import { GOOD_PASSWORD, TEST_ORIGIN, signIn } from '../staff/staff.testing.ts';
import { createAuditLog, createAuditModule, type AuditLog } from './index.ts';
import { csvCell, dayStart } from './audit.service.ts';

describe.each(testEngines())('audit log search and export on %s', (engine) => {
  let database: Database;
  let app: HttpApp;
  let staff: StaffModule;
  let log: AuditLog;
  let adminId: string;
  let admin: { cookie: string };
  let handler: { cookie: string };
  let scopedAdmin: { cookie: string };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const config = loadConfig(
      {},
      {
        dataDir: os.tmpdir(),
        logLevel: 'silent',
        publicUrl: TEST_ORIGIN,
        secret: 'audit-test-'.padEnd(40, 'x'),
      },
    );
    log = createAuditLog(database.db);
    staff = createStaffModule({ db: database.db, config, audit: log });
    const audit = createAuditModule({ db: database.db, log, auth: staff.auth });
    app = await buildHttpApp({
      logger: pino({ level: 'silent' }),
      trustProxy: false,
      rootHooks: [staff.auth.register],
      routes: [staff.routes, audit.routes],
    });
    await app.ready();
    await database.withScript((run) =>
      run(`insert into org_units (id, type, name_fi) values ('unit-a', 'unit', 'A')`),
    );
    const create = async (email: string, roles: { role: 'admin' | 'handler'; unitId: string | null }[]) =>
      (
        await staff.service.createUser({
          email,
          displayName: email.split('@')[0]!,
          password: GOOD_PASSWORD,
          roles,
        })
      ).id;
    adminId = await create('auditor@example.fi', [{ role: 'admin', unitId: null }]);
    const handlerId = await create('reader@example.fi', [{ role: 'handler', unitId: null }]);
    await create('local-admin@example.fi', [{ role: 'admin', unitId: 'unit-a' }]);
    admin = await signIn(app, 'auditor@example.fi');
    handler = await signIn(app, 'reader@example.fi');
    scopedAdmin = await signIn(app, 'local-admin@example.fi');
    await log.record({
      actorId: handlerId,
      action: 'feedback.contact_read',
      targetType: 'feedback',
      targetId: 'fb-1',
    });
    await log.record({
      actorId: handlerId,
      action: 'feedback.original_read',
      targetType: 'feedback',
      targetId: 'fb-2',
    });
    await log.record({
      actorId: adminId,
      action: 'surveys.published',
      targetType: 'survey',
      targetId: '=HYPERLINK("x")',
      details: { note: 'a, "quoted" value' },
    });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  test('only a global administrator may search or export; others get 401, a sign-in redirect or 403', async () => {
    for (const url of ['/staff/audit', '/staff/audit/export.csv', '/api/v1/staff/audit']) {
      expect((await get(url, handler.cookie)).statusCode, url).toBe(403);
      expect((await get(url, scopedAdmin.cookie)).statusCode, url).toBe(403);
      expect([401, 303], url).toContain((await get(url)).statusCode);
      expect((await get(url, admin.cookie)).statusCode, url).toBe(200);
    }
  });

  test('searches by person (e-mail), action prefix and subject, newest first', async () => {
    const byPerson = await get('/api/v1/staff/audit?actor=READER@example.fi&action=feedback.', admin.cookie);
    const entries = byPerson.json().entries as { action: string; targetId: string; actorEmail: string }[];
    expect(entries.map((e) => e.action)).toEqual(['feedback.original_read', 'feedback.contact_read']);
    expect(entries[0]?.actorEmail).toBe('reader@example.fi');
    const bySubject = await get('/api/v1/staff/audit?targetType=feedback&targetId=fb-1', admin.cookie);
    expect(bySubject.json().entries.map((e: { action: string }) => e.action)).toEqual([
      'feedback.contact_read',
    ]);
    const prefixIsLiteral = await get('/api/v1/staff/audit?action=feedback_', admin.cookie);
    expect(prefixIsLiteral.json().entries).toEqual([]);
  });

  test('searches by time (Finnish days, end day included) and pages with a cursor', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const within = await get(`/api/v1/staff/audit?from=${today}&to=${today}&action=feedback.`, admin.cookie);
    expect(within.json().entries).toHaveLength(2);
    const before = await get('/api/v1/staff/audit?to=2020-01-01', admin.cookie);
    expect(before.json().entries).toEqual([]);
    const first = (await get('/api/v1/staff/audit?action=feedback.&limit=1', admin.cookie)).json();
    expect(first.entries).toHaveLength(1);
    const second = (
      await get(`/api/v1/staff/audit?action=feedback.&limit=1&before=${first.nextBefore}`, admin.cookie)
    ).json();
    expect(second.entries[0].action).toBe('feedback.contact_read');
    expect((await get('/api/v1/staff/audit?from=2026-13-45', admin.cookie)).statusCode).toBe(400);
  });

  test('the page lists entries with the filter kept in the form', async () => {
    const page = await get('/staff/audit?lang=en&action=feedback.contact', admin.cookie);
    expect(page.body).toContain('feedback.contact_read');
    expect(page.body).not.toContain('feedback.original_read');
    expect(page.body).toContain('value="feedback.contact"');
    expect(page.body).toContain('/staff/audit/export.csv?action=feedback.contact');
  });

  test('the CSV export quotes values, defuses formulas and is itself audited', async () => {
    const csv = await get('/staff/audit/export.csv?actor=auditor@example.fi&action=surveys.', admin.cookie);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="kuulo-audit-/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,time,actor_id,actor_email,action,target_type,target_id,details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${adminId},auditor@example.fi,surveys.published,survey,"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain('"{""note"":""a, \\""quoted\\"" value""}"');
    const exported = await get('/api/v1/staff/audit?action=audit.exported', admin.cookie);
    expect(exported.json().entries[0]).toMatchObject({ actorId: adminId, targetType: 'audit_log' });
  });
});

test('csvCell and dayStart', () => {
  expect(csvCell('plain')).toBe('plain');
  expect(csvCell('+1')).toBe("'+1");
  expect(csvCell('a\nb')).toBe('"a\nb"');
  // Helsinki winter (UTC+2) and summer (UTC+3) midnights.
  expect(dayStart('2026-01-15').toISOString()).toBe('2026-01-14T22:00:00.000Z');
  expect(dayStart('2026-07-15').toISOString()).toBe('2026-07-14T21:00:00.000Z');
  expect(dayStart('2026-07-15', true).toISOString()).toBe('2026-07-15T21:00:00.000Z');
  expect(() => dayStart('2026-02-30')).toThrow();
});
