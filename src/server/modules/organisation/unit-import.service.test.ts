import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import type { ImportOptions } from './index.ts';
import { SMALL_TREE_CSV, openOrganisationKit, type OrganisationTestKit } from './organisation.fixtures.ts';

const APPLY: ImportOptions = { dryRun: false, actorId: null, source: 'test' };
const DRY: ImportOptions = { ...APPLY, dryRun: true };
const HEADER = 'id,parent_id,type,name_fi,name_sv,name_en,oid,valid_from,valid_to';

/** A depth-5 tree: 1 division, 4 areas, 40 services, 1,000 units and 8,955 sites = 10,000 units. */
function bigTree(): { id: string; parent_id: string | null; type: string; name_fi: string }[] {
  const rows: { id: string; parent_id: string | null; type: string; name_fi: string }[] = [
    { id: 'd', parent_id: null, type: 'division', name_fi: 'Toimiala' },
  ];
  for (let a = 0; a < 4; a++)
    rows.push({ id: `a${a}`, parent_id: 'd', type: 'service_area', name_fi: `Alue ${a}` });
  for (let s = 0; s < 40; s++)
    rows.push({ id: `s${s}`, parent_id: `a${s % 4}`, type: 'service', name_fi: `Palvelu ${s}` });
  for (let u = 0; u < 1000; u++)
    rows.push({ id: `u${u}`, parent_id: `s${u % 40}`, type: 'unit', name_fi: `Yksikkö ${u}` });
  for (let p = 0; rows.length < 10_000; p++) {
    rows.push({ id: `p${p}`, parent_id: `u${p % 1000}`, type: 'site', name_fi: `Toimipiste ${p}` });
  }
  return rows;
}

