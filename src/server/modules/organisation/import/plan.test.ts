import { describe, expect, test } from 'vitest';
import type { OrgUnit, UnitImportRow } from '../index.ts';
import { planImport } from './plan.ts';

function unit(id: string, parentId: string | null, extra: Partial<OrgUnit> = {}): OrgUnit {
  return {
    id,
    parentId,
    type: 'unit',
    names: { fi: id, sv: null, en: null },
    oid: null,
    validFrom: null,
    validTo: null,
    mergedIntoId: null,
    ...extra,
  };
}

function row(
  line: number,
  id: string,
  parentId: string | null,
  extra: Partial<UnitImportRow> = {},
): UnitImportRow {
  return { line, id, parentId, type: 'unit', nameFi: id, ...extra };
}

const EXISTING = [
  unit('root', null),
  unit('a', 'root', { oid: '1.2.3' }),
  unit('b', 'root', { oid: '1.2.4', names: { fi: 'b', sv: 'b sv', en: null } }),
  unit('a1', 'a'),
];
const codes = (problems: { line: number; code: string }[]) => problems.map((p) => `${p.line}:${p.code}`);

describe('import plan', () => {
  test('rows are classified as create, update, move, close or unchanged', () => {
    const plan = planImport(
      [
        row(2, 'new', 'a'),
        row(3, 'a', 'root', { nameFi: 'renamed' }),
        row(4, 'a1', 'b'),
        row(5, 'b', 'root', { validTo: '2026-01-31' }),
        row(6, 'root', null),
      ],
      EXISTING,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.changes.map((c) => `${c.unitId}:${c.kind}`)).toEqual([
      'new:create',
      'a:update',
      'a1:move',
      'b:close',
      'root:unchanged',
    ]);
    expect(plan.changes[1]?.diff).toEqual({ name_fi: { from: 'a', to: 'renamed' } });
    expect(plan.changes[2]?.fields).toEqual(['parent_id']);
  });

  test('fields absent from the file keep their values; empty ones clear them', () => {
    const kept = planImport([row(2, 'b', 'root', { nameFi: 'b' })], EXISTING);
    expect(kept.changes[0]?.kind).toBe('unchanged');
    const cleared = planImport([row(2, 'b', 'root', { nameFi: 'b', nameSv: null, oid: null })], EXISTING);
    expect(cleared.changes[0]?.fields).toEqual(['name_sv', 'oid']);
  });

  test('parents are written before children whatever the order of rows', () => {
    const plan = planImport([row(2, 'c3', 'c2'), row(3, 'c2', 'c1'), row(4, 'c1', 'root')], EXISTING);
    expect(plan.creates.map((w) => w.after.id)).toEqual(['c1', 'c2', 'c3']);
  });

  test('duplicate ids, unknown parents and duplicate OIDs are reported on their lines', () => {
    const plan = planImport(
      [
        row(2, 'x', 'root', { oid: '9.9' }),
        row(3, 'x', 'root'),
        row(4, 'y', 'ghost'),
        row(5, 'z', 'root', { oid: '9.9' }),
        row(6, 'w', 'root', { oid: '1.2.3' }),
      ],
      EXISTING,
    );
    expect(codes(plan.problems)).toEqual([
      '3:duplicate_id',
      '4:parent_not_found',
      '5:duplicate_oid_in_file',
      '6:duplicate_oid',
    ]);
    expect(plan.problems[0]?.params).toMatchObject({ firstLine: 2 });
    expect(plan.problems[3]?.params).toMatchObject({ id: 'a' });
  });

  test('two units may swap their OIDs in one file', () => {
    const plan = planImport(
      [row(2, 'a', 'root', { oid: '1.2.4' }), row(3, 'b', 'root', { oid: '1.2.3' })],
      EXISTING,
    );
    expect(plan.problems).toEqual([]);
  });

  test('cycles are found through the file and the database alike', () => {
    const plan = planImport(
      [row(2, 'a', 'a1'), row(7, 'self', 'self'), row(8, 'p', 'q'), row(9, 'q', 'p')],
      EXISTING,
    );
    expect(codes(plan.problems)).toEqual(['2:cycle', '7:cycle', '8:cycle', '9:cycle']);
    expect(plan.problems[0]?.params?.path).toBe('a → a1 → a');
  });

  test('the last day may not come before the first, counting kept values', () => {
    const existing = [...EXISTING, unit('dated', 'root', { validFrom: '2025-01-01' })];
    const plan = planImport([row(2, 'dated', 'root', { validTo: '2024-12-31' })], existing);
    expect(codes(plan.problems)).toEqual(['2:invalid_date_range']);
  });

  test('a merged unit cannot be moved or reopened by a file, nor can units go under it', () => {
    const existing = [...EXISTING, unit('gone', 'b', { mergedIntoId: 'b', validTo: '2025-01-01' })];
    const plan = planImport(
      [row(2, 'gone', 'a', { validTo: '2025-01-01' }), row(3, 'kid', 'gone'), row(4, 'gone2', 'root')],
      existing,
    );
    expect(codes(plan.problems)).toEqual(['2:unit_merged', '3:parent_merged']);
  });

  test('rows outside the importing person subtree are refused, both where a unit is and where it would go', () => {
    const inA = (ids: readonly string[]) => ids.includes('a');
    const plan = planImport(
      [
        row(2, 'a1', 'a', { nameFi: 'ok' }),
        row(3, 'n', 'a'),
        row(4, 'a1x', 'b'),
        row(5, 'b', 'root', { nameFi: 'no' }),
        row(6, 'root', null),
      ],
      EXISTING,
      { canChange: inA },
    );
    expect(codes(plan.problems)).toEqual(['4:forbidden_unit', '5:forbidden_unit']);
    const moveOut = planImport([row(2, 'a1', 'b')], EXISTING, { canChange: inA });
    expect(codes(moveOut.problems)).toEqual(['2:forbidden_unit']);
  });
});
