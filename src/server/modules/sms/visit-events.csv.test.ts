import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { checkVisitEvents } from './visit-event.ts';
import { parseVisitEventsCsv } from './visit-events.csv.ts';

const HEADER = 'event_id,phone,visit_time,visit_type,unit,language,age,consent,non_disclosure';

function problemsOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  throw new Error('no error');
}

describe('CSV visit events', () => {
  test('rows become events; semicolons, quotes and Finnish yes/no words work', () => {
    const csv = `event_id;phone;visit_time;unit;language;age;consent;non_disclosure\r\nA1;"040 123 4567";2026-03-10T09:00:00+02:00;kallio;sv;40;kyllä;ei\r\n`;
    expect(parseVisitEventsCsv(csv).events[0]).toMatchObject({
      eventId: 'A1',
      phone: '040 123 4567',
      unit: 'kallio',
      language: 'sv',
      age: 40,
      consent: true,
      nonDisclosure: false,
    });
  });

  test('errors name the line in the file, counting a quoted line break', () => {
    const csv = [
      HEADER,
      'A1,0401234567,2026-03-10T09:00:00Z,"two\nlines",kallio,fi,40,1,0',
      'A2,0401234567,yesterday,x,kallio,fi,40,1,0',
      'A3,0401234567,2026-03-10T09:00:00Z,x,kallio,fi,forty,maybe,0',
    ].join('\n');
    expect(problemsOf(() => parseVisitEventsCsv(csv))).toEqual([
      { line: 5, field: 'age', code: 'invalid_age' },
      { line: 5, field: 'consent', code: 'invalid_boolean' },
    ]);
    const { events, lines } = parseVisitEventsCsv(csv.replace('forty,maybe', '40,1'));
    expect(lines).toEqual([2, 4, 5]);
    expect(problemsOf(() => checkVisitEvents(events, (i) => ({ line: lines[i] })))).toEqual([
      { line: 4, field: 'visitTime', code: 'invalid_visit_time' },
    ]);
  });

  test('a missing required column is reported on line 1', () => {
    expect(problemsOf(() => parseVisitEventsCsv('event_id,phone\nA1,040'))).toEqual([
      { line: 1, field: 'visit_time', code: 'missing_column' },
      { line: 1, field: 'unit', code: 'missing_column' },
    ]);
  });

  test('blank lines are skipped and an unterminated quote is reported on its line', () => {
    expect(parseVisitEventsCsv(`${HEADER}\n\n,,,,,,,,\n`).events).toEqual([]);
    expect(problemsOf(() => parseVisitEventsCsv(`${HEADER}\nA1,"040`))).toEqual([
      { line: 2, field: 'csv', code: 'csv_unterminated_quote' },
    ]);
  });
});
