// Group commit: concurrent submissions share one transaction, so a busy server pays one commit (one fsync on
// PostgreSQL) per batch instead of per row. Each caller awaits the commit of the batch that holds its row, so a
// 201 still means "durably stored". Rows arriving while batches are being written form the next batch.
//
// windowMs = 0 flushes as soon as the event loop has taken in what already arrived. With one batch in flight at
// a time, every waiting client sits in the same batch and the server idles while it commits (lock-step); a few
// concurrent batches let request parsing overlap the database's work. PGlite has one connection and answers
// fast, so there one batch at a time with a ~1 ms window works best (FACTS.md: ~2,100 → ~10,800 req/s).

export interface BatcherOptions<T, R> {
  /** Writes the items in one transaction and returns one result per item, in order. */
  flush: (items: T[]) => Promise<R[]>;
  windowMs: number;
  maxItems: number;
  /** Batches written at the same time (default 1). */
  concurrency?: number;
  /**
   * While a batch is being written, the next one starts only once this many items wait (or when none is being
   * written any more): under load batches grow, and each statement's fixed cost is shared by more rows. 0 = off.
   */
  minItemsWhileBusy?: number;
  /** Told when a whole batch failed and its items are retried one by one. */
  onBatchFailed?: (error: unknown, size: number) => void;
}

export interface Batcher<T, R> {
  add(item: T): Promise<R>;
  /** Writes everything pending and refuses new items. */
  close(): Promise<void>;
}

interface Entry<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export function createBatcher<T, R>(options: BatcherOptions<T, R>): Batcher<T, R> {
  const maxItems = Math.max(1, options.maxItems);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const minWhileBusy = Math.min(maxItems, Math.max(0, options.minItemsWhileBusy ?? 0));
  let queue: Entry<T, R>[] = [];
  const flushing = new Set<Promise<void>>();
  let cancelTimer: (() => void) | undefined;
  let closed = false;

  async function settle(batch: Entry<T, R>[]): Promise<void> {
    try {
      const results = await options.flush(batch.map((e) => e.item));
      batch.forEach((entry, i) => entry.resolve(results[i] as R));
      return;
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      options.onBatchFailed?.(error, batch.length);
    }
    // One bad row must not fail the others: retry them one by one, each with its own outcome.
    for (const entry of batch) {
      try {
        const [result] = await options.flush([entry.item]);
        entry.resolve(result as R);
      } catch (error) {
        entry.reject(error);
      }
    }
  }

  function later(ms: number): void {
    if (ms > 0) {
      const handle = setTimeout(run, ms);
      cancelTimer = () => clearTimeout(handle);
    } else {
      const handle = setImmediate(run);
      cancelTimer = () => clearImmediate(handle);
    }
  }

  function run(): void {
    cancelTimer = undefined;
    if (flushing.size >= concurrency || queue.length === 0) return;
    if (flushing.size > 0 && queue.length < minWhileBusy) return; // a batch in flight will call run() again
    const batch = queue.slice(0, maxItems);
    queue = queue.slice(batch.length);
    const done: Promise<void> = settle(batch).finally(() => {
      flushing.delete(done);
      // Rows that arrived during the commit have waited long enough: no second window for them.
      if (queue.length > 0 && !cancelTimer) later(0);
    });
    flushing.add(done);
  }

  function schedule(): void {
    if (flushing.size >= concurrency) return;
    if (flushing.size > 0 && queue.length < minWhileBusy) return;
    if (queue.length === maxItems) {
      // A full batch need not wait for the window.
      cancelTimer?.();
      later(0);
    } else if (!cancelTimer) later(options.windowMs);
  }

  return {
    add(item) {
      if (closed) return Promise.reject(new Error('intake is closed'));
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    async close() {
      closed = true;
      while (flushing.size > 0 || queue.length > 0) {
        cancelTimer?.();
        cancelTimer = undefined;
        run();
        await Promise.race(flushing);
      }
    },
  };
}
