import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { isChannel, type Channel } from '../../../shared/channels.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { AuditLog } from '../audit/index.ts';
import type {
  Publication,
  PublicationDetail,
  SurveyAdministration,
  SurveySummary,
  SurveyVersionView,
  SurveysOrganisation,
  SurveysService,
} from './index.ts';
import type { PublicationRow, SurveysRepository, VersionRow } from './surveys.repository.ts';
import { BUILT_IN_TEMPLATES, builtInTemplate } from './templates/index.ts';
import { definitionProblems } from './definition.validation.ts';
import { editViolations } from './versioning.policy.ts';
import { TtlCache } from './ttl-cache.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const NOTE_MAX = 1000;

export interface SurveysServiceDeps {
  repository: SurveysRepository;
  organisation: Pick<SurveysOrganisation, 'getUnit' | 'ancestors'>;
  audit: AuditLog;
  cache?: { ttlMs?: number; now?: () => number };
}

function toView(row: VersionRow): SurveyVersionView {
  return {
    surveyId: row.surveyId,
    slug: row.slug,
    template: row.template,
    versionId: row.versionId,
    version: row.version,
    definition: row.definition as SurveyDefinition,
    createdAt: row.createdAt,
  };
}

function toPublication(row: PublicationRow): PublicationDetail {
  return { ...row };
}

function surveyNotFound(): NotFoundError {
  return new NotFoundError('survey_not_found', 'surveys.error_survey_not_found');
}

