import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { defineJob, type JobQueue } from '../../jobs/index.ts';
import type { Logger } from '../../logger.ts';
import type { AnalysisService } from './analysis.service.ts';

// Background work. The sources' inserts only append to analysis_pending (triggers), so intake and feedback never
// wait for analysis; this job drains the queue and re-arms itself. Training and emerging-theme detection run on
// their own schedules. Payloads are empty: everything the jobs need is in the database.

export const ANALYSE_PENDING_JOB = 'analysis.analyse-pending';
export const TRAIN_MODEL_JOB = 'analysis.train-model';
export const DETECT_EMERGING_JOB = 'analysis.detect-emerging';

const Empty = Type.Object({}, { additionalProperties: false });
const PENDING_POLL_MS = 15_000;
const DAY_MS = 24 * 3600 * 1000;

export interface AnalysisJobDeps {
  db: Kysely<DB>;
  jobs: JobQueue;
  service: AnalysisService;
  detectEmerging(): Promise<unknown>;
  logger: Logger;
}

export function registerAnalysisJobs(deps: AnalysisJobDeps): void {
  const { db, jobs, service } = deps;
  const rearm = (name: string, delayMs: number) =>
    jobs.enqueue(db, [{ name, payload: {}, runAt: new Date(Date.now() + delayMs) }]);

  jobs.register(
    defineJob({
      name: ANALYSE_PENDING_JOB,
      payload: Empty,
      maxAttempts: 1_000_000,
      async handler() {
        // The job re-arms itself whatever happens, so it never throws (a retry would be a second chain).
        let delay = PENDING_POLL_MS;
        try {
          // A full batch means more is waiting: come back at once.
          if ((await service.analysePending()) >= 200) delay = 0;
        } catch (error) {
          deps.logger.error({ err: error, job: ANALYSE_PENDING_JOB }, 'analysis failed');
        }
        await rearm(ANALYSE_PENDING_JOB, delay);
      },
    }),
  );
  jobs.register(
    defineJob({
      name: TRAIN_MODEL_JOB,
      payload: Empty,
      maxAttempts: 1_000_000,
      async handler() {
        await rearm(TRAIN_MODEL_JOB, DAY_MS);
        await service.trainOrganisationModel().catch((error: unknown) => {
          deps.logger.error({ err: error, job: TRAIN_MODEL_JOB }, 'training failed');
        });
      },
    }),
  );
  jobs.register(
    defineJob({
      name: DETECT_EMERGING_JOB,
      payload: Empty,
      maxAttempts: 1_000_000,
      async handler() {
        await rearm(DETECT_EMERGING_JOB, DAY_MS);
        await deps.detectEmerging().catch((error: unknown) => {
          deps.logger.error({ err: error, job: DETECT_EMERGING_JOB }, 'emerging-theme detection failed');
        });
      },
    }),
  );
}
