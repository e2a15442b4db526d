import { Type } from '@sinclair/typebox';
import { defineJob, type JobQueue } from '../../jobs/index.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { InboxService } from './index.ts';
import { addDays } from '../../../shared/finnish-holidays.ts';
import { helsinkiDate, helsinkiHour, helsinkiTime } from './inbox.deadlines.ts';
import { hasPendingRun } from './inbox.repository.ts';

// Recurring jobs without a scheduler: each run first books the next one (unless a future run is already
// waiting, as after a retry), then does its work. The first runs are booked with the first feedback item
// (scheduleRecurring, in the submission's transaction): without feedback there is nothing to send.
export const SEND_DIGESTS_JOB = 'inbox.send-digests';
export const ESCALATE_OVERDUE_JOB = 'inbox.escalate-overdue';
export const DIGEST_HOUR = 7;
const ESCALATION_INTERVAL_MS = 60 * 60 * 1000;

const NoPayload = Type.Object({}, { additionalProperties: false });

/** The next 07:00 in Helsinki strictly after `now`. */
export function nextDigestRun(now: Date): Date {
  const today = helsinkiDate(now);
  const todays = helsinkiTime(today, DIGEST_HOUR);
  return todays.getTime() > now.getTime() ? todays : helsinkiTime(addDays(today, 1), DIGEST_HOUR);
}

async function bookNext(db: Kysely<DB>, jobs: JobQueue, name: string, runAt: Date, after: Date | null) {
  if (await hasPendingRun(db, name, after)) return;
  await jobs.enqueue(db, [{ name, payload: {}, runAt }]);
}

/** Books the recurring jobs' next runs when none is waiting; both lie in the future. */
export async function scheduleRecurring(executor: Kysely<DB>, jobs: JobQueue, now: Date): Promise<void> {
  await bookNext(executor, jobs, SEND_DIGESTS_JOB, nextDigestRun(now), null);
  await bookNext(
    executor,
    jobs,
    ESCALATE_OVERDUE_JOB,
    new Date(now.getTime() + ESCALATION_INTERVAL_MS),
    null,
  );
}

export function registerInboxJobs(deps: {
  db: Kysely<DB>;
  jobs: JobQueue;
  service: InboxService;
  now: () => Date;
}): void {
  const { db, jobs, service, now } = deps;
  jobs.register(
    defineJob({
      name: SEND_DIGESTS_JOB,
      payload: NoPayload,
      maxAttempts: 3,
      async handler() {
        const at = now();
        await bookNext(db, jobs, SEND_DIGESTS_JOB, nextDigestRun(at), at);
        // A first start in the small hours does not send the day's digest early.
        if (helsinkiHour(at) >= DIGEST_HOUR) await service.sendDigests(at);
      },
    }),
  );
  jobs.register(
    defineJob({
      name: ESCALATE_OVERDUE_JOB,
      payload: NoPayload,
      maxAttempts: 3,
      async handler() {
        const at = now();
        await bookNext(db, jobs, ESCALATE_OVERDUE_JOB, new Date(at.getTime() + ESCALATION_INTERVAL_MS), at);
        await service.escalateOverdue(at);
      },
    }),
  );
}
