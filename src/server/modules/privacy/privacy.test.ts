import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { THL_NATIONAL_SLUG } from '../surveys/index.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import { GOOD_PASSWORD, TEST_ORIGIN, formBody, signIn } from '../staff/staff.testing.ts';
import { DEFAULT_RETENTION, normalisePhone, type RetentionKind } from './index.ts';
import { APPLY_RETENTION_JOB, nextRunAt } from './privacy.jobs.ts';

const DAY = 86_400_000;
const admin: StaffPrincipal = {
  userId: '00000000-0000-4000-8000-0000000000aa',
  email: 'admin@example.fi',
  displayName: 'Admin',
  locale: 'en',
  roles: [{ role: 'admin', unitId: null }],
  csrfToken: 'x',
};
const localAdmin: StaffPrincipal = { ...admin, roles: [{ role: 'admin', unitId: 'priv-unit' }] };

describe.each(testEngines())('privacy on %s', (engine) => {
  let t: TestKuulo;

  const count = async (table: 'response_contacts' | 'response_text_originals' | 'responses') =>
    Number(
      (
        await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
          t.kuulo.database.db,
        )
      ).rows[0]?.n,
    );

  /** A survey response with a "contact me" and a comment whose e-mail redaction leaves an encrypted original. */
  async function respond(contact: { email?: string; phone?: string; name?: string }, ageDays = 0) {
    const { id } = await t.kuulo.intake.service.submit(
      {
        submissionId: randomUUID(),
        survey: THL_NATIONAL_SLUG,
        unit: 'priv-unit',
        channel: 'web',
        language: 'fi',
        answers: { recommendation: 9, comment: 'Hyvä palvelu, kirjoittakaa osoitteeseen mina@example.org' },
        contact,
      },
      { clientKey: randomUUID() },
    );
    if (ageDays > 0) {
      const at = new Date(Date.now() - ageDays * DAY);
      await t.kuulo.database.db
        .updateTable('response_contacts')
        .set({ created_at: at })
        .where('response_id', '=', id)
        .execute();
      await t.kuulo.database.db
        .updateTable('response_text_originals')
        .set({ created_at: at })
        .where('response_id', '=', id)
        .execute();
    }
    return id;
  }

  beforeAll(async () => {
    t = await createTestKuulo(engine, { publicUrl: TEST_ORIGIN });
    const report = await t.kuulo.organisation.service.importUnits(
      {
        format: 'json',
        content: JSON.stringify([{ id: 'priv-unit', parentId: null, type: 'unit', nameFi: 'Yksikkö' }]),
      },
      { dryRun: false, actorId: null, source: 'privacy-test' },
    );
    if (!report.applied) throw new Error(JSON.stringify(report.errors));
    const survey = await t.kuulo.surveys.service.getCurrent(THL_NATIONAL_SLUG);
    await t.kuulo.surveys.service.publish({
      surveyId: survey!.surveyId,
      unitId: 'priv-unit',
      includeSubtree: true,
      channels: ['web'],
      actorId: null,
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    const { db } = t.kuulo.database;
    await db.deleteFrom('response_contacts').execute();
    await db.deleteFrom('response_text_originals').execute();
    await db.deleteFrom('settings').where('key', '=', 'privacy.retention').execute();
  });

  test('retention settings start from the defaults and only a global administrator changes them', async () => {
    expect(await t.kuulo.privacy.service.getRetention()).toEqual(DEFAULT_RETENTION);
    await expect(
      t.kuulo.privacy.service.setRetention(localAdmin, { contact_details: 30 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    for (const bad of [0, 36_501, 1.5, Number.NaN]) {
      await expect(
        t.kuulo.privacy.service.setRetention(admin, { contact_details: bad }),
      ).rejects.toMatchObject({ code: 'invalid_retention' });
    }
    const saved = await t.kuulo.privacy.service.setRetention(admin, { contact_details: 30, scores: null });
    expect(saved).toEqual({ ...DEFAULT_RETENTION, contact_details: 30 });
    expect(await t.kuulo.privacy.service.getRetention()).toEqual(saved);
    const entry = await t.kuulo.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'privacy.retention_changed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: admin.userId, details: { contact_details: 30 } });
  });

  test('the retention run deletes expired contacts and originals, keeps younger ones and the responses', async () => {
    await t.kuulo.privacy.service.setRetention(admin, { contact_details: 30, text_originals: 10 });
    const old = await respond({ email: 'old@example.org' }, 40);
    const middle = await respond({ email: 'middle@example.org' }, 20);
    const fresh = await respond({ email: 'fresh@example.org' });
    expect(await count('response_text_originals')).toBe(3);
    const responsesBefore = await count('responses');

    const run = await t.kuulo.privacy.service.applyRetention();
    expect(run.purged).toMatchObject({ 'intake.response_contacts': 1, 'intake.response_text_originals': 2 });
    const contacts = await t.kuulo.database.db
      .selectFrom('response_contacts')
      .select('response_id')
      .execute();
    expect(contacts.map((c) => c.response_id).sort()).toEqual([middle, fresh].sort());
    const originals = await t.kuulo.database.db
      .selectFrom('response_text_originals')
      .select('response_id')
      .execute();
    expect(originals.map((o) => o.response_id)).toEqual([fresh]);
    expect(await count('responses')).toBe(responsesBefore);
    expect(old).toBeTruthy();
    // Running again changes nothing.
    expect((await t.kuulo.privacy.service.applyRetention()).purged).toMatchObject({
      'intake.response_contacts': 0,
      'intake.response_text_originals': 0,
    });
  });

  test('a kind kept without limit is not purged; other modules take part through registered targets', async () => {
    await t.kuulo.privacy.service.setRetention(admin, { contact_details: null, attachments: 7 });
    await respond({ email: 'kept@example.org' }, 4000);
    const cutoffs: Date[] = [];
    const kind: RetentionKind = 'attachments';
    t.kuulo.privacy.service.registerRetentionTarget({
      kind,
      name: 'test.attachments',
      purgeOlderThan: async (cutoff) => {
        cutoffs.push(cutoff);
        return 5;
      },
    });
    const now = new Date('2026-06-10T00:00:00Z');
    const run = await t.kuulo.privacy.service.applyRetention(now);
    expect(run.purged['intake.response_contacts']).toBeUndefined();
    expect(run.purged['test.attachments']).toBe(5);
    expect(cutoffs).toEqual([new Date(now.getTime() - 7 * DAY)]);
    expect(await count('response_contacts')).toBe(1);
  });

  test("erasure removes one person's contacts by e-mail or phone in any form, and audits without the address", async () => {
    const anna = await respond({ email: 'Anna.Asukas@Example.org', name: 'Anna' });
    const annaPhone = await respond({ phone: '+358 40 123 4567' });
    const other = await respond({ email: 'other@example.org', phone: '040 765 4321' });

    await expect(
      t.kuulo.privacy.service.eraseContact(localAdmin, { email: 'anna.asukas@example.org' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.kuulo.privacy.service.eraseContact(admin, {})).rejects.toMatchObject({
      code: 'invalid_erasure',
    });
    await expect(t.kuulo.privacy.service.eraseContact(admin, { phone: 'abc' })).rejects.toMatchObject({
      code: 'invalid_erasure',
    });

    const byEmail = await t.kuulo.privacy.service.eraseContact(admin, { email: ' anna.asukas@example.org ' });
    expect(byEmail.erased['intake.response_contacts']).toBe(1);
    const byPhone = await t.kuulo.privacy.service.eraseContact(admin, { phone: '040-1234567' });
    expect(byPhone.erased['intake.response_contacts']).toBe(1);
    const left = await t.kuulo.database.db.selectFrom('response_contacts').select('response_id').execute();
    expect(left.map((r) => r.response_id)).toEqual([other]);
    expect([anna, annaPhone]).not.toContain(other);

    const entries = await t.kuulo.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy.contact_erased')
      .execute();
    expect(entries).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toMatch(/anna|asukas|1234567/i);
    expect(entries[0]?.target_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('the daily job runs the retention and schedules its next run for 03:00 Finnish time', async () => {
    await t.kuulo.privacy.service.setRetention(admin, { contact_details: 30 });
    await respond({ email: 'jobbed@example.org' }, 31);
    await sql`delete from jobs where name = ${APPLY_RETENTION_JOB}`.execute(t.kuulo.database.db);
    await t.kuulo.jobs.enqueue(t.kuulo.database.db, [{ name: APPLY_RETENTION_JOB, payload: {} }]);
    await t.kuulo.jobs.runDue();
    expect(await count('response_contacts')).toBe(0);
    const next = await t.kuulo.database.db
      .selectFrom('jobs')
      .select('run_at')
      .where('name', '=', APPLY_RETENTION_JOB)
      .where('done_at', 'is', null)
      .execute();
    expect(next).toHaveLength(1);
    expect(next[0]!.run_at.getTime()).toBeGreaterThan(Date.now());
    expect(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Helsinki',
        hour: '2-digit',
        minute: '2-digit',
      }).format(next[0]!.run_at),
    ).toBe('03:00');
  });

  test('the administrators’ page saves retention periods and erases contacts; others are refused', async () => {
    await t.kuulo.staff.service.createUser({
      email: 'privacy-admin@example.fi',
      displayName: 'P',
      password: GOOD_PASSWORD,
      roles: [{ role: 'admin', unitId: null }],
    });
    await t.kuulo.staff.service.createUser({
      email: 'privacy-handler@example.fi',
      displayName: 'H',
      password: GOOD_PASSWORD,
      roles: [{ role: 'handler', unitId: null }],
    });
    const a = await signIn(t.app, 'privacy-admin@example.fi');
    const h = await signIn(t.app, 'privacy-handler@example.fi');
    const post = (who: typeof a, url: string, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: who.cookie,
          origin: TEST_ORIGIN,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: formBody({ ...fields, _csrf: who.csrf }),
      });

    expect(
      (await t.app.inject({ method: 'GET', url: '/staff/privacy', headers: { cookie: h.cookie } }))
        .statusCode,
    ).toBe(403);
    expect((await post(h, '/staff/privacy/erasure', { email: 'x@example.org' })).statusCode).toBe(403);
    const page = await t.app.inject({
      method: 'GET',
      url: '/staff/privacy?lang=en',
      headers: { cookie: a.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('intake.response_contacts');

    const bad = await post(a, '/staff/privacy/retention?lang=en', { days_contact_details: 'forever' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#days_contact_details"');
    const good = await post(a, '/staff/privacy/retention?lang=en', {
      days_contact_details: '60',
      days_text_originals: '30',
      days_free_text: '',
      days_attachments: '365',
      days_scores: '',
    });
    expect(good.statusCode).toBe(303);
    expect(await t.kuulo.privacy.service.getRetention()).toEqual({
      contact_details: 60,
      text_originals: 30,
      free_text: null,
      attachments: 365,
      scores: null,
    });

    await respond({ email: 'page@example.org' });
    const erased = await post(a, '/staff/privacy/erasure?lang=en', { email: 'PAGE@example.org', phone: '' });
    expect(erased.statusCode).toBe(200);
    expect(erased.body).toContain('Contact details erased: 1.');
    expect(await count('response_contacts')).toBe(0);
  });
});

test('phone numbers compare in national form; the next run is the next 03:00 in Helsinki', () => {
  expect(normalisePhone('+358 40 123 4567')).toBe('0401234567');
  expect(normalisePhone('00358-40-1234567')).toBe('0401234567');
  expect(normalisePhone('(040) 123 45 67')).toBe('0401234567');
  expect(normalisePhone('abc')).toBeNull();
  expect(nextRunAt(new Date('2026-01-15T00:30:00Z')).toISOString()).toBe('2026-01-15T01:00:00.000Z');
  expect(nextRunAt(new Date('2026-01-15T01:00:00Z')).toISOString()).toBe('2026-01-16T01:00:00.000Z');
  expect(nextRunAt(new Date('2026-07-15T12:00:00Z')).toISOString()).toBe('2026-07-16T00:00:00.000Z');
});
