import { expect, test } from 'vitest';
import { createBatcher } from './intake.batcher.ts';

function recorder(options: { failWhen?: (items: number[]) => boolean; delayMs?: number } = {}) {
  const batches: number[][] = [];
  const flush = async (items: number[]) => {
    batches.push(items);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (options.failWhen?.(items)) throw new Error(`bad batch ${items.join(',')}`);
    return items.map((i) => i * 10);
  };
  return { batches, flush };
}

test('concurrent items share one flush and each gets its own result', async () => {
  const { batches, flush } = recorder();
  const batcher = createBatcher({ flush, windowMs: 0, maxItems: 500 });
  const results = await Promise.all([1, 2, 3, 4].map((i) => batcher.add(i)));
  expect(results).toEqual([10, 20, 30, 40]);
  expect(batches).toEqual([[1, 2, 3, 4]]);
});

test('items arriving during a flush form the next batch', async () => {
  const { batches, flush } = recorder({ delayMs: 20 });
  const batcher = createBatcher({ flush, windowMs: 0, maxItems: 500 });
  const first = batcher.add(1);
  await new Promise((r) => setTimeout(r, 5));
  const later = [2, 3, 4].map((i) => batcher.add(i));
  await Promise.all([first, ...later]);
  expect(batches).toEqual([[1], [2, 3, 4]]);
});

test('a window gathers items that arrive within it', async () => {
  const { batches, flush } = recorder();
  const batcher = createBatcher({ flush, windowMs: 15, maxItems: 500 });
  const a = batcher.add(1);
  await new Promise((r) => setTimeout(r, 2));
  const b = batcher.add(2);
  await Promise.all([a, b]);
  expect(batches).toEqual([[1, 2]]);
});

test('a batch never holds more than the cap', async () => {
  const { batches, flush } = recorder();
  const batcher = createBatcher({ flush, windowMs: 1000, maxItems: 3 });
  const started = Date.now();
  await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => batcher.add(i)));
  expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  // The full batches did not wait for the window; only the last one did.
  expect(Date.now() - started).toBeLessThan(1900);
});

test('when a batch fails its items are retried alone, so one bad item fails only itself', async () => {
  const { batches, flush } = recorder({ failWhen: (items) => items.includes(3) });
  const batcher = createBatcher({ flush, windowMs: 0, maxItems: 500 });
  const outcomes = await Promise.allSettled([1, 2, 3, 4].map((i) => batcher.add(i)));
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  expect(outcomes[1]).toEqual({ status: 'fulfilled', value: 20 });
  expect(batches).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
});

test('close writes what is pending and refuses new items', async () => {
  const { batches, flush } = recorder({ delayMs: 5 });
  const batcher = createBatcher({ flush, windowMs: 10_000, maxItems: 500 });
  const pending = batcher.add(1);
  await batcher.close();
  await expect(pending).resolves.toBe(10);
  expect(batches).toEqual([[1]]);
  await expect(batcher.add(2)).rejects.toThrow('closed');
});

test('while a batch is being written, the next starts only when enough items wait, and stragglers still go when it ends', async () => {
  const { batches, flush } = recorder({ delayMs: 30 });
  const batcher = createBatcher({ flush, windowMs: 0, maxItems: 500, concurrency: 4, minItemsWhileBusy: 3 });
  const first = batcher.add(1);
  await new Promise((r) => setTimeout(r, 5));
  const two = [2, 3].map((i) => batcher.add(i));
  await new Promise((r) => setTimeout(r, 5));
  // Two waiting items are fewer than 3: no second batch yet although the concurrency would allow one.
  expect(batches).toEqual([[1]]);
  const more = [4, 5].map((i) => batcher.add(i));
  await new Promise((r) => setTimeout(r, 5));
  expect(batches).toEqual([[1], [2, 3, 4, 5]]);
  const straggler = batcher.add(6);
  await Promise.all([first, ...two, ...more, straggler]);
  expect(batches).toEqual([[1], [2, 3, 4, 5], [6]]);
});
