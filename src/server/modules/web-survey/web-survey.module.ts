import type { WebSurveyDeps, WebSurveyModule } from './index.ts';
import { createShortLinkRepository } from './short-link.repository.ts';
import { createShortLinkService } from './short-link.service.ts';
import { createWebSurveyService } from './web-survey.service.ts';
import { surveyPageRoutes } from './survey-page.routes.ts';
import { qrRoutes } from './qr.routes.ts';
import { frontPageRoutes } from './front-page.routes.ts';
import { staffLinksRoutes } from './staff-links.routes.ts';
import { registerCompression } from './html-response.ts';

export function createWebSurveyModule(deps: WebSurveyDeps): WebSurveyModule {
  const repository = createShortLinkRepository(deps.db);
  const links = createShortLinkService(repository);
  const service = createWebSurveyService({
    links,
    surveys: deps.surveys,
    organisation: deps.organisation,
    intake: deps.intake,
  });
  const surveyPages = surveyPageRoutes(service);
  return {
    links,
    routes: (app) => {
      registerCompression(app);
      surveyPages(app, 's', 'web');
      surveyPages(app, 'q', 'qr');
      qrRoutes({ config: deps.config, links, service })(app);
      frontPageRoutes({ config: deps.config, service })(app);
      staffLinksRoutes({ config: deps.config, auth: deps.auth, organisation: deps.organisation, service })(
        app,
      );
    },
  };
}
