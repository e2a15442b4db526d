import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../../db/testing.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import {
  SMALL_TREE_CSV,
  TEST_CONTEXT,
  openOrganisationKit,
  type OrganisationTestKit,
} from './organisation.fixtures.ts';

describe.each(testEngines())('organisation service on %s', (engine) => {
  let kit: OrganisationTestKit;
  beforeAll(async () => {
    kit = await openOrganisationKit(engine);
  });
  afterAll(async () => kit.close());
  beforeEach(async () => {
    await kit.reset();
    const report = await kit.service.importUnits(
      { format: 'csv', content: SMALL_TREE_CSV },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
  });

  const ids = async (promise: Promise<{ id: string }[]>) => (await promise).map((u) => u.id);

  test('the closure table matches the parent links after an import', async () => {
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
    expect((await kit.service.subtreeIds('area-b')).sort()).toEqual([
      'area-b',
      'svc-b1',
      'unit-b1x',
      'unit-b1y',
    ]);
  });

  test('ancestors run from the root to the unit itself', async () => {
    expect(await ids(kit.service.ancestors('unit-b1x'))).toEqual(['root', 'area-b', 'svc-b1', 'unit-b1x']);
    expect(await kit.service.ancestors('nope')).toEqual([]);
  });

  test('isWithin is true for the unit itself and its ancestors only', async () => {
    expect(await kit.service.isWithin('unit-b1x', 'unit-b1x')).toBe(true);
    expect(await kit.service.isWithin('unit-b1x', 'root')).toBe(true);
    expect(await kit.service.isWithin('unit-b1x', 'area-a')).toBe(false);
    expect(await kit.service.isWithin('root', 'unit-b1x')).toBe(false);
  });

  test('a created unit gets closure rows and a created event', async () => {
    await kit.service.createUnit(
      { id: 'site-1', parentId: 'unit-b1x', type: 'site', names: { fi: 'Toimipiste', sv: null, en: null } },
      TEST_CONTEXT,
    );
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
    expect(await kit.service.isWithin('site-1', 'area-b')).toBe(true);
    const [event] = await kit.service.listEvents('site-1');
    expect(event).toMatchObject({ kind: 'created', toParentId: 'unit-b1x', source: 'test' });
  });

  test('creating a unit with a taken id or an unknown parent is refused', async () => {
    const names = { fi: 'X', sv: null, en: null };
    await expect(
      kit.service.createUnit({ id: 'root', parentId: null, type: 'unit', names }, TEST_CONTEXT),
    ).rejects.toMatchObject({ code: 'unit_exists' });
    await expect(
      kit.service.createUnit({ id: 'new', parentId: 'ghost', type: 'unit', names }, TEST_CONTEXT),
    ).rejects.toMatchObject({ code: 'parent_not_found' });
    await expect(
      kit.service.createUnit({ id: 'bad id!', parentId: null, type: 'unit', names }, TEST_CONTEXT),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  test('moving a subtree rewrites the ancestors of everything below it', async () => {
    await kit.service.moveUnit('svc-b1', 'area-a', TEST_CONTEXT);
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
    expect(await ids(kit.service.ancestors('unit-b1y'))).toEqual(['root', 'area-a', 'svc-b1', 'unit-b1y']);
    expect(await kit.service.isWithin('unit-b1y', 'area-b')).toBe(false);
    const [event] = await kit.service.listEvents('svc-b1');
    expect(event).toMatchObject({ kind: 'moved', fromParentId: 'area-b', toParentId: 'area-a' });
  });

  test('moving to the top level makes the unit a root', async () => {
    await kit.service.moveUnit('area-b', null, TEST_CONTEXT);
    expect(await ids(kit.service.ancestors('unit-b1x'))).toEqual(['area-b', 'svc-b1', 'unit-b1x']);
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
  });

  test('a unit cannot be moved under itself or under its own descendant', async () => {
    await expect(kit.service.moveUnit('area-b', 'area-b', TEST_CONTEXT)).rejects.toMatchObject({
      code: 'unit_move_cycle',
    });
    const refused = kit.service.moveUnit('area-b', 'unit-b1x', TEST_CONTEXT);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ code: 'unit_move_cycle' });
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
    expect(await kit.service.listEvents('area-b')).toHaveLength(1);
  });

  test('a merged unit ends, moves under the target, and its open children join the target', async () => {
    await kit.service.createUnit(
      { id: 'site-x', parentId: 'unit-b1x', type: 'site', names: { fi: 'Sivupiste', sv: null, en: null } },
      TEST_CONTEXT,
    );
    const merged = await kit.service.mergeUnit('unit-b1x', 'unit-b1y', {
      ...TEST_CONTEXT,
      date: '2026-06-30',
    });
    expect(merged).toMatchObject({ parentId: 'unit-b1y', mergedIntoId: 'unit-b1y', validTo: '2026-06-30' });
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
    expect((await kit.service.getUnit('site-x'))?.parentId).toBe('unit-b1y');
    // The target's subtree now holds the merged unit, so its figures include the merged unit's history.
    expect((await kit.service.subtreeIds('unit-b1y')).sort()).toEqual(['site-x', 'unit-b1x', 'unit-b1y']);
    const kinds = (await kit.service.listEvents('unit-b1x')).map((e) => e.kind);
    expect(kinds).toEqual(['merged', 'moved', 'created']);
    expect((await kit.service.listEvents('site-x'))[0]).toMatchObject({
      kind: 'moved',
      toParentId: 'unit-b1y',
    });
  });

  test('merging keeps responses attached to the unit they were given to', async () => {
    await seedResponse(kit, 'unit-b1x');
    await kit.service.mergeUnit('unit-b1x', 'unit-b1y', TEST_CONTEXT);
    const rows = await kit.database.db.selectFrom('responses').select('unit_id').execute();
    expect(rows).toEqual([{ unit_id: 'unit-b1x' }]);
    expect(await kit.service.isWithin('unit-b1x', 'unit-b1y')).toBe(true);
  });

  test('merging into itself, into a descendant or a second time is refused', async () => {
    await expect(kit.service.mergeUnit('svc-b1', 'svc-b1', TEST_CONTEXT)).rejects.toMatchObject({
      code: 'merge_into_self',
    });
    await expect(kit.service.mergeUnit('svc-b1', 'unit-b1x', TEST_CONTEXT)).rejects.toMatchObject({
      code: 'merge_into_descendant',
    });
    await kit.service.mergeUnit('unit-b1x', 'unit-b1y', TEST_CONTEXT);
    await expect(kit.service.mergeUnit('unit-b1x', 'svc-a1', TEST_CONTEXT)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  test('closing a unit closes its open subtree and hides it from the open tree', async () => {
    const closed = await kit.service.closeUnit('svc-b1', '2026-05-31', TEST_CONTEXT);
    expect(closed.sort()).toEqual(['svc-b1', 'unit-b1x', 'unit-b1y']);
    const open = await ids(kit.service.listUnits());
    expect(open).not.toContain('svc-b1');
    expect(open).not.toContain('unit-b1x');
    expect(await ids(kit.service.listUnits({ includeClosed: true }))).toContain('unit-b1x');
    expect((await kit.service.listEvents('unit-b1x'))[0]).toMatchObject({ kind: 'closed' });
  });

  test('a unit whose last day is today still counts as open', async () => {
    await kit.service.closeUnit('unit-b1y', '2026-06-15', TEST_CONTEXT);
    expect(await ids(kit.service.listUnits())).toContain('unit-b1y');
  });

  test('reopening clears the last day, but not under a closed parent', async () => {
    await kit.service.closeUnit('svc-b1', '2026-05-31', TEST_CONTEXT);
    await expect(kit.service.reopenUnit('unit-b1x', TEST_CONTEXT)).rejects.toMatchObject({
      code: 'parent_closed',
    });
    const reopened = await kit.service.reopenUnit('svc-b1', TEST_CONTEXT);
    expect(reopened.validTo).toBeNull();
    expect((await kit.service.listEvents('svc-b1'))[0]).toMatchObject({ kind: 'reopened' });
  });

  test('editing records the changed fields and refuses an OID another unit has', async () => {
    await kit.service.updateUnit(
      'unit-b1y',
      { names: { fi: 'Uusi nimi', sv: null, en: 'New name' } },
      TEST_CONTEXT,
    );
    const [event] = await kit.service.listEvents('unit-b1y');
    expect(event?.kind).toBe('updated');
    expect(Object.keys(event?.changes ?? {}).sort()).toEqual(['name_en', 'name_fi', 'name_sv']);
    await expect(
      kit.service.updateUnit('unit-b1y', { oid: '1.2.246.10.1234567.10.1' }, TEST_CONTEXT),
    ).rejects.toMatchObject({ code: 'duplicate_oid' });
    await expect(kit.service.updateUnit('unit-b1y', { oid: '1..2' }, TEST_CONTEXT)).rejects.toMatchObject({
      code: 'invalid_unit',
    });
  });

  test('listUnits puts parents before children and can return one subtree', async () => {
    const all = await kit.service.listUnits();
    const position = new Map(all.map((u, i) => [u.id, i]));
    for (const unit of all) {
      if (unit.parentId) expect(position.get(unit.parentId)).toBeLessThan(position.get(unit.id) ?? -1);
    }
    expect(await ids(kit.service.listUnits({ rootId: 'svc-b1' }))).toEqual([
      'svc-b1',
      'unit-b1x',
      'unit-b1y',
    ]);
    await expect(kit.service.listUnits({ rootId: 'ghost' })).rejects.toMatchObject({
      code: 'unit_not_found',
    });
  });

  test('search finds units by name in any language, by id and by OID, with their path', async () => {
    const [hit] = await kit.service.searchUnits('berghäll');
    expect(hit?.unit.id).toBe('unit-b1x');
    expect(hit?.path.map((p) => p.id)).toEqual(['root', 'area-b', 'svc-b1']);
    expect((await kit.service.searchUnits('1.2.246.10.1234567.10.2'))[0]?.unit.id).toBe('unit-b1y');
    expect(await kit.service.searchUnits('100%_')).toEqual([]);
  });

  test('two moves at the same time cannot create a cycle', async () => {
    const results = await Promise.allSettled([
      kit.service.moveUnit('area-a', 'svc-b1', TEST_CONTEXT),
      kit.service.moveUnit('area-b', 'svc-a1', TEST_CONTEXT),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await kit.storedClosure()).toEqual(await kit.expectedClosure());
  });
});

async function seedResponse(kit: OrganisationTestKit, unitId: string): Promise<void> {
  await sql`with s as (insert into surveys (slug) values ('test-survey') returning id),
      v as (insert into survey_versions (survey_id, version, definition) select id, 1, '{}'::jsonb from s returning id, survey_id)
    insert into responses (submission_id, survey_id, survey_version_id, unit_id, channel, language, answers,
      submitted_at, local_date)
    select gen_random_uuid(), v.survey_id, v.id, ${unitId}, 'web', 'fi', '{}'::jsonb, now(), current_date from v`.execute(
    kit.database.db,
  );
}
