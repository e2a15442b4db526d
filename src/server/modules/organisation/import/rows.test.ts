import { describe, expect, test } from 'vitest';
import { rowsFromCsv, rowsFromJson } from './rows.ts';

const HEADER = 'id,parent_id,type,name_fi,name_sv,name_en,oid,valid_from,valid_to';
const codes = (problems: { line: number; field?: string; code: string }[]) =>
  problems.map((p) => `${p.line}:${p.field ?? ''}:${p.code}`);

describe('import rows from CSV', () => {
  test('a valid row becomes an import row with its line', () => {
    const { rows, problems } = rowsFromCsv(
      `${HEADER}\nu1,root,unit,Yksikkö,Enhet,Unit,1.2.246.10.1.10.0,1.3.2024,2025-12-31`,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        id: 'u1',
        parentId: 'root',
        type: 'unit',
        nameFi: 'Yksikkö',
        nameSv: 'Enhet',
        nameEn: 'Unit',
        oid: '1.2.246.10.1.10.0',
        validFrom: '2024-03-01',
        validTo: '2025-12-31',
      },
    ]);
  });

  test('every field problem is reported with its line and field', () => {
    const content = [
      HEADER,
      ',root,unit,Nimi,,,,,',
      'bad id,root,unit,Nimi,,,,,',
      'u3,root,kiosk,Nimi,,,,,',
      'u4,root,unit,,,,,,',
      'u5,root,unit,Nimi,,,1.02.3,,',
      'u6,root,unit,Nimi,,,12,,',
      'u7,root,unit,Nimi,,,,2024-02-30,',
      'u8,root,unit,Nimi,,,,,31.12.24',
      'u9,root,,Nimi,,,,,',
      `u10,root,unit,${'x'.repeat(301)},,,,,`,
      'u11,-bad,unit,Nimi,,,,,',
    ].join('\n');
    expect(codes(rowsFromCsv(content).problems)).toEqual([
      '2:id:missing_id',
      '3:id:invalid_id',
      '4:type:unknown_type',
      '5:name_fi:missing_name_fi',
      '6:oid:invalid_oid',
      '7:oid:invalid_oid',
      '8:valid_from:invalid_date',
      '9:valid_to:invalid_date',
      '10:type:missing_type',
      '11:name_fi:too_long',
      '12:parent_id:invalid_id',
    ]);
  });

  test('header problems stop before any row is read', () => {
    const { rows, problems } = rowsFromCsv('id,type,name_fi,colour\nu1,unit,Nimi,red');
    expect(rows).toEqual([]);
    expect(codes(problems)).toEqual(['1:colour:unknown_column', '1:parent_id:missing_column']);
    expect(codes(rowsFromCsv('id,id,parent_id,type,name_fi\n').problems)).toEqual(['1:id:duplicate_column']);
    expect(codes(rowsFromCsv('').problems)).toEqual(['1::empty_file']);
  });

  test('surplus cells are an error, missing trailing cells are empty', () => {
    const { rows, problems } = rowsFromCsv(
      `${HEADER}\nu1,,unit,Nimi\nu2,,unit,Nimi,,,,,,surplus\nu3,,unit,Nimi,,,,,,`,
    );
    expect(rows.map((r) => r.id)).toEqual(['u1', 'u3']);
    expect(problems).toEqual([{ line: 3, code: 'csv_column_count', params: { expected: 9, actual: 10 } }]);
  });

  test('a column left out of the file is undefined, an empty cell is null', () => {
    const [row] = rowsFromCsv('id;parent_id;type;name_fi;oid\nu1;;unit;Nimi;').rows;
    expect(row).toEqual({ line: 2, id: 'u1', parentId: null, type: 'unit', nameFi: 'Nimi', oid: null });
  });

  test('column names may be camelCase or spaced and types may use hyphens', () => {
    const { rows, problems } = rowsFromCsv('ID,Parent ID,type,nameFi\nu1,,Service-Area,Alue');
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ id: 'u1', type: 'service_area', nameFi: 'Alue' });
  });
});

describe('import rows from JSON', () => {
  test('snake_case, camelCase and a names object are all accepted', () => {
    const content = JSON.stringify(
      [
        { id: 'a', parent_id: null, type: 'division', name_fi: 'A' },
        { id: 'b', parentId: 'a', type: 'unit', nameFi: 'B', nameSv: 'B sv', validFrom: '2024-01-01' },
        {
          id: 'c',
          parentId: 'a',
          type: 'unit',
          names: { fi: 'C', sv: null, en: 'C en' },
          mergedIntoId: null,
        },
      ],
      null,
      2,
    );
    const { rows, problems } = rowsFromJson(content);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 8, 16]);
    expect(rows[1]).toEqual({
      line: 8,
      id: 'b',
      parentId: 'a',
      type: 'unit',
      nameFi: 'B',
      nameSv: 'B sv',
      validFrom: '2024-01-01',
    });
    expect(rows[2]).toMatchObject({ nameFi: 'C', nameSv: null, nameEn: 'C en' });
  });

  test('problems name the line where the object starts', () => {
    const content =
      '[\n{"id": "a", "type": "unit", "name_fi": "A"},\n"text",\n{"id": "c", "type": "unit",\n "name_fi": 5, "colour": "red"}\n]';
    expect(codes(rowsFromJson(content).problems)).toEqual([
      '3::json_not_object',
      '4:name_fi:invalid_value',
      '4:colour:unknown_field',
      '4:name_fi:missing_name_fi',
    ]);
  });

  test('a numeric id is read as text', () => {
    expect(
      rowsFromJson('[{"id": 1001, "parent_id": 10, "type": "unit", "name_fi": "X"}]').rows[0],
    ).toMatchObject({
      id: '1001',
      parentId: '10',
    });
  });
});
