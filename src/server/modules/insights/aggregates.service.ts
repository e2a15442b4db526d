// Keeping the rollups up to date: catch-up in batches after intake, and the full rebuild.
import type { AggregatesMaintenance } from './index.ts';
import type { AggregatesRepository } from './aggregates.repository.ts';

/**
 * Responses folded per transaction. A fold touches about 30 rollup rows per unit and day it meets, however many
 * responses that unit got: a large batch spreads that over many responses (≥ 10,000 responses/s from a backlog,
 * ADR 0008) and still holds the lock only a few seconds.
 */
export const FOLD_BATCH = 100_000;

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
      // After a move, merge or new unit: bring the pre-summed subtrees back into use.
      await repo.resumTreeIfStale();
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
