import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { uuidv7 } from '../../ids.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import type { OrgUnit } from '../organisation/index.ts';
import type { SurveyVersionView } from '../surveys/index.ts';
import type { EntryChannel, EntryDeps, EntryService } from './index.ts';
import { ENTRY_CHANNELS, canEnterFor } from './entry.policy.ts';
import type { EntryRepository } from './entry.repository.ts';

const LABEL_MAX = 200;

export function createEntryService(
  deps: Pick<EntryDeps, 'intake' | 'surveys' | 'organisation' | 'auth'>,
  repository: EntryRepository,
): EntryService {
  const { intake, surveys, organisation, auth } = deps;

  async function unitFor(unitId: string, principal: StaffPrincipal): Promise<OrgUnit> {
    const chain = await organisation.ancestors(unitId);
    const unit = chain.at(-1);
    if (!unit || unit.id !== unitId)
      throw new ValidationError('entry_unknown_unit', 'entry.error_unknown_unit');
    if (
      !canEnterFor(
        auth,
        principal,
        chain.map((u) => u.id),
      )
    )
      throw new ForbiddenError('entry_forbidden', 'entry.error_forbidden');
    return unit;
  }

  async function surveyOf(surveyId: string): Promise<SurveyVersionView> {
    const survey = await surveys.getCurrent(surveyId);
    if (!survey) throw new ValidationError('entry_unknown_survey', 'entry.error_unknown_survey');
    return survey;
  }

  async function visibleBatch(batchId: string, principal: StaffPrincipal) {
    const batch = await repository.findBatch(batchId);
    if (!batch) throw new NotFoundError('entry_batch_not_found', 'entry.error_batch_not_found');
    const chain = await organisation.ancestors(batch.unitId);
    const own = batch.enteredBy === principal.userId;
    if (
      !canEnterFor(
        auth,
        principal,
        chain.map((u) => u.id),
      ) ||
      (!own && !isCoordinating(principal))
    )
      throw new NotFoundError('entry_batch_not_found', 'entry.error_batch_not_found');
    return { batch, unit: chain.at(-1)! };
  }

  // A handler works on their own piles; coordinators, managers and admins may also finish someone else's.
  function isCoordinating(principal: StaffPrincipal): boolean {
    return principal.roles.some((r) => r.role !== 'handler' && r.role !== 'analyst' && r.role !== 'viewer');
  }

  return {
    async startBatch(input, principal) {
      const unit = await unitFor(input.unitId, principal);
      const survey = await surveyOf(input.surveyId);
      if (!(await surveys.isPublished(survey.surveyId, unit.id, input.channel)))
        throw new ValidationError('entry_not_published', 'entry.error_not_published');
      const label = input.label?.trim().slice(0, LABEL_MAX) || null;
      return repository.insertBatch({
        id: uuidv7(),
        surveyId: survey.surveyId,
        unitId: unit.id,
        channel: input.channel,
        language: input.language,
        label,
        enteredBy: principal.userId,
      });
    },

    async getBatch(batchId, principal) {
      const { batch, unit } = await visibleBatch(batchId, principal);
      return { ...batch, unit, survey: await surveyOf(batch.surveyId) };
    },

    listOwnBatches: (principal, limit = 20) => repository.listByPerson(principal.userId, limit),

    async enterForm(batchId, form, principal) {
      const { batch } = await visibleBatch(batchId, principal);
      if (batch.closedAt) throw new ConflictError('entry_batch_closed', 'entry.error_batch_closed');
      const stored = await intake.submit(
        {
          submissionId: form.submissionId,
          survey: batch.surveyId,
          unit: batch.unitId,
          channel: batch.channel,
          language: batch.language,
          answers: form.answers,
        },
        // Entry is rate-limited per person, not per office network: a whole ward may share one address.
        { clientKey: `staff:${principal.userId}`, lang: principal.locale },
      );
      // Recorded after intake committed: a crash in between is healed by resending the same submission id.
      const formNumber = await repository.recordForm({
        responseId: stored.id,
        batchId: batch.id,
        enteredBy: principal.userId,
      });
      return { responseId: stored.id, created: stored.created, formNumber };
    },

    async closeBatch(batchId, principal) {
      await visibleBatch(batchId, principal);
      await repository.closeBatch(batchId);
    },

    async offeredAt(unitId, principal) {
      const unit = await unitFor(unitId, principal);
      const candidates = (await surveys.listSurveys()).filter((s) => !s.archived);
      const offered = await Promise.all(
        candidates.map(async (candidate) => {
          const open = await Promise.all(
            ENTRY_CHANNELS.map(async (c) =>
              (await surveys.isPublished(candidate.id, unit.id, c)) ? c : null,
            ),
          );
          const channels = open.filter((c): c is EntryChannel => c !== null);
          const survey = channels.length > 0 ? await surveys.getCurrent(candidate.id) : undefined;
          return survey ? { survey, channels } : undefined;
        }),
      );
      return {
        unit,
        surveys: offered
          .filter((o): o is NonNullable<typeof o> => o !== undefined)
          .sort((a, b) => a.survey.slug.localeCompare(b.survey.slug)),
      };
    },

    async printable(surveyId, unitId, principal) {
      const unit = await unitFor(unitId, principal);
      return { unit, survey: await surveyOf(surveyId) };
    },
  };
}
