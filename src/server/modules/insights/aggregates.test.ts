import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../../db/testing.ts';
import { openInsightsKit, type InsightsKit, type TestResponse } from './insights.testing.ts';
import type { RawCell } from './index.ts';
import { createInsightsRepository, type GroupedRow } from './insights.repository.ts';

/** Grouped rows in a stable order, without groups whose counts all came back to zero. */
function comparable(rows: GroupedRow[]) {
  return rows
    .filter((r) => r.counts.nx + r.counts.values.reduce((a, b) => a + b, 0) > 0)
    .map((r) => JSON.stringify([r.keys, r.questionId, r.counts]))
    .sort();
}

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const STATEMENTS = ['smooth', 'timely', 'respect', 'safe'];
const CHANNELS = ['web', 'qr', 'kiosk', 'sms'];

/** The same cells computed straight from the responses table and the current closure, without the rollups. */
type Grouping = 'none' | 'channel' | 'channel+respondentType';

async function rawCells(
  kit: InsightsKit,
  unitId: string,
  from: string,
  to: string,
  grouping: Grouping = 'channel',
  channels?: string[],
): Promise<RawCell[]> {
  const subtree = new Set(
    (
      await kit.db
        .selectFrom('org_unit_closure')
        .select('descendant_id')
        .where('ancestor_id', '=', unitId)
        .execute()
    ).map((r) => r.descendant_id),
  );
  const rows = await kit.db
    .selectFrom('responses')
    .select(['unit_id', 'local_date', 'channel', 'respondent_type', 'recommendation', 'answers', 'flag'])
    .execute();
  const cells = new Map<string, RawCell>();
  for (const row of rows) {
    if (row.flag !== null || !subtree.has(row.unit_id) || row.local_date < from || row.local_date > to)
      continue;
    if (channels && !channels.includes(row.channel)) continue;
    const keys: RawCell['keys'] =
      grouping === 'none'
        ? {}
        : grouping === 'channel'
          ? { channel: row.channel }
          : { channel: row.channel, respondentType: row.respondent_type ?? 'unknown' };
    const mapKey = JSON.stringify([
      keys.channel ?? '',
      grouping === 'channel+respondentType' ? (row.respondent_type ?? '') : '',
    ]);
    let cell = cells.get(mapKey);
    if (!cell) {
      cell = { keys, responses: 0, recommendation: Array(11).fill(0), questions: {} };
      cells.set(mapKey, cell);
    }
    cell.responses++;
    if (row.recommendation !== null)
      cell.recommendation[row.recommendation] = (cell.recommendation[row.recommendation] ?? 0) + 1;
    for (const [question, value] of Object.entries(row.answers)) {
      if (question === 'recommendation') continue;
      const key = typeof value === 'number' ? String(value) : value === 'cant_say' ? 'cant_say' : null;
      if (key === null) continue;
      const q = (cell.questions[question] ??= {});
      q[key] = (q[key] ?? 0) + 1;
    }
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, cell]) => cell);
}

