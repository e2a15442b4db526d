import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Logger } from '../../logger.ts';
import { createBatcher } from './intake.batcher.ts';
import { insertResponses, type InsertOutcome } from './intake.repository.ts';
import { DETECT_LANGUAGE_JOB, DETECT_LANGUAGE_MAX_ATTEMPTS } from './intake.jobs.ts';
import type { PreparedResponse } from './intake.prepare.ts';

// Steps 6–7 of the pipeline: persist and enqueue. A batch of responses, their texts, originals, contacts and the
// language-detection job (ids only, and only when a new response has free text) are written by one statement:
// all of it or nothing, so nothing is ever half-stored.

export interface ResponseStore {
  /** Resolves when the batch holding this response has committed. */
  store(prepared: PreparedResponse): Promise<InsertOutcome>;
  close(): Promise<void>;
}

export function createResponseStore(deps: {
  db: Kysely<DB>;
  windowMs: number;
  maxRows: number;
  concurrency: number;
  minItemsWhileBusy?: number;
  logger: Logger;
}): ResponseStore {
  const job = { name: DETECT_LANGUAGE_JOB, maxAttempts: DETECT_LANGUAGE_MAX_ATTEMPTS };
  const batcher = createBatcher({
    flush: (batch: PreparedResponse[]) => insertResponses(deps.db, batch, job),
    windowMs: deps.windowMs,
    maxItems: deps.maxRows,
    concurrency: deps.concurrency,
    minItemsWhileBusy: deps.minItemsWhileBusy ?? 0,
    // Only the SQLSTATE: a database message can quote the value it choked on, and values can be feedback.
    onBatchFailed: (error, rows) =>
      deps.logger.warn(
        { rows, sqlstate: (error as { code?: unknown }).code },
        'intake batch failed, retrying rows',
      ),
  });
  return { store: (prepared) => batcher.add(prepared), close: () => batcher.close() };
}
