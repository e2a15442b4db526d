import { describe, expect, test } from 'vitest';
import { helsinkiDate, helsinkiInstant } from '../../../shared/helsinki-time.ts';
import { nextInWindow, sendTimeFor, type SendWindow } from './send-window.ts';

// The default quiet hours: invitations go out between 12:00 and 20:00 Finnish time.
const window: SendWindow = { startHour: 12, endHour: 20 };

describe('Finnish time for quiet hours', () => {
  test('12:00 in Helsinki is 10:00 UTC in winter and 09:00 UTC in summer', () => {
    expect(helsinkiInstant(2026, 1, 15, 12).toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(helsinkiInstant(2026, 7, 15, 12).toISOString()).toBe('2026-07-15T09:00:00.000Z');
  });

  test('a day past the end of the month rolls over, also across the autumn clock change', () => {
    expect(helsinkiInstant(2026, 10, 32, 12).toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(helsinkiInstant(2026, 10, 25, 12).toISOString()).toBe('2026-10-25T10:00:00.000Z');
  });

  test('a visit late in the evening is invited the next day at 12:00, not the same night', () => {
    const visit = new Date('2026-03-10T21:30:00Z'); // 23:30 in Helsinki
    expect(sendTimeFor(visit, visit, window).toISOString()).toBe('2026-03-11T10:00:00.000Z');
  });

  test('a visit reported two days late is invited at once when inside the window, else at the next start', () => {
    const visit = new Date('2026-03-10T08:00:00Z');
    const afternoon = new Date('2026-03-12T13:00:00Z'); // 15:00 in Helsinki
    expect(sendTimeFor(visit, afternoon, window)).toEqual(afternoon);
    const night = new Date('2026-03-12T19:30:00Z'); // 21:30
    expect(sendTimeFor(visit, night, window).toISOString()).toBe('2026-03-13T10:00:00.000Z');
  });

  test('the window end is exclusive and the Helsinki day follows local midnight', () => {
    expect(nextInWindow(new Date('2026-03-12T18:00:00Z'), window).toISOString()).toBe(
      '2026-03-13T10:00:00.000Z',
    );
    expect(helsinkiDate(new Date('2026-03-12T22:30:00Z'))).toBe('2026-03-13');
  });
});
