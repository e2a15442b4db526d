// Keeping the rollups up to date: catch-up in batches after intake, and the full rebuild.
import type { AggregatesMaintenance } from './index.ts';
import type { AggregatesRepository } from './aggregates.repository.ts';

/** Responses folded per transaction: big enough to amortise the upsert, small enough to keep locks short. */
export const FOLD_BATCH = 5000;

export function createAggregatesMaintenance(
  repo: AggregatesRepository,
  afterRebuild: () => Promise<void> = async () => {},
): AggregatesMaintenance {
  return {
    async catchUp(options = {}) {
      const max = options.maxResponses ?? 50_000;
      let folded = 0;
      while (folded < max) {
        const taken = await repo.foldPending(Math.min(FOLD_BATCH, max - folded));
        folded += taken;
        if (taken === 0) break;
      }
      return folded;
    },
    async rebuild(onProgress) {
      const result = await repo.rebuild(onProgress);
      await afterRebuild();
      return result;
    },
    pending: () => repo.pendingCount(),
  };
}
