// Checks a scope before any SQL runs: bad input is a 4xx with a code, never a 500.
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { InsightsFilters, InsightsScope } from './index.ts';
import { daysBetween, isRealDate } from './insights.dates.ts';

/** Longest period one request may cover (about ten years). */
export const MAX_PERIOD_DAYS = 3700;
const MAX_FILTER_VALUES = 50;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

function checkList(field: string, values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  if (values.length > MAX_FILTER_VALUES || values.some((v) => !TOKEN.test(v))) {
    throw new ValidationError('invalid_filter', 'insights.error_invalid_filter', { field });
  }
  return values.length === 0 ? undefined : [...new Set(values)].sort();
}

export function normaliseFilters(filters: InsightsFilters | undefined): InsightsFilters {
  const f = filters ?? {};
  if (f.surveyId !== undefined && !UUID.test(f.surveyId)) {
    throw new ValidationError('invalid_filter', 'insights.error_invalid_filter', { field: 'surveyId' });
  }
  const result: InsightsFilters = {};
  const channels = checkList('channels', f.channels);
  const respondentTypes = checkList('respondentTypes', f.respondentTypes);
  const languages = checkList('languages', f.languages);
  const ageGroups = checkList('ageGroups', f.ageGroups);
  if (channels) result.channels = channels;
  if (respondentTypes) result.respondentTypes = respondentTypes;
  if (languages) result.languages = languages;
  if (ageGroups) result.ageGroups = ageGroups;
  if (f.surveyId) result.surveyId = f.surveyId.toLowerCase();
  return result;
}

export function hasFilters(filters: InsightsFilters): boolean {
  return Object.keys(filters).length > 0;
}

export async function checkScope(
  scope: InsightsScope,
  unitExists: (id: string) => Promise<boolean>,
): Promise<InsightsScope> {
  for (const field of ['from', 'to'] as const) {
    if (!isRealDate(scope[field])) {
      throw new ValidationError('invalid_date', 'insights.error_invalid_date', {
        field,
        value: scope[field],
      });
    }
  }
  if (scope.from > scope.to) {
    throw new ValidationError('invalid_date_range', 'insights.error_invalid_date_range', {
      from: scope.from,
      to: scope.to,
    });
  }
  if (daysBetween(scope.from, scope.to) > MAX_PERIOD_DAYS) {
    throw new ValidationError('period_too_long', 'insights.error_period_too_long', { days: MAX_PERIOD_DAYS });
  }
  const filters = normaliseFilters(scope.filters);
  if (!(await unitExists(scope.unitId))) {
    throw new NotFoundError('unit_not_found', 'insights.error_unit_not_found', { id: scope.unitId });
  }
  return { unitId: scope.unitId, from: scope.from, to: scope.to, filters };
}
