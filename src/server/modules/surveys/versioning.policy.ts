import type { Question, SurveyDefinition } from '../../../shared/survey-definition.ts';

// Reports join answers across versions on question and option ids, so an edit may change wording freely but
// not what an id means: an id keeps the type and role it had in every earlier version (also when it was
// removed and added back), and the current version's answer options stay.

export type EditViolationRule =
  'type_changed' | 'role_changed' | 'template_question_removed' | 'option_removed';

export interface EditViolation {
  rule: EditViolationRule;
  questionId: string;
  optionId?: string;
}

function roleOf(question: Question): string | null {
  return question.type === 'single_choice' ? (question.role ?? null) : null;
}

function optionIds(question: Question): string[] {
  return question.type === 'single_choice' || question.type === 'multiple_choice'
    ? question.options.map((option) => option.id)
    : [];
}

/**
 * Why `next` may not follow `history` (every earlier version, oldest first, the current one last); empty when
 * the edit is allowed.
 */
export function editViolations(
  history: readonly SurveyDefinition[],
  next: SurveyDefinition,
  templateQuestionIds: readonly string[],
): EditViolation[] {
  const violations: EditViolation[] = [];
  const nextById = new Map(next.questions.map((q) => [q.id, q]));
  for (const id of templateQuestionIds) {
    if (!nextById.has(id)) violations.push({ rule: 'template_question_removed', questionId: id });
  }
  const reported = new Set<string>();
  const report = (violation: EditViolation) => {
    const key = `${violation.rule}|${violation.questionId}|${violation.optionId ?? ''}`;
    if (!reported.has(key)) violations.push(violation);
    reported.add(key);
  };
  for (const earlier of history) {
    for (const before of earlier.questions) {
      const after = nextById.get(before.id);
      if (!after) continue;
      if (after.type !== before.type) report({ rule: 'type_changed', questionId: before.id });
      else if (roleOf(after) !== roleOf(before)) report({ rule: 'role_changed', questionId: before.id });
    }
  }
  const current = history.at(-1);
  for (const before of current?.questions ?? []) {
    const after = nextById.get(before.id);
    if (!after || after.type !== before.type) continue;
    const kept = new Set(optionIds(after));
    for (const optionId of optionIds(before)) {
      if (!kept.has(optionId)) report({ rule: 'option_removed', questionId: before.id, optionId });
    }
  }
  return violations;
}
