import type { InboxDeps, InboxModule } from './index.ts';
import { createInboxService } from './inbox.service.ts';
import { registerInboxJobs } from './inbox.jobs.ts';
import { registerInboxPages } from './inbox.routes.ts';
import { purgeTextsOlderThan } from './inbox.repository.ts';
import { createQuarterlyFigures } from './inbox.quarterly.service.ts';
import { formalObjectionsSection, openFeedbackSection } from './inbox.quarterly.ts';

export function createInboxModule(deps: InboxDeps): InboxModule {
  const service = createInboxService(deps);
  const now = deps.now ?? (() => new Date());
  registerInboxJobs({ db: deps.db, jobs: deps.jobs, service, now });
  const figures = createQuarterlyFigures({ db: deps.db, now });
  const quarterly = {
    feedback: figures.feedbackFigures,
    objections: figures.objectionFigures,
  };
  return {
    service,
    routes(app) {
      registerInboxPages(app, { service, auth: deps.auth, organisation: deps.organisation });
    },
    quarterly,
    quarterlySections: [
      openFeedbackSection(quarterly, deps.organisation),
      formalObjectionsSection(quarterly),
    ],
    purgeTextsOlderThan: (cutoff) => purgeTextsOlderThan(deps.db, cutoff),
  };
}
