import type { HomeCareDeps, HomeCareModule } from './index.ts';
import { createHomeCareRepository } from './home-care.repository.ts';
import { createHomeCareService } from './home-care.service.ts';
import { homeCareRoutes } from './home-care.routes.ts';

export function createHomeCareModule(deps: HomeCareDeps): HomeCareModule {
  const service = createHomeCareService(deps, createHomeCareRepository(deps.db));
  return { service, routes: homeCareRoutes({ ...deps, service }) };
}
