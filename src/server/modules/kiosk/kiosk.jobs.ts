import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { defineJob, type JobQueue } from '../../jobs/index.ts';
import type { KioskRepository } from './kiosk.repository.ts';

// Device monitoring runs as a job that schedules its own next run, so exactly one instance checks at a time
// even with several instances on one database (a second chain stops when it sees the first one waiting).
export const CHECK_DEVICES_JOB = 'kiosk.check-devices';

export function createMonitoring(deps: {
  db: Kysely<DB>;
  jobs: JobQueue;
  repository: KioskRepository;
  checkDevices: () => Promise<number>;
  everyMs: number;
  now: () => Date;
}) {
  async function scheduleNext(): Promise<void> {
    if (await deps.repository.hasWaitingJob(CHECK_DEVICES_JOB)) return;
    await deps.jobs.enqueue(deps.db, [
      { name: CHECK_DEVICES_JOB, payload: {}, runAt: new Date(deps.now().getTime() + deps.everyMs) },
    ]);
  }
  deps.jobs.register(
    defineJob({
      name: CHECK_DEVICES_JOB,
      payload: Type.Object({}),
      maxAttempts: 3,
      handler: async () => {
        try {
          await deps.checkDevices();
        } finally {
          await scheduleNext();
        }
      },
    }),
  );
  return { scheduleNext };
}
