import type { WebSurveyDeps, WebSurveyModule } from './index.ts';

export function createWebSurveyModule(_deps: WebSurveyDeps): WebSurveyModule {
  throw new Error('web-survey module: not implemented yet');
}
