import type { AnalysisDeps, AnalysisModule } from './index.ts';
import { createAnalysisEngine } from './analysis.engine.ts';
import { createAnalysisService } from './analysis.service.ts';
import { createViewsService } from './analysis.views.service.ts';
import { registerAnalysisJobs } from './analysis.jobs.ts';
import { analysisRoutes } from './analysis.routes.ts';
import { analysisPageRoutes } from './analysis.pages.ts';
import { createSimilarityService } from './analysis.similarity.service.ts';

export function createAnalysisModule(deps: AnalysisDeps): AnalysisModule {
  const engine = createAnalysisEngine({ morphology: deps.morphology, detectLanguage: deps.detectLanguage });
  const service = createAnalysisService({ db: deps.db, engine, logger: deps.logger });
  const views = createViewsService({
    db: deps.db,
    minGroupSize: deps.minGroupSize,
    unitExists: async (id) => (await deps.organisation.getUnit(id)) !== undefined,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.textProvider ? { textProvider: deps.textProvider } : {}),
  });
  const similarity = createSimilarityService({
    views,
    minGroupSize: deps.minGroupSize,
    logger: deps.logger,
    ...(deps.embedder ? { embedder: deps.embedder } : {}),
    ...(deps.textProvider ? { textProvider: deps.textProvider } : {}),
  });
  const ancestorIds = async (unitId: string) => (await deps.organisation.ancestors(unitId)).map((u) => u.id);
  return {
    service,
    views,
    engine,
    similarity,
    async routes(app) {
      await analysisRoutes({ service, views, similarity, auth: deps.auth, ancestorIds })(app);
      await analysisPageRoutes({
        service,
        views,
        auth: deps.auth,
        ancestorIds,
        minGroupSize: deps.minGroupSize,
      })(app);
    },
    registerJobs: () =>
      registerAnalysisJobs({
        db: deps.db,
        jobs: deps.jobs,
        service,
        detectEmerging: () => views.detectEmerging(),
        logger: deps.logger,
      }),
  };
}
