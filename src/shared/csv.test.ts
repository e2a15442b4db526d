import { describe, expect, test } from 'vitest';
import { detectSeparator, parseCsv } from './csv.ts';

describe('CSV reader', () => {
  test('quoted fields keep separators, doubled quotes and line breaks', () => {
    const { records, problems } = parseCsv('a,b,c\n"x, y","say ""hi""","two\nlines"\nlast,row,here\n');
    expect(problems).toEqual([]);
    expect(records.map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['last', 'row', 'here'],
    ]);
  });

  test('each record carries the physical line where it starts', () => {
    const { records } = parseCsv('h1,h2\r\n"multi\r\nline",1\r\n\r\nnext,2\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  test('a byte order mark and a lone CR are handled', () => {
    const { records } = parseCsv('\uFEFFid,name\rone,Yksi\r');
    expect(records.map((r) => r.cells)).toEqual([
      ['id', 'name'],
      ['one', 'Yksi'],
    ]);
  });

  test('Excel semicolon files are recognised from the header line', () => {
    expect(detectSeparator('id;parent_id;name_fi\nx;;"a,b"')).toBe(';');
    expect(detectSeparator('id,parent_id,name_fi\nx,,"a;b;c"')).toBe(',');
    expect(detectSeparator('id\tparent_id\tname_fi')).toBe('\t');
    expect(parseCsv('id;name\nx;"Kallio, Helsinki"').records[1]?.cells).toEqual(['x', 'Kallio, Helsinki']);
  });

  test('a quote left open is reported at the line where its record starts', () => {
    const { problems } = parseCsv('id,name\nok,fine\nbad,"never closed\nmore\n');
    expect(problems).toEqual([{ line: 3, code: 'csv_unterminated_quote' }]);
  });

  test('a last line without a line break is still a record', () => {
    expect(parseCsv('a,b\n1,2').records).toHaveLength(2);
    expect(parseCsv('a,b\n1,""').records[1]?.cells).toEqual(['1', '']);
  });
});
