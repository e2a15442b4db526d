import { NotFoundError } from '../../errors.ts';
import type { Channel } from '../../../shared/channels.ts';
import type { OrganisationService, OrgUnit } from '../organisation/index.ts';
import type { SurveysService, SurveyVersionView } from '../surveys/index.ts';
import { SURVEY_REF, UNIT_ID } from './intake.envelope.ts';
import { helsinkiDate } from './intake.prepare.ts';

// Step 3 of the pipeline: what the submission refers to must exist and be open for answers. Every reject is a
// 404 with its own code, so a kiosk can tell "wrong unit id" from "survey taken out of use".

function notFound(code: string): NotFoundError {
  return new NotFoundError(code, `intake.${code}`);
}

export interface Resolver {
  survey(ref: string): Promise<SurveyVersionView>;
  /** The unit, open on the Finnish calendar day the answer was given (late kiosk answers still count). */
  unit(id: string, answeredAt: Date): Promise<OrgUnit>;
  assertPublished(surveyId: string, unitId: string, channel: Channel): Promise<void>;
}

const MAX_CACHED_UNITS = 20_000;

export function createResolver(deps: {
  surveys: SurveysService;
  organisation: OrganisationService;
  unitCacheTtlMs: number;
  now: () => number;
}): Resolver {
  // Units are read on every submission; the surveys module caches its own lookups (5 s), so does this.
  // Closing a unit therefore takes effect within the TTL, like a new survey version does.
  const units = new Map<string, { expires: number; value: Promise<OrgUnit | undefined> }>();

  function getUnit(id: string): Promise<OrgUnit | undefined> {
    if (deps.unitCacheTtlMs <= 0) return deps.organisation.getUnit(id);
    const now = deps.now();
    const hit = units.get(id);
    if (hit && hit.expires > now) return hit.value;
    if (units.size >= MAX_CACHED_UNITS) units.clear();
    const value = deps.organisation.getUnit(id);
    units.set(id, { expires: now + deps.unitCacheTtlMs, value });
    value.catch(() => units.delete(id));
    return value;
  }

  return {
    async survey(ref) {
      if (typeof ref !== 'string' || !SURVEY_REF.test(ref)) throw notFound('survey_not_found');
      const survey = await deps.surveys.getCurrent(ref);
      if (!survey) throw notFound('survey_not_found');
      return survey;
    },
    async unit(id, answeredAt) {
      if (typeof id !== 'string' || !UNIT_ID.test(id)) throw notFound('unit_not_found');
      const unit = await getUnit(id);
      if (!unit) throw notFound('unit_not_found');
      const day = helsinkiDate(answeredAt);
      // valid_to is the last day of operation; dates compare as YYYY-MM-DD strings.
      if ((unit.validTo !== null && day > unit.validTo) || (unit.validFrom !== null && day < unit.validFrom))
        throw notFound('unit_closed');
      return unit;
    },
    async assertPublished(surveyId, unitId, channel) {
      if (!(await deps.surveys.isPublished(surveyId, unitId, channel)))
        throw notFound('survey_not_available');
    },
  };
}