/** A second writer of the same (survey_id, version) loses on the unique constraint: that is our race signal. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export function createSurveysService(deps: SurveysServiceDeps): SurveysService & SurveyAdministration {
  const { repository, organisation, audit } = deps;
  // The hot path (every submission) asks getCurrent and isPublished; a 5 s time to live keeps almost all of
  // those off the database while a change made on another instance still arrives within seconds.
  const ttlMs = deps.cache?.ttlMs ?? 5_000;
  const now = deps.cache?.now;
  const current = new TtlCache<SurveyVersionView | undefined>({ ttlMs, maxEntries: 1_000, now });
  const versions = new TtlCache<SurveyVersionView | undefined>({ ttlMs: 3_600_000, maxEntries: 2_000, now });
  const livePublications = new TtlCache<PublicationRow[]>({ ttlMs, maxEntries: 1_000, now });
  const ancestorIds = new TtlCache<string[]>({ ttlMs, maxEntries: 20_000, now });
  const published = new TtlCache<boolean>({ ttlMs, maxEntries: 50_000, now });

  function forgetPublications(surveyId: string): void {
    livePublications.deleteWhere((key) => key === surveyId);
    published.deleteWhere((key) => key.startsWith(`${surveyId}|`));
  }

  async function decidePublished(surveyId: string, unitId: string, channel: Channel): Promise<boolean> {
    const live = await livePublications.get(surveyId, () => repository.publications(surveyId, false));
    const inChannel = live.filter((p) => p.channels.includes(channel));
    if (inChannel.some((p) => p.unitId === unitId)) return true;
    const viaAncestor = inChannel.filter((p) => p.includeSubtree);
    if (viaAncestor.length === 0) return false;
    const ancestors = await ancestorIds.get(unitId, async () =>
      (await organisation.ancestors(unitId)).map((unit) => unit.id),
    );
    return viaAncestor.some((p) => ancestors.includes(p.unitId));
  }

  async function createBuiltIn(name: string, definition: SurveyDefinition): Promise<void> {
    const problems = definitionProblems(definition);
    if (problems.length > 0)
      throw new Error(`built-in template ${name} is invalid: ${JSON.stringify(problems)}`);
    await repository.transaction(async (tx) => {
      // Two instances starting together both get here; the loser's insert does nothing and it stops.
      const surveyId = await tx.insertSurveyIfMissing(name, name);
      if (!surveyId) return;
      const versionId = await tx.insertVersion({
        surveyId,
        version: 1,
        definition,
        note: null,
        createdBy: null,
      });
      await tx.setCurrentVersion(surveyId, versionId);
      await audit.record(
        {
          actorId: null,
          action: 'survey.created',
          targetType: 'survey',
          targetId: surveyId,
          details: { template: name },
        },
        tx.executor,
      );
    });
  }

  return {
    getCurrent(ref) {
      const where = UUID.test(ref) ? { id: ref.toLowerCase() } : SLUG.test(ref) ? { slug: ref } : undefined;
      if (!where) return Promise.resolve(undefined);
      return current.get(ref, async () => {
        const row = await repository.currentVersion(where);
        return row && !row.archivedAt ? toView(row) : undefined;
      });
    },

    async getVersion(versionId) {
      if (!UUID.test(versionId)) return undefined;
      // Versions never change, so they may stay cached long; a miss is not remembered.
      const view = await versions.get(versionId, async () => {
        const row = await repository.version(versionId);
        return row && toView(row);
      });
      if (!view) versions.deleteWhere((key) => key === versionId);
      return view;
    },

    isPublished(surveyId, unitId, channel) {
      if (!UUID.test(surveyId) || !isChannel(channel)) return Promise.resolve(false);
      return published.get(`${surveyId}|${unitId}|${channel}`, () =>
        decidePublished(surveyId, unitId, channel),
      );
    },

    async ensureBuiltInSurveys() {
      for (const template of BUILT_IN_TEMPLATES) await createBuiltIn(template.name, template.definition);
      current.clear();
    },

    async saveVersion(input) {
      const problems = definitionProblems(input.definition);
      if (problems.length > 0) {
        throw new ValidationError(
          'survey_definition_invalid',
          'surveys.error_definition_invalid',
          { count: problems.length },
          { problems },
        );
      }
      const note = input.note?.trim() || null;
      if (note && note.length > NOTE_MAX) {
        throw new ValidationError('survey_note_too_long', 'surveys.error_note_too_long', { max: NOTE_MAX });
      }
      if (!UUID.test(input.surveyId)) throw surveyNotFound();
      let view: SurveyVersionView;
      try {
        view = await repository.transaction(async (tx) => {
          const survey = await tx.survey(input.surveyId);
          if (!survey) throw surveyNotFound();
          const history = await tx.versionsOf(survey.id);
          const currentRow = history.find((row) => row.current);
          if (input.expectedVersion !== undefined && currentRow?.version !== input.expectedVersion) {
            throw new ConflictError('survey_version_conflict', 'surveys.error_version_conflict');
          }
          const ordered = [...history.filter((row) => !row.current), ...(currentRow ? [currentRow] : [])];
          const template = builtInTemplate(survey.template);
          const violations = editViolations(
            ordered.map((row) => row.definition as SurveyDefinition),
            input.definition,
            template?.definition.questions.map((q) => q.id) ?? [],
          );
          if (violations.length > 0) {
            throw new ValidationError(
              'survey_edit_forbidden',
              'surveys.error_edit_forbidden',
              {},
              { violations },
            );
          }
          const version = Math.max(0, ...history.map((row) => row.version)) + 1;
          const versionId = await tx.insertVersion({
            surveyId: survey.id,
            version,
            definition: input.definition,
            note,
            createdBy: input.actorId,
          });
          await tx.setCurrentVersion(survey.id, versionId);
          await audit.record(
            {
              actorId: input.actorId,
              action: 'survey.version_saved',
              targetType: 'survey',
              targetId: survey.id,
              details: { versionId, version },
            },
            tx.executor,
          );
          const saved = await tx.version(versionId);
          if (!saved) throw new Error('saved version vanished');
          return toView(saved);
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError('survey_version_conflict', 'surveys.error_version_conflict');
        }
        throw error;
      }
      current.clear();
      return view;
    },

    async publish(input): Promise<Publication> {
      const channels = [...new Set(input.channels)];
      if (channels.length === 0 || !channels.every(isChannel)) {
        throw new ValidationError('publication_channels_invalid', 'surveys.error_channels_invalid');
      }
      if (!UUID.test(input.surveyId) || !(await repository.survey(input.surveyId))) throw surveyNotFound();
      if (!(await organisation.getUnit(input.unitId))) {
        throw new NotFoundError('unit_not_found', 'surveys.error_unit_not_found');
      }
      const row = await repository.transaction(async (tx) => {
        const inserted = await tx.insertPublication({
          surveyId: input.surveyId,
          unitId: input.unitId,
          includeSubtree: input.includeSubtree,
          channels,
          createdBy: input.actorId,
        });
        await audit.record(
          {
            actorId: input.actorId,
            action: 'survey.published',
            targetType: 'survey_publication',
            targetId: inserted.id,
            details: {
              surveyId: inserted.surveyId,
              unitId: inserted.unitId,
              includeSubtree: inserted.includeSubtree,
              channels: channels.join(','),
            },
          },
          tx.executor,
        );
        return inserted;
      });
      forgetPublications(row.surveyId);
      const { id, surveyId, unitId, includeSubtree } = row;
      return { id, surveyId, unitId, includeSubtree, channels: row.channels };
    },

    async endPublication(input) {
      const notFound = new NotFoundError('publication_not_found', 'surveys.error_publication_not_found');
      if (!UUID.test(input.publicationId)) throw notFound;
      const row = await repository.transaction(async (tx) => {
        const ended = await tx.endPublication(input.publicationId, new Date());
        if (!ended) {
          if (await tx.publication(input.publicationId)) {
            throw new ConflictError('publication_already_ended', 'surveys.error_publication_already_ended');
          }
          throw notFound;
        }
        await audit.record(
          {
            actorId: input.actorId,
            action: 'survey.publication_ended',
            targetType: 'survey_publication',
            targetId: ended.id,
            details: { surveyId: ended.surveyId, unitId: ended.unitId },
          },
          tx.executor,
        );
        return ended;
      });
      forgetPublications(row.surveyId);
      return toPublication(row);
    },

    async listSurveys(): Promise<SurveySummary[]> {
      const rows = await repository.surveysWithCurrent();
      return rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        template: row.template,
        title: row.definition ? (row.definition as SurveyDefinition).title : null,
        versionId: row.currentVersionId,
        version: row.version,
        archived: row.archivedAt !== null,
      }));
    },

    async listVersions(surveyId) {
      if (!UUID.test(surveyId)) return [];
      const rows = await repository.versionsOf(surveyId);
      return rows.reverse().map((row) => ({
        id: row.versionId,
        version: row.version,
        note: row.note,
        createdBy: row.createdBy,
        createdAt: row.createdAt,
        current: row.current,
      }));
    },

    async listPublications(surveyId, options) {
      if (!UUID.test(surveyId)) return [];
      const rows = await repository.publications(surveyId, options?.includeEnded ?? false);
      return rows.map(toPublication);
    },

    async getPublication(publicationId) {
      if (!UUID.test(publicationId)) return undefined;
      const row = await repository.publication(publicationId);
      return row && toPublication(row);
    },
  };
}
