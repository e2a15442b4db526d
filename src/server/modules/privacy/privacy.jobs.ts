import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { defineJob, type JobQueue } from '../../jobs/index.ts';
import type { PrivacyService } from './index.ts';
import { hasWaitingJob } from './privacy.repository.ts';

// The daily retention run: a job that schedules its own next run for 03:00 Finnish time, so one instance runs
// it even when several share the database (a second chain stops when it sees one already waiting).
export const APPLY_RETENTION_JOB = 'privacy.apply-retention';
const RUN_HOUR = 3;

function helsinkiOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 120;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** The next 03:00 in Helsinki after `now`. */
export function nextRunAt(now: Date): Date {
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);
  const [y, m, d] = local.split('-').map(Number) as [number, number, number];
  for (let add = 0; add < 3; add++) {
    const wall = Date.UTC(y, m - 1, d + add, RUN_HOUR);
    const candidate = new Date(wall - helsinkiOffsetMinutes(new Date(wall)) * 60_000);
    if (candidate > now) return candidate;
  }
  throw new Error('no next run found');
}

export function createRetentionSchedule(deps: {
  db: Kysely<DB>;
  jobs: JobQueue;
  service: PrivacyService;
  now: () => Date;
}) {
  async function scheduleNext(): Promise<void> {
    if (await hasWaitingJob(deps.db, APPLY_RETENTION_JOB)) return;
    await deps.jobs.enqueue(deps.db, [
      { name: APPLY_RETENTION_JOB, payload: {}, runAt: nextRunAt(deps.now()) },
    ]);
  }
  deps.jobs.register(
    defineJob({
      name: APPLY_RETENTION_JOB,
      payload: Type.Object({}, { additionalProperties: false }),
      maxAttempts: 3,
      async handler() {
        try {
          await deps.service.applyRetention();
        } finally {
          await scheduleNext();
        }
      },
    }),
  );
  return { scheduleNext };
}
