import { describe, expect, test } from 'vitest';
import type { OrgUnit } from '../organisation/index.ts';
import type { VisitGroup } from './home-care.repository.ts';
import { buildReport } from './home-care.report.ts';

const unit = { id: 'hc', names: { fi: 'Kotihoito', sv: null, en: null } } as unknown as OrgUnit;
const group = (g: Partial<VisitGroup> & { visits: number }): VisitGroup => ({
  month: '2026-10',
  face: null,
  declined: false,
  onTime: null,
  affectedBy: null,
  ...g,
});
const report = (groups: VisitGroup[], minGroupSize = 5) =>
  buildReport({ unit, from: '2026-10-01', to: '2026-11-30', minGroupSize, groups });

describe('the home-care side-by-side report', () => {
  test("counts clients' faces and staff assessments apart and puts the good share next to punctuality", () => {
    const r = report([
      group({ face: 4, onTime: 'yes', affectedBy: 'nothing', visits: 12 }),
      group({ face: 3, onTime: 'yes', affectedBy: 'nothing', visits: 6 }),
      group({ face: 1, onTime: 'no', affectedBy: 'lack_of_time', visits: 5 }),
      group({ face: 4, onTime: 'no', affectedBy: 'timing', visits: 5 }),
      group({ declined: true, onTime: 'yes', affectedBy: 'nothing', visits: 7 }),
    ]);
    expect(r.visits).toEqual({ suppressed: false, n: 35 });
    expect(r.client.answered).toEqual({ suppressed: false, n: 28 });
    expect(r.client.declined).toEqual({ suppressed: false, n: 7 });
    // 23 good and 5 not: both parts are large enough to show the share.
    expect(r.client.good).toEqual({ suppressed: false, n: 28, share: 23 / 28 });
    expect(r.sideBySide.yes).toEqual({ suppressed: false, n: 18, share: 1 });
    expect(r.sideBySide.no).toEqual({ suppressed: false, n: 10, share: 0.5 });
    expect(r.staff.onTime.yes).toEqual({ suppressed: false, n: 25 });
    expect(r.staff.affectedBy.lack_of_time).toEqual({ suppressed: false, n: 5 });
  });

  test('a small group is hidden, and so is the next smallest, so it cannot be worked out from the total', () => {
    const r = report([
      group({ face: 4, onTime: 'yes', affectedBy: 'nothing', visits: 20 }),
      group({ face: 1, onTime: 'partly', affectedBy: 'timing', visits: 2 }),
      group({ face: 3, onTime: 'no', affectedBy: 'other', visits: 6 }),
    ]);
    expect(r.staff.onTime.partly).toEqual({ suppressed: true });
    expect(r.staff.onTime.no).toEqual({ suppressed: true });
    expect(r.staff.onTime.yes).toEqual({ suppressed: false, n: 20 });
    expect(r.client.faces[0]).toEqual({ suppressed: true });
    expect(r.sideBySide.partly).toEqual({ suppressed: true });
    expect(r.sideBySide.no).toEqual({ suppressed: true });
    // 26 of 28 good would give away the 2 unhappy clients: the share is hidden with the faces it sums.
    expect(r.client.good).toEqual({ suppressed: true });
    expect(JSON.stringify(r)).not.toMatch(/"n":2[,}]|"share":0\.92/);
  });

  test('fewer visits than the minimum group size in the whole period shows nothing but that fact', () => {
    const r = report([group({ face: 1, onTime: 'no', affectedBy: 'lack_of_time', visits: 4 })]);
    expect(r.visits).toEqual({ suppressed: true });
    expect(r.client.good).toEqual({ suppressed: true });
    expect(Object.values(r.staff.onTime).every((c) => c.suppressed)).toBe(true);
    expect(r.months[0]?.visits).toEqual({ suppressed: true });
  });

  test('no visits at all is an empty report, not a hidden one', () => {
    const r = report([]);
    expect(r.visits).toEqual({ suppressed: false, n: 0 });
    expect(r.months).toEqual([]);
  });
});
