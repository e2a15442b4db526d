import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { helsinkiDate } from '../../../shared/helsinki-time.ts';
import { redactText } from '../../../shared/redaction.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import type { OrgUnit } from '../organisation/index.ts';
import { HOME_CARE_SLUG } from '../surveys/index.ts';
import type { HomeCareDeps, HomeCareService } from './index.ts';
import { mayRecord, mayReport } from './home-care.policy.ts';
import { buildReport } from './home-care.report.ts';
import type { HomeCareRepository } from './home-care.repository.ts';

const NOTE_MAX = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createHomeCareService(
  deps: Omit<HomeCareDeps, 'db'>,
  repository: HomeCareRepository,
): HomeCareService {
  const { intake, surveys, organisation, auth } = deps;
  const now = deps.now ?? (() => new Date());

  async function checkedUnit(
    unitId: string,
    principal: StaffPrincipal,
    allowed: typeof mayRecord,
  ): Promise<OrgUnit> {
    const chain = await organisation.ancestors(unitId);
    const unit = chain.at(-1);
    if (!unit || unit.id !== unitId)
      throw new ValidationError('home_care_unknown_unit', 'homecare.error_unknown_unit');
    if (
      !allowed(
        auth,
        principal,
        chain.map((u) => u.id),
      )
    )
      throw new ForbiddenError('home_care_forbidden', 'homecare.error_forbidden');
    return unit;
  }

  async function ownVisit(visitId: string, principal: StaffPrincipal) {
    const visit = await repository.findVisit(visitId);
    if (!visit || visit.staff_id !== principal.userId)
      throw new NotFoundError('home_care_visit_not_found', 'homecare.error_visit_not_found');
    return visit;
  }

  const service: HomeCareService = {
    async survey() {
      const survey = await surveys.getCurrent(HOME_CARE_SLUG);
      if (!survey) throw new NotFoundError('home_care_survey_missing', 'homecare.error_survey_missing');
      return survey;
    },

    unitFor: (unitId, principal) => checkedUnit(unitId, principal, mayRecord),

    async recordClientAnswer(answer, principal) {
      const unit = await checkedUnit(answer.unitId, principal, mayRecord);
      const survey = await service.survey();
      const stored = await intake.submit(
        {
          submissionId: answer.visitId,
          survey: survey.surveyId,
          unit: unit.id,
          channel: 'home_care',
          language: answer.language,
          answers: answer.answers,
        },
        { clientKey: `staff:${principal.userId}`, lang: answer.language },
      );
      // The visit is written after intake committed; resending the same visit heals a crash in between.
      const visit = await repository.ensureVisit({
        id: answer.visitId,
        unitId: unit.id,
        staffId: principal.userId,
        responseId: stored.id,
        declined: false,
        localDate: helsinkiDate(now()),
      });
      if (!visit || visit.staff_id !== principal.userId)
        throw new NotFoundError('home_care_visit_not_found', 'homecare.error_visit_not_found');
      return { created: stored.created };
    },

    async recordDeclined(visit, principal) {
      const unit = await checkedUnit(visit.unitId, principal, mayRecord);
      const stored = await repository.ensureVisit({
        id: visit.visitId,
        unitId: unit.id,
        staffId: principal.userId,
        responseId: null,
        declined: true,
        localDate: helsinkiDate(now()),
      });
      if (!stored || stored.staff_id !== principal.userId)
        throw new NotFoundError('home_care_visit_not_found', 'homecare.error_visit_not_found');
    },

    async assess(visitId, input, principal) {
      await ownVisit(visitId, principal);
      const raw = input.note?.trim() ?? '';
      if (raw.length > NOTE_MAX)
        throw new ValidationError('home_care_note_too_long', 'homecare.error_note_too_long', {
          max: NOTE_MAX,
        });
      // The note is kept redacted only: it is the staff member's own words, never needed in the original.
      const note = raw === '' ? null : redactText(raw).text;
      await repository.insertAssessment({
        visitId,
        onTime: input.onTime,
        affectedBy: input.affectedBy,
        note,
      });
    },

    async report(query, principal) {
      if (!DATE.test(query.from) || !DATE.test(query.to) || query.from > query.to)
        throw new ValidationError('home_care_period_invalid', 'homecare.error_period_invalid');
      const unit = await checkedUnit(query.unitId, principal, mayReport);
      const unitIds = await organisation.subtreeIds(unit.id);
      const groups = await repository.visitGroups(unitIds, query.from, query.to);
      return buildReport({ unit, from: query.from, to: query.to, minGroupSize: deps.minGroupSize, groups });
    },
  };
  return service;
}
