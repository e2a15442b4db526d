import type { SurveysDeps, SurveysModule } from './index.ts';
import { createSurveysRepository } from './surveys.repository.ts';
import { createSurveysService } from './surveys.service.ts';
import { registerSurveysApi } from './surveys-api.routes.ts';
import { registerSurveysStaffPages } from './surveys-staff.routes.ts';

export function createSurveysModule(deps: SurveysDeps): SurveysModule {
  const service = createSurveysService({
    repository: createSurveysRepository(deps.db),
    organisation: deps.organisation,
    audit: deps.audit,
    cache: deps.cache,
  });
  return {
    service,
    routes(app) {
      registerSurveysApi(app, service);
      registerSurveysStaffPages(app, { service, organisation: deps.organisation, auth: deps.auth });
    },
  };
}
