import type { InsightsDeps, InsightsModule } from './index.ts';
import { createInsightsRepository } from './insights.repository.ts';
import { createInsightsService } from './insights.service.ts';
import { createAggregatesRepository } from './aggregates.repository.ts';
import { createAggregatesMaintenance } from './aggregates.service.ts';
import { createAlertsRepository } from './alerts.repository.ts';
import { createAlertsService } from './alerts.service.ts';
import { enqueueAlertsNow, registerInsightsJobs } from './insights.jobs.ts';
import { insightsRoutes } from './insights.routes.ts';
import { alertsPageRoutes } from './alerts.page.ts';

export function createInsightsModule(deps: InsightsDeps): InsightsModule {
  const now = deps.now ?? (() => new Date());
  const repo = createInsightsRepository(deps.db);
  const service = createInsightsService({
    repo,
    organisation: deps.organisation,
    surveys: deps.surveys,
    minGroupSize: deps.minGroupSize,
  });
  const aggregates = createAggregatesMaintenance(createAggregatesRepository(deps.db), () =>
    enqueueAlertsNow(deps.db),
  );
  const ancestorIds = async (unitId: string) => (await deps.organisation.ancestors(unitId)).map((u) => u.id);
  const alerts = createAlertsService({
    repo: createAlertsRepository(deps.db),
    insights: service,
    staff: deps.staff,
    unitExists: (id) => repo.unitExists(id),
    ancestors: (unitId) => deps.organisation.ancestors(unitId),
    ...(deps.mailer ? { mailer: deps.mailer } : {}),
    publicUrl: deps.publicUrl,
    logger: deps.logger,
    now,
  });
  return {
    service,
    aggregates,
    alerts,
    async routes(app) {
      await insightsRoutes({ service, alerts, auth: deps.auth, ancestorIds })(app);
      await alertsPageRoutes({ alerts, auth: deps.auth })(app);
    },
    registerJobs: () => registerInsightsJobs({ db: deps.db, jobs: deps.jobs, aggregates, alerts, now }),
  };
}
