import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import type { StaffPrincipal } from '../staff/index.ts';

const DAY = 86_400_000;
const admin: StaffPrincipal = {
  userId: '00000000-0000-4000-8000-0000000000ab',
  email: 'admin@example.fi',
  displayName: 'Admin',
  locale: 'en',
  roles: [{ role: 'admin', unitId: null }],
  csrfToken: 'x',
};

describe.each(testEngines())('retention and erasure of open feedback on %s', (engine) => {
  let t: TestKuulo;

  const rows = async (table: 'feedback_contacts' | 'feedback_originals', id: string) =>
    t.kuulo.database.db.selectFrom(table).select('feedback_id').where('feedback_id', '=', id).execute();

  async function submit(email: string, ageDays: number): Promise<string> {
    const { id } = await t.kuulo.feedback.service.submit(
      {
        submissionId: randomUUID(),
        type: 'complaint',
        unitId: 'ret-unit',
        description: 'Hetuni on 131052-308T, pyysin soittoa mutta kukaan ei soittanut.',
        language: 'fi',
        wantsReply: true,
        contact: { name: 'Maija', email },
      },
      { source: 'web', clientKey: randomUUID() },
    );
    const at = new Date(Date.now() - ageDays * DAY);
    const db = t.kuulo.database.db;
    await db.updateTable('feedback_items').set({ created_at: at }).where('id', '=', id).execute();
    await db.updateTable('feedback_contacts').set({ created_at: at }).where('feedback_id', '=', id).execute();
    await db
      .updateTable('feedback_originals')
      .set({ created_at: at })
      .where('feedback_id', '=', id)
      .execute();
    return id;
  }

  beforeAll(async () => {
    t = await createTestKuulo(engine);
    const report = await t.kuulo.organisation.service.importUnits(
      {
        format: 'json',
        content: JSON.stringify([{ id: 'ret-unit', parentId: null, type: 'unit', nameFi: 'Yksikkö' }]),
      },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
  });
  afterAll(() => t?.close());

  test('the daily retention removes expired contact details, originals and old descriptions, and keeps the rest', async () => {
    const old = await submit('vanha@example.fi', 400);
    const recent = await submit('uusi@example.fi', 10);
    const ancient = await submit('muinainen@example.fi', 2000);
    const run = await t.kuulo.privacy.service.applyRetention();
    expect(run.purged['feedback.contacts']).toBe(2);
    expect(run.purged['feedback.originals']).toBe(2);
    expect(run.purged['feedback.descriptions']).toBe(1);
    expect(await rows('feedback_contacts', old)).toEqual([]);
    expect(await rows('feedback_originals', old)).toEqual([]);
    expect(await rows('feedback_contacts', recent)).toHaveLength(1);
    expect(await rows('feedback_originals', recent)).toHaveLength(1);
    const items = await t.kuulo.database.db
      .selectFrom('feedback_items')
      .select(['id', 'description_redacted'])
      .where('id', 'in', [old, ancient])
      .execute();
    expect(items.find((i) => i.id === ancient)?.description_redacted).toBe('');
    expect(items.find((i) => i.id === old)?.description_redacted).toContain('[personal-id]');
    // Running again finds nothing more: the job is idempotent.
    const again = await t.kuulo.privacy.service.applyRetention();
    expect(again.purged['feedback.contacts']).toBe(0);
  });

  test("erasure on request removes a person's reply details however the address was typed", async () => {
    const id = await submit('Erika.Esimerkki@Example.fi', 1);
    const other = await submit('joku.muu@example.fi', 1);
    const result = await t.kuulo.privacy.service.eraseContact(admin, {
      email: ' erika.esimerkki@example.FI ',
    });
    expect(result.erased['feedback.contacts']).toBe(1);
    expect(await rows('feedback_contacts', id)).toEqual([]);
    expect(await rows('feedback_contacts', other)).toHaveLength(1);
  });
});
