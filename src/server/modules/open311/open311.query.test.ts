import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { parseRequestsQuery, parseTime } from './open311.query.ts';

describe('Open311 query parameters', () => {
  test('a date is a whole day in Finland, in winter and in summer time', () => {
    expect(parseTime('start_date', '2026-03-10', false)?.toISOString()).toBe('2026-03-09T22:00:00.000Z');
    expect(parseTime('end_date', '2026-03-10', true)?.toISOString()).toBe('2026-03-10T21:59:59.999Z');
    expect(parseTime('start_date', '2026-07-01', false)?.toISOString()).toBe('2026-06-30T21:00:00.000Z');
    // The day summer time begins (29 March 2026) is 23 hours long.
    expect(parseTime('end_date', '2026-03-29', true)?.toISOString()).toBe('2026-03-29T20:59:59.999Z');
  });

  test('a date-time needs a zone; impossible dates are refused', () => {
    expect(parseTime('updated_after', '2026-03-10T12:00:00+02:00', false)?.toISOString()).toBe(
      '2026-03-10T10:00:00.000Z',
    );
    for (const bad of ['2026-02-30', '2026-03-10T12:00:00', 'yesterday', '10.3.2026'])
      expect(() => parseTime('start_date', bad, false)).toThrow(ValidationError);
  });

  test('maps open and closed to handling statuses and service codes to types', () => {
    expect(parseRequestsQuery({ status: 'open', service_code: '101, 105,999' })).toEqual({
      limit: 200,
      statuses: ['received', 'allocated', 'handling'],
      types: ['praise', 'accessibility'],
    });
    expect(parseRequestsQuery({ status: 'closed' }).statuses).toEqual(['done', 'duplicate', 'rejected']);
  });

  test('a point without a radius searches one kilometre around it', () => {
    expect(parseRequestsQuery({ lat: '60.17', long: '24.94' }).near).toEqual({
      lat: 60.17,
      long: 24.94,
      radiusMetres: 1000,
    });
    expect(() => parseRequestsQuery({ lat: '60.17', long: '24.94', radius: '1e9' })).toThrow(ValidationError);
    expect(() => parseRequestsQuery({ lat: '95', long: '24' })).toThrow(ValidationError);
  });
});
