import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Type } from '@sinclair/typebox';
import pino from 'pino';
import type { Database } from '../db/database.ts';
import { openTestDatabase, testEngines } from '../db/testing.ts';
import { createJobQueue, defineJob, type JobQueue } from './queue.ts';

describe.each(testEngines())('job queue on %s', (engine) => {
  let database: Database;
  let queue: JobQueue;
  const seen: string[] = [];
  let failuresLeft = 1;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    queue = createJobQueue(database.db, pino({ level: 'silent' }));
    queue.register(
      defineJob({
        name: 'test.record-id',
        payload: Type.Object({ id: Type.String() }),
        handler: async ({ id }) => {
          seen.push(id);
        },
      }),
    );
    queue.register(
      defineJob({
        name: 'test.fail-once',
        payload: Type.Object({}),
        handler: async () => {
          if (failuresLeft-- > 0) throw new Error('transient');
        },
      }),
    );
  });
  afterAll(() => database.close());

  test('a job enqueued in a rolled-back transaction never runs', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, [{ name: 'test.record-id', payload: { id: 'rolled-back' } }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await queue.runDue();
    expect(seen).not.toContain('rolled-back');
  });

  test('a committed job runs exactly once', async () => {
    await queue.enqueue(database.db, [{ name: 'test.record-id', payload: { id: 'a' } }]);
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    expect(seen.filter((x) => x === 'a')).toHaveLength(1);
  });

  test('a failing job is retried later with its error recorded', async () => {
    await queue.enqueue(database.db, [{ name: 'test.fail-once', payload: {} }]);
    await queue.runDue();
    const failed = await database.db
      .selectFrom('jobs')
      .where('name', '=', 'test.fail-once')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(failed.done_at).toBeNull();
    expect(failed.last_error).toBe('transient');
    await database.db
      .updateTable('jobs')
      .set({ run_at: new Date(0) })
      .where('id', '=', failed.id)
      .execute();
    await queue.runDue();
    const done = await database.db
      .selectFrom('jobs')
      .where('id', '=', failed.id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(done.done_at).not.toBeNull();
  });

  test('an unknown job or a payload that does not match its schema is refused', async () => {
    await expect(queue.enqueue(database.db, [{ name: 'test.nope', payload: {} }])).rejects.toThrow(
      /unknown job/,
    );
    await expect(
      queue.enqueue(database.db, [{ name: 'test.record-id', payload: { id: 5 } }]),
    ).rejects.toThrow(/invalid payload/);
  });
});
