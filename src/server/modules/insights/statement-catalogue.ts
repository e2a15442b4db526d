// Which statements a figure set shows, and on what scale. Question ids repeat across surveys with different
// scales (e.g. 'safe' is a 1–5 statement in the national set and a 1–4 face in the children's set), so
// statements are always those of ONE survey: the filtered survey, or the national set by default.
import type { SurveysService } from '../surveys/index.ts';
import { THL_NATIONAL_SLUG } from '../surveys/index.ts';
import type { StatementDef } from './figure-sets.ts';

export interface StatementCatalogue {
  /** The survey whose statements are shown, and its statements in question order; null when none exists. */
  forFilter(surveyId: string | undefined): Promise<{ surveyId: string; statements: StatementDef[] } | null>;
}

export function createStatementCatalogue(surveys: Pick<SurveysService, 'getCurrent'>): StatementCatalogue {
  return {
    async forFilter(surveyId) {
      const view = await surveys.getCurrent(surveyId ?? THL_NATIONAL_SLUG);
      if (!view) return null;
      const statements: StatementDef[] = [];
      for (const question of view.definition.questions) {
        if (question.type === 'statement') statements.push({ id: question.id, scale: 'agreement' });
        if (question.type === 'smiley') statements.push({ id: question.id, scale: 'smiley' });
      }
      return { surveyId: view.surveyId, statements };
    },
  };
}
