import type { InboxDeps, InboxModule } from './index.ts';
import { createInboxService } from './inbox.service.ts';
import { registerInboxJobs } from './inbox.jobs.ts';
import { registerInboxPages } from './inbox.routes.ts';
import { purgeTextsOlderThan } from './inbox.repository.ts';

export function createInboxModule(deps: InboxDeps): InboxModule {
  const service = createInboxService(deps);
  registerInboxJobs({ db: deps.db, jobs: deps.jobs, service, now: deps.now ?? (() => new Date()) });
  return {
    service,
    routes(app) {
      registerInboxPages(app, { service, auth: deps.auth, organisation: deps.organisation });
    },
    purgeTextsOlderThan: (cutoff) => purgeTextsOlderThan(deps.db, cutoff),
  };
}
