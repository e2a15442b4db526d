import { t } from '../../../i18n/index.ts';
import type { Language } from '../../../shared/languages.ts';
import type { ChatProblem, ChatRatingInput } from './index.ts';

const ID = /^[\w.:\-/]{1,200}$/;
const SYSTEM = /^[a-z0-9][a-z0-9_-]{0,49}$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
export const COMMENT_MAX = 2000;
/** The bands of the report's distribution; the last one is wider so 100 has a place. */
export const RATING_BANDS = [
  [0, 19],
  [20, 39],
  [40, 59],
  [60, 79],
  [80, 100],
] as const;
// A rating from the future is a clock error somewhere; a day's slack allows for clock skew and time zones.
const FUTURE_SLACK_MS = 24 * 3600_000;

/** Checks one rating's fields (the unit is resolved separately); problems carry the item index. */
export function ratingProblems(
  item: ChatRatingInput,
  index: number,
  lang: Language,
  now: Date,
): ChatProblem[] {
  const tr = t(lang);
  const problems: ChatProblem[] = [];
  const add = (field: string, code: string, params: Record<string, number> = {}) =>
    problems.push({ item: index, field, code, message: tr(`chat.error_${code}`, params) });
  if (typeof item.id !== 'string' || !ID.test(item.id)) add('id', 'id_invalid');
  if (item.system !== undefined && (typeof item.system !== 'string' || !SYSTEM.test(item.system)))
    add('system', 'system_invalid');
  if (typeof item.unit !== 'string' || item.unit.trim() === '' || item.unit.length > 64)
    add('unit', 'unit_missing');
  const at =
    typeof item.ratedAt === 'string' && ISO_WITH_ZONE.test(item.ratedAt) ? new Date(item.ratedAt) : null;
  if (!at || Number.isNaN(at.getTime())) add('ratedAt', 'time_invalid');
  else if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) add('ratedAt', 'time_future');
  if (!Number.isInteger(item.rating) || item.rating < 0 || item.rating > 100) add('rating', 'rating_invalid');
  if (item.comment !== undefined && (typeof item.comment !== 'string' || item.comment.length > COMMENT_MAX))
    add('comment', 'comment_too_long', { max: COMMENT_MAX });
  if (item.language !== undefined && !['fi', 'sv', 'en'].includes(item.language))
    add('language', 'language_invalid');
  return problems;
}
