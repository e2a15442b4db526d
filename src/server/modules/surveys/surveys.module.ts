import type { SurveysDeps, SurveysModule } from './index.ts';

export function createSurveysModule(_deps: SurveysDeps): SurveysModule {
  throw new Error('surveys module: not implemented yet');
}
