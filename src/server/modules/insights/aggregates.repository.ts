// Keeping the rollups: the catch-up after intake (pending ids → counts, exactly once) and the full rebuild.
// Both hold the insights advisory lock, as do the update/delete triggers in the migration, so they never miss
// each other's work. docs/adr/0007-aggregates.md explains why this shape.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { COUNT_COLUMNS } from './insights.repository.ts';

/** The same number as in the migration's triggers. */
export const INSIGHTS_LOCK = 7245030;

const KEYS = 'unit_id, day, survey_id, channel, language, respondent_type, age_group, question_id';

const SUMS = [-1, ...Array.from({ length: 11 }, (_, i) => i)]
  .map((v) => `count(*) filter (where v.value = ${v})`)
  .join(', ');
const UPDATE = COUNT_COLUMNS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ');

const REBUILD_DAY = `insert into insights_day as t (${KEYS}, ${COUNT_COLUMNS.join(', ')})
    select r.unit_id, r.local_date, r.survey_id, r.channel, r.language, coalesce(r.respondent_type, ''),
      coalesce(r.age_group, ''), v.question_id, ${SUMS}
    from responses r cross join lateral insights_answer_values(r.recommendation, r.answers) v
    where r.flag is null and r.local_date between $1::date and $2::date
    group by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (${KEYS}) do update set ${UPDATE}`;

const MONTH_KEYS = 'dim, unit_id, day, dim_value, survey_id, question_id';
const REBUILD_MONTH = `insert into insights_month as t (${MONTH_KEYS}, ${COUNT_COLUMNS.join(', ')})
    select d.dim, r.unit_id, date_trunc('month', r.local_date)::date, d.value, r.survey_id, v.question_id, ${SUMS}
    from responses r cross join lateral insights_answer_values(r.recommendation, r.answers) v
    cross join lateral (values ('', ''), ('channel', r.channel), ('language', r.language),
      ('respondent_type', coalesce(r.respondent_type, '')), ('age_group', coalesce(r.age_group, ''))) d(dim, value)
    where r.flag is null and r.local_date between $1::date and $2::date and (d.dim = '' or v.question_id = '')
    group by 1, 2, 3, 4, 5, 6
    on conflict (${MONTH_KEYS}) do update set ${UPDATE}`;

/** Folds a batch of pending responses into both rollups in one statement ($1 = batch size). */
const FOLD_PENDING = `
  with taken as (
    delete from insights_pending
    where ctid = any(array(select ctid from insights_pending limit $1))
    returning response_id
  ),
  facts as materialized (
    select r.unit_id, r.local_date, r.survey_id, r.channel, r.language,
      coalesce(r.respondent_type, '') as respondent_type, coalesce(r.age_group, '') as age_group,
      v.question_id, v.value
    from taken t
    join responses r on r.id = t.response_id
    cross join lateral insights_answer_values(r.recommendation, r.answers) v
    where r.flag is null
  ),
  day_rows as (
    insert into insights_day as t (${KEYS}, ${COUNT_COLUMNS.join(', ')})
    select unit_id, local_date, survey_id, channel, language, respondent_type, age_group, question_id, ${SUMS}
    from facts v group by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (${KEYS}) do update set ${UPDATE}
  ),
  month_rows as (
    insert into insights_month as t (${MONTH_KEYS}, ${COUNT_COLUMNS.join(', ')})
    select d.dim, v.unit_id, date_trunc('month', v.local_date)::date, d.value, v.survey_id, v.question_id, ${SUMS}
    from facts v
    cross join lateral (values ('', ''), ('channel', v.channel), ('language', v.language),
      ('respondent_type', v.respondent_type), ('age_group', v.age_group)) d(dim, value)
    where d.dim = '' or v.question_id = ''
    group by 1, 2, 3, 4, 5, 6
    on conflict (${MONTH_KEYS}) do update set ${UPDATE}
  )
  select count(*)::int as taken from taken`;

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
        // One statement: take a batch of pending ids, count their responses once (facts is materialised) and add
        // the counts to both rollups. No staging table on this hot path.
        const result = await trx.executeQuery<{ taken: number }>(CompiledQuery.raw(FOLD_PENDING, [limit]));
        return Number(result.rows[0]?.taken ?? 0);
      });
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
              await conn.executeQuery(CompiledQuery.raw(REBUILD_DAY, [month, to]));
              await conn.executeQuery(CompiledQuery.raw(REBUILD_MONTH, [month, to]));
              onProgress?.(++done, months.length);
            }
            await sql`commit`.execute(conn);
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
