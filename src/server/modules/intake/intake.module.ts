import type { IntakeDeps, IntakeModule } from './index.ts';
import { createRateLimiter } from './intake.rate-limit.ts';
import { createResolver } from './intake.resolve.ts';
import { createResponseStore } from './intake.store.ts';
import { createIntakeService } from './intake.service.ts';
import { intakeRoutes } from './intake.routes.ts';
import { detectLanguageJob } from './intake.jobs.ts';

// PostgreSQL: flush at once, up to 4 batches on the pool's connections, so parsing requests overlaps the
// database's work. PGlite has one connection: one batch at a time, with a ~1 ms window so batches form even
// when the database answers quickly (FACTS.md). Measured in bench/intake.ts; see docs/intake.md.
const DEFAULT_WINDOW_MS = { pglite: 1, postgres: 0 } as const;
const DEFAULT_CONCURRENCY = { pglite: 1, postgres: 4 } as const;
// Under load a further batch waits until 32 rows do (or no batch is in flight any more): each statement's fixed
// cost is shared by more rows. Measured +15 % durable responses/s on PostgreSQL against starting one at once.
const DEFAULT_MIN_ROWS_WHILE_BUSY = { pglite: 0, postgres: 32 } as const;

export function createIntakeModule(deps: IntakeDeps): IntakeModule {
  const options = deps.options ?? {};
  const now = options.now ?? (() => new Date());
  const engine = deps.engine ?? 'postgres';
  deps.jobs.register(detectLanguageJob(deps.db));
  const store = createResponseStore({
    db: deps.db,
    windowMs: options.batchWindowMs ?? DEFAULT_WINDOW_MS[engine],
    maxRows: options.maxBatchRows ?? 500,
    concurrency: options.batchConcurrency ?? DEFAULT_CONCURRENCY[engine],
    minItemsWhileBusy: options.batchMinRowsWhileBusy ?? DEFAULT_MIN_ROWS_WHILE_BUSY[engine],
    logger: deps.logger,
  });
  const service = createIntakeService({
    limiter: createRateLimiter({ perMinute: deps.config.intakeRatePerMinute, now: () => now().getTime() }),
    resolver: createResolver({
      surveys: deps.surveys,
      organisation: deps.organisation,
      unitCacheTtlMs: options.unitCacheTtlMs ?? 5000,
      now: () => now().getTime(),
    }),
    store,
    dataKey: deps.dataKey,
    now,
  });
  return { service, routes: intakeRoutes(service) };
}
