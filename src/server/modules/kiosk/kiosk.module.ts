import type { KioskDeps, KioskModule } from './index.ts';
import { createKioskRepository } from './kiosk.repository.ts';
import { createKioskService } from './kiosk.service.ts';
import { createMonitoring } from './kiosk.jobs.ts';
import { kioskDeviceRoutes } from './kiosk.routes.ts';
import { kioskStaffRoutes } from './kiosk-staff.routes.ts';
import { kioskAssets } from './kiosk.assets.ts';

export function createKioskModule(deps: KioskDeps): KioskModule {
  const now = deps.options?.now ?? (() => new Date());
  const repository = createKioskRepository(deps.db);
  const service = createKioskService({
    ...deps,
    repository,
    now,
    enrolCodeMinutes: deps.options?.enrolCodeMinutes ?? 30,
  });
  const monitoring = createMonitoring({
    db: deps.db,
    jobs: deps.jobs,
    repository,
    checkDevices: () => service.checkDevices(),
    everyMs: deps.options?.checkEveryMs ?? 60_000,
    now,
  });
  return {
    service,
    routes: (app) => {
      kioskDeviceRoutes(service)(app);
      kioskStaffRoutes({
        config: deps.config,
        auth: deps.auth,
        service,
        organisation: deps.organisation,
        surveys: deps.surveys,
      })(app);
      app.addHook('onReady', async () => {
        // Bundle the page script now rather than on a device's first request.
        await kioskAssets();
        if (deps.config.runJobs) await monitoring.scheduleNext();
      });
    },
  };
}
