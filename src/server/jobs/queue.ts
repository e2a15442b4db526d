import { sql, type Kysely } from 'kysely';
import { Value } from '@sinclair/typebox/value';
import type { Static, TSchema } from '@sinclair/typebox';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../logger.ts';

export interface JobDefinition<S extends TSchema = TSchema> {
  name: string;
  payload: S;
  maxAttempts?: number;
  handler: (payload: Static<S>) => Promise<void>;
}

export function defineJob<S extends TSchema>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z-]+\.[a-z]+(-[a-z]+)*$/.test(definition.name)) {
    throw new Error(`job name must be <module>.<verb>-<noun>: ${definition.name}`);
  }
  return definition;
}

/** Adds jobs using the caller's executor: pass the transaction that writes the data the job refers to. */
export type Enqueue = (
  executor: Kysely<DB>,
  jobs: { name: string; payload: Record<string, unknown>; runAt?: Date }[],
) => Promise<void>;

export interface JobQueue {
  register<S extends TSchema>(definition: JobDefinition<S>): void;
  enqueue: Enqueue;
  /** Claims and runs due jobs once; returns how many ran. Used by the poller and by tests. */
  runDue(limit?: number): Promise<number>;
  start(pollMs?: number): void;
  stop(): Promise<void>;
}

const LOCK_SECONDS = 300;

function backoffSeconds(attempts: number): number {
  return Math.min(3600, 5 * 2 ** attempts);
}

export function createJobQueue(db: Kysely<DB>, logger: Logger): JobQueue {
  const definitions = new Map<string, JobDefinition>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  const enqueue: Enqueue = async (executor, jobs) => {
    if (jobs.length === 0) return;
    for (const job of jobs) {
      const definition = definitions.get(job.name);
      if (!definition) throw new Error(`unknown job ${job.name}`);
      if (!Value.Check(definition.payload, job.payload))
        throw new Error(`invalid payload for job ${job.name}`);
    }
    await executor
      .insertInto('jobs')
      .values(
        jobs.map((job) => ({
          name: job.name,
          payload: JSON.stringify(job.payload),
          run_at: job.runAt ?? new Date(),
          max_attempts: definitions.get(job.name)?.maxAttempts ?? 5,
        })),
      )
      .execute();
  };

  async function claim(limit: number) {
    const result = await sql<{
      id: number;
      name: string;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }>`
      update jobs set locked_until = now() + make_interval(secs => ${LOCK_SECONDS}), attempts = attempts + 1
      where id in (
        select id from jobs
        where done_at is null and run_at <= now() and attempts < max_attempts
          and (locked_until is null or locked_until < now())
        order by run_at, id
        limit ${limit}
        for update skip locked)
      returning id, name, payload, attempts, max_attempts`.execute(db);
    return result.rows;
  }

  async function runOne(job: Awaited<ReturnType<typeof claim>>[number]): Promise<void> {
    const definition = definitions.get(job.name);
    try {
      if (!definition) throw new Error(`no handler registered for ${job.name}`);
      await definition.handler(job.payload);
      await db
        .updateTable('jobs')
        .set({ done_at: new Date(), locked_until: null, last_error: null })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ jobId: job.id, job: job.name, attempts: job.attempts }, 'job failed');
      await db
        .updateTable('jobs')
        .set({
          locked_until: null,
          last_error: message.slice(0, 500),
          run_at: new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }

  async function runDue(limit = 50): Promise<number> {
    const jobs = await claim(limit);
    for (const job of jobs) await runOne(job);
    return jobs.length;
  }

  function schedule(pollMs: number, delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runDue()
        .then((count) => schedule(pollMs, count > 0 ? 0 : pollMs))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'job poller failed');
          schedule(pollMs, pollMs * 5);
        });
    }, delay);
    timer.unref();
  }

  return {
    register(definition) {
      if (definitions.has(definition.name)) throw new Error(`job ${definition.name} registered twice`);
      // Payloads are checked against the schema before they are stored, so erasing the type here is safe.
      definitions.set(definition.name, definition as unknown as JobDefinition);
    },
    enqueue,
    runDue,
    start(pollMs = 1000) {
      if (!stopped) return;
      stopped = false;
      schedule(pollMs, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
