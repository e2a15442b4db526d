import { describe, expect, it } from 'vitest';
import { nextDigestRun } from './inbox.jobs.ts';

describe('nextDigestRun', () => {
  it('is 07:00 Helsinki time today when that is still ahead, else tomorrow', () => {
    expect(nextDigestRun(new Date('2026-11-23T04:59:00Z')).toISOString()).toBe('2026-11-23T05:00:00.000Z');
    expect(nextDigestRun(new Date('2026-11-23T05:00:00Z')).toISOString()).toBe('2026-11-24T05:00:00.000Z');
  });

  it('follows the clock change: 07:00 is 04:00 UTC in summer', () => {
    expect(nextDigestRun(new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T04:00:00.000Z');
  });
});
