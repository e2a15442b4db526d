import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { HttpApp } from '../../http/app.ts';
import { NotFoundError } from '../../errors.ts';
import type { SurveysService, SurveyAdministration } from './index.ts';
import { presentSurvey, presentSurveyList } from './surveys.presenter.ts';
import { ApiError, PublicSurvey, SurveyList, SurveyParams } from './surveys.schemas.ts';

export function registerSurveysApi(scope: HttpApp, service: SurveysService & SurveyAdministration): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/surveys',
    {
      schema: {
        tags: ['surveys'],
        summary: 'List surveys with their current version',
        response: { 200: SurveyList },
      },
    },
    async () => presentSurveyList(await service.listSurveys()),
  );

  app.get(
    '/api/v1/surveys/:slug',
    {
      schema: {
        tags: ['surveys'],
        summary: "A survey's current version with its questions in every language",
        params: SurveyParams,
        response: { 200: PublicSurvey, 404: ApiError },
      },
    },
    async (request) => {
      const view = await service.getCurrent(request.params.slug);
      if (!view) throw new NotFoundError('survey_not_found', 'surveys.error_survey_not_found');
      return presentSurvey(view);
    },
  );
}