describe.each(testEngines())('aggregates on %s', (engine) => {
  let kit: InsightsKit;
  const units = ['root', 'a', 'b', 'a1', 'a2', 'b1', 'b2', 'a1x'];

  beforeAll(async () => {
    kit = await openInsightsKit(engine);
    await kit.addUnit('root', null, 'division');
    await kit.addUnit('a', 'root', 'service_area');
    await kit.addUnit('b', 'root', 'service_area');
    await kit.addUnit('a1', 'a', 'service');
    await kit.addUnit('a2', 'a', 'service');
    await kit.addUnit('b1', 'b', 'service');
    await kit.addUnit('b2', 'b', 'service');
    await kit.addUnit('a1x', 'a1', 'unit');
  }, 60_000);
  afterAll(() => kit?.close());

  function randomResponse(next: () => number): TestResponse {
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 4);
    const statements: Record<string, number | 'cant_say'> = {};
    for (const id of STATEMENTS) {
      const r = next();
      if (r < 0.15) continue;
      statements[id] = r < 0.25 ? 'cant_say' : 1 + Math.floor(next() * 5);
    }
    return {
      unitId: units[Math.floor(next() * units.length)]!,
      localDate: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      channel: CHANNELS[Math.floor(next() * CHANNELS.length)]!,
      recommendation: next() < 0.1 ? null : Math.floor(next() * 11),
      statements,
      flag: next() < 0.05 ? 'repeat' : null,
      respondentType: next() < 0.5 ? 'client' : null,
    };
  }

  /** Per-unit rows summed under the child of `unitId` each lies in (null: the unit itself), by the tree now. */
  async function childSums(unitId: string, rows: GroupedRow[]): Promise<GroupedRow[]> {
    const tree = await kit.db
      .selectFrom('org_unit_closure as c')
      .innerJoin('org_units as u', 'u.id', 'c.ancestor_id')
      .select(['c.descendant_id', 'c.ancestor_id'])
      .where('u.parent_id', '=', unitId)
      .execute();
    const childOf = new Map(tree.map((r) => [r.descendant_id, r.ancestor_id]));
    const sums = new Map<string, GroupedRow>();
    for (const row of rows) {
      const child = row.keys.unit_id === unitId ? null : (childOf.get(row.keys.unit_id ?? '') ?? null);
      const key = `${child}\u0000${row.questionId}`;
      const sum = sums.get(key) ?? {
        keys: { child },
        questionId: row.questionId,
        counts: { nx: 0, values: Array(11).fill(0) },
      };
      sum.counts.nx += row.counts.nx;
      row.counts.values.forEach((v, i) => (sum.counts.values[i] += v));
      sums.set(key, sum);
    }
    return [...sums.values()];
  }

  async function expectExact(label: string, next: () => number) {
    await kit.insights.aggregates.catchUp({ maxResponses: 1_000_000 });
    // The catch-up re-summed the subtrees after any tree change, so the reads below use the pre-summed rows.
    const stale = await sql<{ n: number }>`select count(*)::int as n from insights_tree_dirty`.execute(
      kit.db,
    );
    expect(stale.rows[0]?.n, label).toBe(0);
    const periods: [string, string][] = [
      ['2026-01-01', '2026-04-30'],
      ['2026-01-15', '2026-03-10'],
      [`2026-02-${String(1 + Math.floor(next() * 27)).padStart(2, '0')}`, '2026-02-28'],
    ];
    for (const unitId of units) {
      for (const [from, to] of periods) {
        // No dimension (the '' month and day rollups), one (its month slice; raw responses for edge days), two
        // (raw responses), and a filter alone (its slice, statements included) or with a grouping (raw).
        const scope = { unitId, from, to };
        const where = `${label}: ${unitId} ${from}…${to}`;
        expect(await kit.insights.service.cells(scope, []), where).toEqual(
          await rawCells(kit, unitId, from, to, 'none'),
        );
        expect(await kit.insights.service.cells(scope, ['channel']), where).toEqual(
          await rawCells(kit, unitId, from, to, 'channel'),
        );
        expect(await kit.insights.service.cells(scope, ['channel', 'respondentType']), where).toEqual(
          await rawCells(kit, unitId, from, to, 'channel+respondentType'),
        );
        // The day rollup (weeks read every day from it) agrees with the month path checked above.
        const repo = createInsightsRepository(kit.db);
        const read = { unitId, from, to, filters: {} };
        expect(comparable(await repo.grouped({ ...read, dailyOnly: true }, ['survey_id'])), where).toEqual(
          comparable(await repo.grouped(read, ['survey_id'])),
        );
        // Grouped by child (subtree sums of each child), exactly what the unit rows add up to under each child.
        const byChild = await childSums(unitId, await repo.grouped(read, ['unit_id']));
        expect(comparable(await repo.grouped(read, ['child'])), where).toEqual(comparable(byChild));
        const filtered = { ...scope, filters: { channels: ['web', 'kiosk'] } };
        expect(await kit.insights.service.cells(filtered, []), where).toEqual(
          await rawCells(kit, unitId, from, to, 'none', ['web', 'kiosk']),
        );
        expect(await kit.insights.service.cells(filtered, ['channel', 'respondentType']), where).toEqual(
          await rawCells(kit, unitId, from, to, 'channel+respondentType', ['web', 'kiosk']),
        );
      }
    }
  }

  test('after random inserts, flags, erasures, tree moves, merges and rebuilds the aggregates equal a raw recount', async () => {
    const next = random(7);
    const ids: string[] = [];
    for (let round = 0; round < 6; round++) {
      ids.push(
        ...(await kit.insert(
          Array.from({ length: 60 + Math.floor(next() * 80) }, () => randomResponse(next)),
        )),
      );
      // Fold only part, then change rows both folded and still pending: each must be counted exactly once.
      await kit.insights.aggregates.catchUp({ maxResponses: Math.floor(next() * 100) });
      const pick = () => ids[Math.floor(next() * ids.length)]!;
      await kit.db
        .updateTable('responses')
        .set({ flag: 'test' })
        .where('id', 'in', [pick(), pick(), pick()])
        .execute();
      await kit.db.updateTable('responses').set({ flag: null }).where('id', 'in', [pick(), pick()]).execute();
      await kit.db
        .updateTable('responses')
        .set({ answers: JSON.stringify({ smooth: 5, timely: 'cant_say' }), recommendation: 10 })
        .where('id', '=', pick())
        .execute();
      const erased = pick();
      await kit.db.deleteFrom('responses').where('id', '=', erased).execute();
      ids.splice(ids.indexOf(erased), 1);
      if (round === 1) await kit.organisation.moveUnit('a1', 'b', { actorId: null, source: 'test' });
      if (round === 2) await kit.organisation.moveUnit('b2', 'a1', { actorId: null, source: 'test' });
      if (round === 3) await kit.organisation.mergeUnit('a2', 'b1', { actorId: null, source: 'test' });
      if (round === 4) await kit.insights.aggregates.rebuild();
      await expectExact(`round ${round}`, next);
    }
  }, 180_000);

  test('a moved unit takes its own history along and leaves its old parent without it', async () => {
    await kit.addUnit('mover', 'a', 'unit');
    await kit.insert(
      Array.from({ length: 7 }, () => ({ unitId: 'mover', localDate: '2026-05-10', recommendation: 10 })),
    );
    await kit.insights.aggregates.catchUp();
    const count = async (unitId: string) =>
      (await kit.insights.service.cells({ unitId, from: '2026-05-01', to: '2026-05-31' }, [])).reduce(
        (sum, c) => sum + c.responses,
        0,
      );
    expect(await count('a')).toBe(7);
    await kit.organisation.moveUnit('mover', 'b', { actorId: null, source: 'test' });
    expect(await count('a')).toBe(0);
    expect(await count('b')).toBe(7);
    const cells = await kit.insights.service.cells({ unitId: 'b', from: '2026-05-01', to: '2026-05-31' }, [
      'unit',
    ]);
    expect(cells.map((c) => c.keys.unit)).toEqual(['mover']);
  });

  test('aggregators running at the same time count every response exactly once', async () => {
    await kit.insert(
      Array.from({ length: 400 }, (_, i) => ({
        unitId: 'b2',
        localDate: '2026-07-05',
        recommendation: i % 11,
      })),
    );
    const folded = await Promise.all(
      [1, 2, 3, 4].map(() => kit.insights.aggregates.catchUp({ maxResponses: 150 })),
    );
    expect(folded.reduce((a, b) => a + b, 0)).toBe(400);
    expect(
      await kit.insights.service.cells({ unitId: 'b2', from: '2026-07-01', to: '2026-07-31' }, []),
    ).toEqual(await rawCells(kit, 'b2', '2026-07-01', '2026-07-31', 'none'));
  });

  test('a rebuild while responses arrive counts each of them exactly once', async () => {
    const before = await kit.insert(
      Array.from({ length: 50 }, () => ({ unitId: 'b1', localDate: '2026-06-02', recommendation: 9 })),
    );
    const [rebuilt] = await Promise.all([
      kit.insights.aggregates.rebuild(),
      kit.insert(
        Array.from({ length: 30 }, () => ({ unitId: 'b1', localDate: '2026-06-03', recommendation: 0 })),
      ),
    ]);
    expect(rebuilt.responses).toBeGreaterThan(0);
    await kit.insights.aggregates.catchUp();
    const cells = await kit.insights.service.cells(
      { unitId: 'b1', from: '2026-06-01', to: '2026-06-30' },
      [],
    );
    expect(cells[0]?.responses).toBe(before.length + 30);
    expect(await kit.insights.aggregates.pending()).toBe(0);
    const leftovers = await sql<{ n: number }>`select count(*)::int as n from insights_delta`.execute(kit.db);
    expect(leftovers.rows[0]?.n).toBe(0);
  });
});
