// Keeping the rollups: the catch-up after intake (pending ids → counts, exactly once) and the full rebuild.
// Both hold the insights advisory lock, as do the update/delete triggers in the migration, so they never miss
// each other's work. docs/adr/0007-aggregates.md and 0008-compact-aggregates.md explain why this shape.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The same number as in the migration's triggers. */
export const INSIGHTS_LOCK = 7245030;

function addMonth(month: string): string {
  const date = new Date(`${month}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

export function createAggregatesRepository(db: Kysely<DB>) {
  return {
    /** Folds up to `limit` pending responses in one transaction; returns how many pending ids it consumed. */
    async foldPending(limit: number): Promise<number> {
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${INSIGHTS_LOCK})`.execute(trx);
        // Its GROUP BYs over a batch's answers would spill at the default work_mem.
        await sql`set local work_mem = '64MB'`.execute(trx);
        // One statement (insights_fold_pending in the migration): take a batch of pending ids, expand their
        // responses once, group by each rollup's key and upsert. No staging table on this hot path.
        const result = await sql<{ taken: number }>`select insights_fold_pending(${limit}) as taken`.execute(
          trx,
        );
        return Number(result.rows[0]?.taken ?? 0);
      });
    },

    /**
     * Re-sums the subtree rollup from the unit rows when a tree change has marked it stale (reads add up unit
     * rows meanwhile). Returns whether it had to.
     */
    async resumTreeIfStale(): Promise<boolean> {
      const stale = await sql<{
        stale: boolean;
      }>`select exists (select 1 from insights_tree_dirty) as stale`.execute(db);
      if (!stale.rows[0]?.stale) return false;
      await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${INSIGHTS_LOCK})`.execute(trx);
        await sql`select insights_resum_tree()`.execute(trx);
      });
      return true;
    },

    async pendingCount(): Promise<number> {
      const row = await sql<{ n: number }>`select count(*)::int as n from insights_pending`.execute(db);
      return Number(row.rows[0]?.n ?? 0);
    },

    /**
     * Recomputes both rollups from the responses, month by month, in one REPEATABLE READ transaction under the
     * session lock: responses committed after its snapshot stay pending and are folded in afterwards.
     */
    async rebuild(onProgress?: (done: number, total: number) => void): Promise<{ responses: number }> {
      return db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(${INSIGHTS_LOCK})`.execute(conn);
        try {
          await sql`begin isolation level repeatable read`.execute(conn);
          try {
            const range = await sql<{ first: string | null; last: string | null; n: number }>`
              select to_char(min(local_date), 'YYYY-MM-01') as first, to_char(max(local_date), 'YYYY-MM-01') as last,
                count(*)::int as n
              from responses where flag is null`.execute(conn);
            const { first, last, n } = range.rows[0] ?? { first: null, last: null, n: 0 };
            // Set-based GROUP BYs over a month of responses: let them hash in memory rather than spill.
            await sql`set local work_mem = '64MB'`.execute(conn);
            await sql`delete from insights_pending`.execute(conn);
            await sql`delete from insights_delta`.execute(conn);
            await sql`delete from insights_day`.execute(conn);
            await sql`delete from insights_month`.execute(conn);
            const months: string[] = [];
            if (first && last) for (let m = first; m <= last; m = addMonth(m)) months.push(m);
            let done = 0;
            onProgress?.(0, months.length);
            for (const month of months) {
              const end = new Date(`${addMonth(month)}T00:00:00Z`);
              end.setUTCDate(end.getUTCDate() - 1);
              const to = end.toISOString().slice(0, 10);
              await sql`select insights_rebuild_range(${month}::date, ${to}::date)`.execute(conn);
              onProgress?.(++done, months.length);
            }
            await sql`select insights_resum_tree()`.execute(conn);
            await sql`commit`.execute(conn);
            // Every rollup row is new: fresh statistics keep the planner on the primary keys.
            await sql`analyze insights_day`.execute(conn);
            await sql`analyze insights_month`.execute(conn);
            await sql`analyze insights_tree_month`.execute(conn);
            return { responses: Number(n) };
          } catch (error) {
            await sql`rollback`.execute(conn);
            throw error;
          }
        } finally {
          await sql`select pg_advisory_unlock(${INSIGHTS_LOCK})`.execute(conn);
        }
      });
    },
  };
}

export type AggregatesRepository = ReturnType<typeof createAggregatesRepository>;
