import type { SurveySummary, SurveyVersionView } from './index.ts';
import type { PublicSurvey, SurveyList } from './surveys.schemas.ts';

/** The public shape of a survey version: every language and plain-language variant, nothing internal. */
export function presentSurvey(view: SurveyVersionView): PublicSurvey {
  const { definition } = view;
  return {
    id: view.surveyId,
    slug: view.slug,
    template: view.template,
    versionId: view.versionId,
    version: view.version,
    title: definition.title,
    intro: definition.intro ?? null,
    thankYou: definition.thankYou,
    audience: definition.audience,
    scales: definition.scales,
    questions: definition.questions,
  };
}

export function presentSurveyList(surveys: SurveySummary[]): SurveyList {
  return {
    surveys: surveys.flatMap((s) =>
      s.archived || !s.title || !s.versionId || s.version === null
        ? []
        : [
            {
              id: s.id,
              slug: s.slug,
              template: s.template,
              title: s.title,
              versionId: s.versionId,
              version: s.version,
            },
          ],
    ),
  };
}
