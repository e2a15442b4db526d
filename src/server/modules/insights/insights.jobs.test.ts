import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../../db/testing.ts';
import { openInsightsKit, type InsightsKit } from './insights.testing.ts';
import { ALERTS_JOB, FOLD_JOB, nextMorning } from './insights.jobs.ts';

describe.each(testEngines())('insights jobs on %s', (engine) => {
  let kit: InsightsKit;
  beforeAll(async () => {
    kit = await openInsightsKit(engine);
    kit.insights.registerJobs();
    await kit.addUnit('root', null, 'division');
  }, 60_000);
  afterAll(() => kit?.close());

  const waiting = async (name: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from jobs where name = ${name} and done_at is null`.execute(kit.db)
    ).rows[0]?.n;

  test('the fold job (armed by the migration) folds pending responses and arms its next run', async () => {
    await kit.insert(
      Array.from({ length: 12 }, () => ({ unitId: 'root', localDate: '2026-03-03', recommendation: 9 })),
    );
    expect(await kit.insights.aggregates.pending()).toBe(12);
    await sql`update jobs set run_at = now() - interval '1 second' where done_at is null`.execute(kit.db);
    await kit.jobs.runDue();
    expect(await kit.insights.aggregates.pending()).toBe(0);
    expect(await waiting(FOLD_JOB)).toBe(1);
    expect(await waiting(ALERTS_JOB)).toBe(1);
    const next = await sql<{ run_at: Date }>`
      select run_at from jobs where name = ${FOLD_JOB} and done_at is null`.execute(kit.db);
    expect(new Date(next.rows[0]!.run_at).getTime()).toBeGreaterThan(Date.now());
  });

  test('the daily alert run is at the next 05:00 UTC', () => {
    expect(nextMorning(new Date('2026-03-03T04:00:00Z')).toISOString()).toBe('2026-03-03T05:00:00.000Z');
    expect(nextMorning(new Date('2026-03-03T05:00:00Z')).toISOString()).toBe('2026-03-04T05:00:00.000Z');
  });
});