describe.each(testEngines())('unit import on %s', (engine) => {
  let kit: OrganisationTestKit;
  beforeAll(async () => {
    kit = await openOrganisationKit(engine);
  });
  afterAll(async () => kit.close());
  beforeEach(async () => kit.reset());

  const unitCount = async () => (await kit.service.listUnits({ includeClosed: true })).length;
  const csv = (...lines: string[]) => ({ format: 'csv' as const, content: [HEADER, ...lines].join('\n') });

  test('a dry run lists the changes and writes nothing', async () => {
    const report = await kit.service.importUnits({ format: 'csv', content: SMALL_TREE_CSV }, DRY);
    expect(report).toMatchObject({ dryRun: true, applied: false, errors: [] });
    expect(report.changes.map((c) => c.kind)).toEqual(Array(7).fill('create'));
    expect(report.changes.map((c) => c.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(await unitCount()).toBe(0);
    expect(await kit.database.db.selectFrom('org_unit_events').select('id').execute()).toEqual([]);
  });

  test('applying creates the units, their closure rows, events and one audit entry', async () => {
    const report = await kit.service.importUnits({ format: 'csv', content: SMALL_TREE_CSV }, APPLY);
    expect(report.applied).toBe(true);
    expect(await unitCount()).toBe(7);
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
    expect((await kit.service.listEvents('unit-b1x'))[0]).toMatchObject({
      kind: 'created',
      toParentId: 'svc-b1',
    });
    const audit = await kit.database.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'organisation.units_imported',
      details: { created: 7, source: 'test' },
    });
  });

  test('importing the same file again changes nothing', async () => {
    await kit.service.importUnits({ format: 'csv', content: SMALL_TREE_CSV }, APPLY);
    const again = await kit.service.importUnits({ format: 'csv', content: SMALL_TREE_CSV }, DRY);
    expect(new Set(again.changes.map((c) => c.kind))).toEqual(new Set(['unchanged']));
  });

  test('a file with one bad row applies nothing at all', async () => {
    const report = await kit.service.importUnits(
      csv('root,,division,Juuri,,,,,', 'ok,root,unit,Hyvä,,,,,', 'bad,root,unit,Huono,,,not-an-oid,,'),
      APPLY,
    );
    expect(report.applied).toBe(false);
    expect(report.errors).toMatchObject([{ line: 4, field: 'oid', code: 'invalid_oid' }]);
    expect(report.changes).toHaveLength(3);
    expect(await unitCount()).toBe(0);
  });

  test('every error in the file is reported with its line, not only the first', async () => {
    await kit.service.importUnits({ format: 'csv', content: SMALL_TREE_CSV }, APPLY);
    const report = await kit.service.importUnits(
      csv(
        'x1,ghost,unit,Orpo,,,,,',
        'x2,root,planet,Outo,,,,,',
        'x3,root,unit,,,,,,',
        'x1,root,unit,Kaksoiskappale,,,,,',
        'x4,root,unit,OID,,,1.2.246.10.1234567.10.1,,',
        'x5,root,unit,Päivä,,,,2025-01-01,2024-01-01',
        'area-a,svc-a1,service_area,Kehä,,,,,',
        'x6,root,unit,Päivä,,,,eilen,',
      ),
      { ...DRY, lang: 'en' },
    );
    expect(report.errors.map((e) => `${e.line}:${e.field}:${e.code}`)).toEqual([
      '2:parent_id:parent_not_found',
      '3:type:unknown_type',
      '4:name_fi:missing_name_fi',
      '5:id:duplicate_id',
      '6:oid:duplicate_oid',
      '7:valid_to:invalid_date_range',
      '8:parent_id:cycle',
      '9:valid_from:invalid_date',
    ]);
    expect(report.errors[0]?.message).toBe('Parent unit ghost is neither in the file nor in the database.');
    expect(report.errors[4]?.message).toContain('unit-b1x');
  });

  test('error messages come in the language asked for', async () => {
    const content = csv('x,ghost,unit,Orpo,,,,,');
    const [fi] = (await kit.service.importUnits(content, DRY)).errors;
    const [sv] = (await kit.service.importUnits(content, { ...DRY, lang: 'sv' })).errors;
    expect(fi?.message).toContain('Yläyksikköä ghost');
    expect(sv?.message).toContain('överordnade enheten ghost');
  });

  test('JSON errors name the line where the object starts', async () => {
    const content =
      '[\n  {"id": "r", "type": "division", "name_fi": "Juuri"},\n  {"id": "c",\n   "parent_id": "nope",\n   "type": "unit", "name_fi": "Lapsi"}\n]';
    const report = await kit.service.importUnits({ format: 'json', content }, DRY);
    expect(report.errors).toMatchObject([{ line: 3, field: 'parent_id', code: 'parent_not_found' }]);
  });

  test('moves, renames and closures by import keep history and a correct closure table', async () => {
    await kit.service.importUnits({ format: 'csv', content: SMALL_TREE_CSV }, APPLY);
    const report = await kit.service.importUnits(
      csv(
        'svc-b1,area-a,service,Terveysasemat,Hälsostationer,Health stations,,,',
        'unit-b1y,svc-b1,unit,Vallilan terveysasema,Vallgårds hälsostation,Vallila health station,1.2.246.10.1234567.10.2,,2026-03-31',
        'area-b,root,service_area,Terveyspalvelut,Hälsovård,Health services,,,',
      ),
      APPLY,
    );
    expect(report.changes.map((c) => `${c.unitId}:${c.kind}`)).toEqual([
      'svc-b1:move',
      'unit-b1y:close',
      'area-b:update',
    ]);
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
    expect(await kit.service.isWithin('unit-b1x', 'area-a')).toBe(true);
    expect((await kit.service.listEvents('svc-b1'))[0]).toMatchObject({
      kind: 'moved',
      fromParentId: 'area-b',
    });
    expect((await kit.service.listEvents('unit-b1y'))[0]).toMatchObject({ kind: 'closed' });
    expect((await kit.service.listEvents('area-b'))[0]).toMatchObject({ kind: 'updated' });
    // Units the file does not mention are left as they are.
    expect(await unitCount()).toBe(7);
  });

  test('children listed before their parents are applied in the right order', async () => {
    const report = await kit.service.importUnits(
      csv('leaf,mid,site,Lehti,,,,,', 'mid,top,unit,Keski,,,,,', 'top,,division,Ylin,,,,,'),
      APPLY,
    );
    expect(report.errors).toEqual([]);
    expect((await kit.service.ancestors('leaf')).map((u) => u.id)).toEqual(['top', 'mid', 'leaf']);
  });

  test('two units can swap OIDs in one import', async () => {
    await kit.service.importUnits({ format: 'csv', content: SMALL_TREE_CSV }, APPLY);
    const report = await kit.service.importUnits(
      csv(
        'unit-b1x,svc-b1,unit,Kallion terveysasema,,,1.2.246.10.1234567.10.2,,',
        'unit-b1y,svc-b1,unit,Vallilan terveysasema,,,1.2.246.10.1234567.10.1,,',
      ),
      APPLY,
    );
    expect(report.errors).toEqual([]);
    expect((await kit.service.getUnit('unit-b1x'))?.oid).toBe('1.2.246.10.1234567.10.2');
  });

  test('rows outside the permitted subtree are refused with their line', async () => {
    await kit.service.importUnits({ format: 'csv', content: SMALL_TREE_CSV }, APPLY);
    const report = await kit.service.importUnits(
      csv('new-a,area-a,unit,Uusi,,,,,', 'new-b,area-b,unit,Uusi,,,,,'),
      {
        ...APPLY,
        canChange: (ids) => ids.includes('area-a'),
      },
    );
    expect(report.errors).toMatchObject([{ line: 3, code: 'forbidden_unit' }]);
    expect(await unitCount()).toBe(7);
  });

  test('progress is reported for validation and for writing', async () => {
    const seen = new Set<string>();
    await kit.service.importUnits(
      { format: 'csv', content: SMALL_TREE_CSV },
      {
        ...APPLY,
        onProgress: (stage, done, total) => seen.add(`${stage}:${done}/${total}`),
      },
    );
    expect(seen).toContain('validate:7/7');
    expect(seen).toContain('apply:7/7');
  });

  test('a 10,000-unit tree imports and answers subtree queries correctly', async () => {
    const rows = bigTree();
    const report = await kit.service.importUnits({ format: 'json', content: JSON.stringify(rows) }, APPLY);
    expect(report.errors).toEqual([]);
    expect(await unitCount()).toBe(10_000);
    expect(await kit.service.subtreeIds('d')).toHaveLength(10_000);
    // Area a1 holds services s1, s5, …, s37 (10), their 250 units and those units' sites.
    const sitesUnderA1 = rows.filter(
      (r) => r.type === 'site' && (Number(r.parent_id?.slice(1)) % 40) % 4 === 1,
    );
    expect(await kit.service.subtreeIds('a1')).toHaveLength(1 + 10 + 250 + sitesUnderA1.length);
    expect((await kit.service.ancestors('p8954')).map((u) => u.id)).toEqual([
      'd',
      'a2',
      's34',
      'u954',
      'p8954',
    ]);
    expect(await kit.service.isWithin('p8954', 'a2')).toBe(true);
    expect(await kit.service.isWithin('p8954', 'a1')).toBe(false);
    const closure = await kit.database.db
      .selectFrom('org_unit_closure')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(closure?.n)).toBe(1 + 4 * 2 + 40 * 3 + 1000 * 4 + 8955 * 5);
    await kit.service.moveUnit('s34', 'a1', { actorId: null, source: 'test' });
    expect(await kit.service.isWithin('p8954', 'a1')).toBe(true);
    const sitesUnderS34 = rows.filter((r) => r.type === 'site' && Number(r.parent_id?.slice(1)) % 40 === 34);
    expect(await kit.service.subtreeIds('a1')).toHaveLength(
      1 + 11 + 275 + sitesUnderA1.length + sitesUnderS34.length,
    );
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
  });
});
