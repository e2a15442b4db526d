import type { FeedbackDeps, FeedbackModule } from './index.ts';
import { createFeedbackService } from './feedback.service.ts';
import { feedbackRoutes } from './feedback.routes.ts';
import { createSubmitLimiter } from './feedback.rate-limit.ts';

export function createFeedbackModule(deps: FeedbackDeps): FeedbackModule {
  const service = createFeedbackService({
    db: deps.db,
    organisation: deps.organisation,
    audit: deps.audit,
    dataKey: deps.dataKey,
    now: deps.now ?? (() => new Date()),
    limiter: createSubmitLimiter(),
  });
  return {
    service,
    routes: feedbackRoutes({ service, organisation: deps.organisation, publicUrl: deps.publicUrl }),
  };
}
