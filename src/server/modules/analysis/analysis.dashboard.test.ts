import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { TEST_ORIGIN, signedInStaff } from '../staff/staff.testing.ts';
import { insertComment } from './analysis.testing.ts';
import type { StaffRole } from '../staff/index.ts';

// The staff dashboard's themes panel on a real database: composition registers the analysis module's provider
// with reports, the panel shows each theme's share, n, change and tone of the dashboard's subtree and period,
// hides small groups in words, shows a zero as 0, and links to the analysis view of the same scope.

const PARKING = [
  'Parkkipaikkaa ei löytynyt sairaalan pihalta.',
  'Pysäköinti oli kallista ja parkkipaikat täynnä.',
  'Parking was impossible, nowhere to park.',
  'Det fanns ingen parkering vid hälsostationen.',
];

describe.each(testEngines())('the dashboard themes panel on %s', (engine) => {
  let t: TestKuulo;

  const addComment = (unitId: string, text: string, day: string) => insertComment(t, { unitId, text, day });

  const staffUser = (role: StaffRole, unitId: string | null) =>
    signedInStaff({ app: t.app, staff: t.kuulo.staff.service }, role, unitId);

  beforeAll(async () => {
    t = await createTestKuulo(engine, { minGroupSize: 3, publicUrl: TEST_ORIGIN });
    const db = t.kuulo.database.db;
    await db
      .insertInto('org_units')
      .values({ id: 'south', parent_id: null, type: 'unit', name_fi: 'Etelä', name_en: 'South' })
      .execute();
    await db
      .insertInto('org_unit_closure')
      .values({ ancestor_id: 'south', descendant_id: 'south', depth: 0 })
      .execute();
    for (const text of PARKING) await addComment('south', text, '2026-10-15');
    await addComment('south', 'Takaisinsoittoa ei koskaan tullut, vaikka lupasivat.', '2026-10-16');
    for (const text of PARKING.slice(0, 3)) await addComment('south', text, '2026-09-10');
    await t.kuulo.analysis.service.analysePending(500);
  }, 120_000);
  afterAll(() => t.close());

  test("shows each theme's share, n and change, hides a small group in words and links to the analysis view", async () => {
    const viewer = await staffUser('viewer', 'south');
    const page = await t.app.inject({
      method: 'GET',
      url: '/staff/dashboard?unit=south&period=month&month=2026-10&lang=en',
      headers: { cookie: viewer.cookie },
    });
    expect(page.statusCode).toBe(200);
    const panel = page.body.slice(
      page.body.indexOf('<h2 id="themes">'),
      page.body.indexOf('<h2 id="children">'),
    );
    expect(panel).toContain('Themes of comments');
    expect(panel).toContain('5 comments analysed in the period');
    // Parking: 4 of 5 this month, 3 of 3 in September: −20 percentage points.
    expect(panel).toMatch(/Parking and transport<\/a><\/span>.*80%.*n = 4.*−20 pp/s);
    expect(panel).toContain(
      '/staff/analysis?unit=south&amp;from=2026-10-01&amp;to=2026-10-31&amp;theme=parking&amp;lang=en',
    );
    const rows = panel.slice(panel.indexOf('id="themes-table"')).split('<tr>');
    const phone = rows.find((r) => r.includes('theme=phone')) ?? '';
    expect(phone).toContain('fewer than 3 answers');
    expect(phone).not.toMatch(/<td class="num">/);
    const food = rows.find((r) => r.includes('theme=food')) ?? '';
    expect(food).toMatch(/<td class="num">0<\/td>/);
    expect(panel).toContain('id="theme-tones"');
    expect(panel).not.toContain('The filters above do not apply');
  });

  test('says that the filters do not apply to themes, and that a period without comments has none', async () => {
    const manager = await staffUser('manager', 'south');
    const filtered = await t.app.inject({
      method: 'GET',
      url: '/staff/dashboard?unit=south&period=month&month=2026-10&channel=sms&lang=en',
      headers: { cookie: manager.cookie },
    });
    expect(filtered.body).toContain('The filters above do not apply to themes');
    const empty = await t.app.inject({
      method: 'GET',
      url: '/staff/dashboard?unit=south&period=month&month=2026-06&lang=fi',
      headers: { cookie: manager.cookie },
    });
    expect(empty.body).toContain('Jaksolla ei analysoitu yhtään kommenttia.');
  });
});
