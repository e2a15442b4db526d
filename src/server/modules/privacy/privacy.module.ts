import type { HttpApp } from '../../http/app.ts';
import type { PrivacyDeps, PrivacyModule } from './index.ts';
import { createPrivacyService } from './privacy.service.ts';
import { intakeErasureTarget, intakeRetentionTargets } from './privacy.targets.ts';
import { createRetentionSchedule } from './privacy.jobs.ts';
import { privacyRoutes } from './privacy.routes.ts';

export function createPrivacyModule(deps: PrivacyDeps): PrivacyModule {
  const now = deps.now ?? (() => new Date());
  const service = createPrivacyService({
    db: deps.db,
    audit: deps.audit,
    hashKey: deps.dataKey,
    logger: deps.logger,
    now,
  });
  for (const target of intakeRetentionTargets(deps.db)) service.registerRetentionTarget(target);
  service.registerErasureTarget(intakeErasureTarget(deps.db, deps.dataKey));
  const schedule = createRetentionSchedule({ db: deps.db, jobs: deps.jobs, service, now });
  const register = privacyRoutes({ service, auth: deps.auth });
  return {
    service,
    async routes(app: HttpApp) {
      await register(app);
      app.addHook('onReady', async () => {
        if (deps.config.runJobs) await schedule.scheduleNext();
      });
    },
  };
}
