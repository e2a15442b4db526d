import { describe, expect, it } from 'vitest';
import {
  helsinkiDate,
  helsinkiHour,
  helsinkiMidnight,
  helsinkiTime,
  isOverdue,
  replyDeadline,
} from './inbox.deadlines.ts';

describe('helsinkiDate and helsinkiMidnight', () => {
  it('starts the Helsinki day two hours before UTC in winter and three in summer', () => {
    expect(helsinkiMidnight('2026-01-15').toISOString()).toBe('2026-01-14T22:00:00.000Z');
    expect(helsinkiMidnight('2026-07-15').toISOString()).toBe('2026-07-14T21:00:00.000Z');
  });

  it('finds midnight on both sides of the DST changes', () => {
    expect(helsinkiMidnight('2026-03-29').toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(helsinkiMidnight('2026-03-30').toISOString()).toBe('2026-03-29T21:00:00.000Z');
    expect(helsinkiMidnight('2026-10-25').toISOString()).toBe('2026-10-24T21:00:00.000Z');
    expect(helsinkiMidnight('2026-10-26').toISOString()).toBe('2026-10-25T22:00:00.000Z');
  });

  it('finds 07:00 Helsinki time on the DST change days and reads the hour back', () => {
    expect(helsinkiTime('2026-03-29', 7).toISOString()).toBe('2026-03-29T04:00:00.000Z');
    expect(helsinkiTime('2026-10-25', 7).toISOString()).toBe('2026-10-25T05:00:00.000Z');
    expect(helsinkiHour(new Date('2026-03-29T04:00:00Z'))).toBe(7);
    expect(helsinkiHour(new Date('2026-10-25T05:00:00Z'))).toBe(7);
  });

  it('dates an instant late on a UTC evening to the next Helsinki day', () => {
    expect(helsinkiDate(new Date('2026-11-22T21:59:59Z'))).toBe('2026-11-22');
    expect(helsinkiDate(new Date('2026-11-22T22:00:00Z'))).toBe('2026-11-23');
    expect(helsinkiDate(new Date('2026-06-30T21:00:00Z'))).toBe('2026-07-01');
  });
});

describe('replyDeadline', () => {
  it('gives no deadline when no reply was asked for', () => {
    expect(
      replyDeadline({ type: 'complaint', replyRequested: false, receivedAt: new Date('2026-11-23T10:00Z') }),
    ).toBeNull();
  });

  it('gives five working days from the Helsinki date of receipt', () => {
    // 00:30 on Monday in Helsinki, still Sunday in UTC.
    const deadline = replyDeadline({
      type: 'question',
      replyRequested: true,
      receivedAt: new Date('2026-11-22T22:30:00Z'),
    });
    expect(deadline).toEqual({
      rule: 'reply_working_days',
      dueDate: '2026-11-30',
      dueAt: new Date('2026-11-30T22:00:00Z'),
    });
  });

  it('keeps the end of the due day at Helsinki midnight across the spring DST change', () => {
    const deadline = replyDeadline({
      type: 'complaint',
      replyRequested: true,
      receivedAt: new Date('2026-03-26T09:00:00Z'),
    });
    expect(deadline?.dueDate).toBe('2026-04-02');
    expect(deadline?.dueAt.toISOString()).toBe('2026-04-02T21:00:00.000Z');
  });

  it('keeps the end of the due day at Helsinki midnight across the autumn DST change', () => {
    const deadline = replyDeadline({
      type: 'idea',
      replyRequested: true,
      receivedAt: new Date('2026-10-21T09:00:00Z'),
    });
    expect(deadline?.dueDate).toBe('2026-10-28');
    expect(deadline?.dueAt.toISOString()).toBe('2026-10-28T22:00:00.000Z');
  });

  it('gives accessibility feedback fourteen calendar days, reply asked or not, over Christmas and New Year', () => {
    for (const replyRequested of [true, false]) {
      const deadline = replyDeadline({
        type: 'accessibility',
        replyRequested,
        receivedAt: new Date('2026-12-20T10:00:00Z'),
      });
      expect(deadline).toEqual({
        rule: 'accessibility_days',
        dueDate: '2027-01-03',
        dueAt: new Date('2027-01-03T22:00:00Z'),
      });
    }
  });
});

describe('isOverdue', () => {
  const dueAt = new Date('2026-11-30T22:00:00Z');
  it('is overdue from the due instant on, unless closed or without a deadline', () => {
    expect(isOverdue(dueAt, false, new Date('2026-11-30T21:59:59Z'))).toBe(false);
    expect(isOverdue(dueAt, false, new Date('2026-11-30T22:00:00Z'))).toBe(true);
    expect(isOverdue(dueAt, true, new Date('2026-12-30T22:00:00Z'))).toBe(false);
    expect(isOverdue(null, false, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
