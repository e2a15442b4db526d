import type { SurveyDefinition } from '../../../../shared/survey-definition.ts';
import { HOME_CARE_SLUG, THL_CHILDREN_SLUG, THL_NATIONAL_SLUG } from './slugs.ts';
import { HOME_CARE } from './home-care.ts';
import { THL_NATIONAL } from './thl-national.ts';
import { THL_CHILDREN } from './thl-children.ts';

export interface BuiltInTemplate {
  /** Stored in surveys.template; also the slug of the survey created from it. */
  name: string;
  definition: SurveyDefinition;
}

/** Created at start when missing (ensureBuiltInSurveys); their question ids may never be removed. */
export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  { name: THL_NATIONAL_SLUG, definition: THL_NATIONAL },
  { name: THL_CHILDREN_SLUG, definition: THL_CHILDREN },
  { name: HOME_CARE_SLUG, definition: HOME_CARE },
];

export function builtInTemplate(name: string | null): BuiltInTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((template) => template.name === name);
}
