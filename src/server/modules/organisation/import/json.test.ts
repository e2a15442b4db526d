import { describe, expect, test } from 'vitest';
import { parseJsonRecords } from './json.ts';

describe('JSON reader', () => {
  test('each element carries the line where it starts', () => {
    const text = '[\n  {"id": "a",\n   "name": "x ] { , \\" y"},\n\n  {"id": "b"}, 3,\n  null\n]';
    const { records, problems } = parseJsonRecords(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([2, 5, 5, 6]);
    expect(records[1]?.value).toEqual({ id: 'b' });
  });

  test('elements on one line all get line 1', () => {
    expect(parseJsonRecords('[{"id":"a"},{"id":"b"}]').records.map((r) => r.line)).toEqual([1, 1]);
  });

  test('broken JSON names the line of the fault', () => {
    const { problems } = parseJsonRecords('[\n {"id": "a"},\n {"id": "b",}\n]');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'invalid_json', line: 3 });
  });

  test('a top-level object is refused: the file must be an array', () => {
    expect(parseJsonRecords('\n{"id": "a"}').problems).toEqual([{ line: 2, code: 'json_not_array' }]);
  });

  test('a byte order mark is ignored', () => {
    expect(parseJsonRecords('\uFEFF[{"id":"a"}]').records).toHaveLength(1);
  });
});
