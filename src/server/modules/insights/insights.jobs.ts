// The two background jobs. Each re-arms itself (the migration inserts the first run), so no shared scheduler is
// needed; old finished rows of the fold job are pruned so the jobs table does not grow by one row every few
// seconds forever. Payloads are empty: the work is found in the database.
import { sql, type Kysely } from 'kysely';
import { Type } from '@sinclair/typebox';
import type { DB } from '../../db/schema.ts';
import { defineJob, type JobQueue } from '../../jobs/index.ts';
import type { AggregatesMaintenance, AlertsService } from './index.ts';

export const FOLD_JOB = 'insights.fold-responses';
export const ALERTS_JOB = 'insights.evaluate-alerts';
const FOLD_INTERVAL_SECONDS = 5;
/** A fold run stops after this long and leaves the rest to the next run, so other jobs get their turn. */
const FOLD_BUDGET_MS = 20_000;

/** Enqueues the next run of a self-arming job unless one is already waiting. */
async function arm(db: Kysely<DB>, name: string, runAt: Date): Promise<void> {
  await sql`
    insert into jobs (name, run_at, max_attempts)
    select ${name}, ${runAt}, 1000000
    where not exists (select 1 from jobs where name = ${name} and done_at is null and attempts = 0)`.execute(
    db,
  );
}

/** Next 05:00 UTC (07:00 or 08:00 in Helsinki), after the night's responses are in. */
export function nextMorning(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 5));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export function registerInsightsJobs(deps: {
  db: Kysely<DB>;
  jobs: JobQueue;
  aggregates: AggregatesMaintenance;
  alerts: AlertsService;
  now: () => Date;
}): void {
  const { db, jobs } = deps;
  jobs.register(
    defineJob({
      name: FOLD_JOB,
      payload: Type.Object({}),
      maxAttempts: 1_000_000,
      async handler() {
        const started = Date.now();
        try {
          while (Date.now() - started < FOLD_BUDGET_MS) {
            if ((await deps.aggregates.catchUp()) === 0) break;
          }
          await sql`delete from jobs where name = ${FOLD_JOB} and done_at < now() - interval '1 hour'`.execute(
            db,
          );
        } finally {
          await arm(db, FOLD_JOB, new Date(deps.now().getTime() + FOLD_INTERVAL_SECONDS * 1000));
        }
      },
    }),
  );
  jobs.register(
    defineJob({
      name: ALERTS_JOB,
      payload: Type.Object({}),
      maxAttempts: 1_000_000,
      async handler() {
        try {
          await deps.aggregates.catchUp({ maxResponses: 1_000_000 });
          await deps.alerts.evaluate();
        } finally {
          await arm(db, ALERTS_JOB, nextMorning(deps.now()));
        }
      },
    }),
  );
}

/** After a rebuild: evaluate alerts now (the daily run stays as it is). */
export async function enqueueAlertsNow(db: Kysely<DB>): Promise<void> {
  await sql`insert into jobs (name, max_attempts) values (${ALERTS_JOB}, 3)`.execute(db);
}
