import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';

import { many, openReportsKit, type ReportsKit, type SignedIn } from './reports.testing.ts';

const DAY = '2026-10-20';
const KALLIO_OID = '1.2.246.10.1234567.10.1';
const HS_OID = '1.2.246.10.1234567.10.0';

describe.each(testEngines())('national data set on %s', (engine) => {
  let kit: ReportsKit;
  let admin: SignedIn;

  beforeAll(async () => {
    kit = await openReportsKit(engine);
    await kit.insert([
      // Kallio's site has no OID: its answers count for Kallio (7 = 3 + 4); only 3 answered "smooth".
      ...many(3, { unitId: 'r-kallio', localDate: DAY, statements: { smooth: 5, respect: 4 } }, [10, 9, 0]),
      ...many(4, { unitId: 'r-kallio-a', localDate: DAY, statements: { respect: 'cant_say' } }, [8, 7]),
      ...many(6, { unitId: 'r-kallio', localDate: DAY, channel: 'sms' }),
      // Vallila: relatives are a small group, and the clients' row would reveal them by subtraction.
      ...many(10, { unitId: 'r-vallila', localDate: DAY }),
      ...many(2, { unitId: 'r-vallila', localDate: DAY, respondentType: 'relative' }),
      // No OID of its own: the nearest ancestor with one (the service) takes it.
      ...many(5, { unitId: 'r-tiny', localDate: DAY }),
      // No OID anywhere above: reported by unit id.
      ...many(6, { unitId: 'r-other', localDate: DAY, respondentType: null }),
      ...many(9, { unitId: 'r-kallio', localDate: '2026-09-30' }),
      ...many(3, { unitId: 'r-kallio', localDate: DAY, flag: 'repeat' }),
    ]);
    admin = await kit.user('admin@example.fi', [{ role: 'admin', unitId: null }]);
  });
  afterAll(async () => kit?.close());

  test('rows are per OID × channel × respondent type with the 0–10 distribution and statement counts', async () => {
    const set = await kit.kuulo.reports.national.build('2026-10');
    expect(set.statementIds).toEqual([
      'smooth',
      'timely',
      'respect',
      'together',
      'safe',
      'understandable',
      'useful',
    ]);
    const keys = set.rows.map((r) => `${r.unitOid ?? '-'}|${r.unitId}|${r.channel}|${r.respondentType}`);
    expect(keys).toEqual([
      `${HS_OID}|r-hs|web|client`,
      `${KALLIO_OID}|r-kallio|sms|client`,
      `${KALLIO_OID}|r-kallio|web|client`,
      '1.2.246.10.1234567.10.2|r-vallila|web|client',
      '1.2.246.10.1234567.10.2|r-vallila|web|relative',
      '-|r-other|web|unknown',
    ]);
    const kallioWeb = set.rows[2];
    expect(kallioWeb?.n).toBe(7);
    expect(kallioWeb?.recommendation).toEqual([1, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1]);
    expect(kallioWeb?.statements.respect).toEqual({ counts: [0, 0, 0, 3, 0], cantSay: 4 });
    // Only three people answered "smooth" in this row: its counts are hidden on their own.
    expect(kallioWeb?.statements.smooth).toEqual({ counts: null, cantSay: null });
  });

  test('small groups and the cells that would reveal them are suppressed without any count', async () => {
    const set = await kit.kuulo.reports.national.build('2026-10');
    const vallila = set.rows.filter((r) => r.unitId === 'r-vallila');
    expect(vallila.map((r) => r.suppressed)).toEqual(['secondary', 'small_group']);
    for (const row of vallila) {
      expect(row.n).toBeNull();
      expect(row.recommendation).toBeNull();
      expect(Object.values(row.statements).every((s) => s.counts === null && s.cantSay === null)).toBe(true);
    }
    const csv = kit.kuulo.reports.national.encode(set, 'csv');
    const lines = csv.trimEnd().split('\r\n');
    const relative = (lines.find((l) => l.includes('r-vallila,2026-10,web,relative')) ?? '').split(',');
    expect(relative.slice(5)).toEqual(['small_group', ...relative.slice(6).map(() => 'suppressed')]);
  });

  test('CSV and JSON follow the documented layout', async () => {
    const set = await kit.kuulo.reports.national.build('2026-10');
    const csv = kit.kuulo.reports.national.encode(set, 'csv');
    const header = csv.split('\r\n')[0]?.split(',') ?? [];
    expect(header.slice(0, 8)).toEqual([
      'unit_oid',
      'unit_id',
      'month',
      'channel',
      'respondent_type',
      'suppressed',
      'n',
      'recommendation_0',
    ]);
    expect(header).toContain('recommendation_10');
    expect(header).toContain('useful_cant_say');
    expect(header).toHaveLength(7 + 11 + 7 * 6);
    const json = JSON.parse(kit.kuulo.reports.national.encode(set, 'json')) as {
      format: string;
      format_version: number;
      month: string;
      min_group_size: number;
      rows: {
        unit_oid: string | null;
        n: number | null;
        statements: Record<string, { counts: number[] | null }>;
      }[];
    };
    expect(json).toMatchObject({
      format: 'kuulo-national',
      format_version: 1,
      month: '2026-10',
      min_group_size: 5,
    });
    expect(json.rows).toHaveLength(6);
    expect(json.rows[5]?.unit_oid).toBeNull();
    expect(json.rows[2]?.statements.respect?.counts).toEqual([0, 0, 0, 3, 0]);
  });

  test('the same month gives byte-identical files, also after later responses arrive', async () => {
    const first = await kit.kuulo.reports.national.build('2026-10');
    const csv = kit.kuulo.reports.national.encode(first, 'csv');
    const json = kit.kuulo.reports.national.encode(first, 'json');
    await kit.insert(many(8, { unitId: 'r-vallila', localDate: '2026-11-02' }));
    const again = await kit.kuulo.reports.national.build('2026-10');
    expect(kit.kuulo.reports.national.encode(again, 'csv')).toBe(csv);
    expect(kit.kuulo.reports.national.encode(again, 'json')).toBe(json);
  });

  test('staff with an organisation-wide role download it; others are refused; a bad month is a 400', async () => {
    const ok = await kit.app.inject({
      url: '/staff/national-export/download?month=2026-10&format=json',
      headers: { cookie: admin.cookie },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-disposition']).toContain('kuulo-national-2026-10.json');
    expect(JSON.parse(ok.body).rows).toHaveLength(6);
    const page = await kit.app.inject({
      url: '/staff/national-export?lang=sv',
      headers: { cookie: admin.cookie },
    });
    expect(page.body).toContain('Nationellt datamaterial');
    const bad = await kit.app.inject({
      url: '/staff/national-export/download?month=2026-13',
      headers: { cookie: admin.cookie, accept: 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_month');
    const manager = await kit.user('hs-manager@example.fi', [{ role: 'manager', unitId: 'r-hs' }]);
    const refused = await kit.app.inject({
      url: '/staff/national-export/download?month=2026-10',
      headers: { cookie: manager.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });
});
