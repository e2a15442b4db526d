import { catalogue, t } from '../../../i18n/index.ts';
import type { Language } from '../../../shared/languages.ts';
import type { FeedbackProblem } from './index.ts';
import type { Problem } from './feedback.validation.ts';

// A problem's message: the field's own wording where one exists ("Choose the type of feedback"), otherwise the
// general one for its code ("Too long: at most {max} characters").

function keyFor(problem: Problem): string {
  const field = problem.field.replace(/\.\d+$/, '').replace(/\./g, '_');
  const specific = `feedback.error_${field}_${problem.code}`;
  return specific in catalogue.fi ? specific : `feedback.error_${problem.code}`;
}

export function toFeedbackProblems(lang: Language, problems: Problem[]): FeedbackProblem[] {
  const tr = t(lang);
  return problems.map((p) => ({ field: p.field, code: p.code, message: tr(keyFor(p), p.params) }));
}
