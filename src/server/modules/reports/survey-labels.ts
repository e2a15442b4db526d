// Statement texts and answer options come from the national survey's current version, so a corrected wording
// shows up in reports without a code change.
import type { Language } from '../../../shared/languages.ts';
import type { SurveysService } from '../surveys/index.ts';
import { THL_NATIONAL_SLUG } from '../surveys/index.ts';

export interface SurveyLabels {
  statements: Map<string, string>;
  ageGroups: { value: string; label: string }[];
  respondentTypes: { value: string; label: string }[];
}

export async function surveyLabels(
  surveys: Pick<SurveysService, 'getCurrent'>,
  lang: Language,
): Promise<SurveyLabels> {
  const current = await surveys.getCurrent(THL_NATIONAL_SLUG);
  const statements = new Map<string, string>();
  const ageGroups: { value: string; label: string }[] = [];
  const respondentTypes: { value: string; label: string }[] = [];
  for (const question of current?.definition.questions ?? []) {
    if (question.type === 'statement' || question.type === 'smiley')
      statements.set(question.id, question.text[lang]);
    if (question.type === 'single_choice' && question.role === 'age_group')
      ageGroups.push(...question.options.map((o) => ({ value: o.id, label: o.label[lang] })));
    if (question.type === 'single_choice' && question.role === 'respondent_type')
      respondentTypes.push(...question.options.map((o) => ({ value: o.id, label: o.label[lang] })));
  }
  return { statements, ageGroups, respondentTypes };
}
