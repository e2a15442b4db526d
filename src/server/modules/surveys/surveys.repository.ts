import type { Kysely, Selectable } from 'kysely';
import type { DB, SurveyPublicationsTable } from '../../db/schema.ts';
import type { Channel } from '../../../shared/channels.ts';

export interface SurveyRow {
  id: string;
  slug: string;
  template: string | null;
  currentVersionId: string | null;
  archivedAt: Date | null;
}

/** A version joined with its survey; the definition is as stored (validated when it was written). */
export interface VersionRow {
  surveyId: string;
  slug: string;
  template: string | null;
  archivedAt: Date | null;
  versionId: string;
  version: number;
  definition: unknown;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
  current: boolean;
}

export interface PublicationRow {
  id: string;
  surveyId: string;
  unitId: string;
  includeSubtree: boolean;
  channels: Channel[];
  createdBy: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

function toPublication(row: Selectable<SurveyPublicationsTable>): PublicationRow {
  return {
    id: row.id,
    surveyId: row.survey_id,
    unitId: row.unit_id,
    includeSubtree: row.include_subtree,
    channels: row.channels as Channel[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    endedAt: row.ended_at,
  };
}

export interface NewVersion {
  surveyId: string;
  version: number;
  definition: object;
  note: string | null;
  createdBy: string | null;
}

export interface NewPublication {
  surveyId: string;
  unitId: string;
  includeSubtree: boolean;
  channels: Channel[];
  createdBy: string | null;
}

export interface SurveysRepository {
  /** The connection or transaction this repository runs on (for the audit log's entry in the same commit). */
  executor: Kysely<DB>;
  /** Runs fn with a repository bound to one transaction; everything it writes commits or nothing does. */
  transaction<T>(fn: (repo: SurveysRepository) => Promise<T>): Promise<T>;
  currentVersion(ref: { id: string } | { slug: string }): Promise<VersionRow | undefined>;
  version(versionId: string): Promise<VersionRow | undefined>;
  /** Oldest first. */
  versionsOf(surveyId: string): Promise<VersionRow[]>;
  survey(surveyId: string): Promise<SurveyRow | undefined>;
  surveysWithCurrent(): Promise<(SurveyRow & { version: number | null; definition: unknown })[]>;
  /** Inserts the survey unless the slug exists; returns the new id, or undefined when it already existed. */
  insertSurveyIfMissing(slug: string, template: string | null): Promise<string | undefined>;
  insertVersion(input: NewVersion): Promise<string>;
  setCurrentVersion(surveyId: string, versionId: string): Promise<void>;
  insertPublication(input: NewPublication): Promise<PublicationRow>;
  /** Ends the publication if it is live; undefined when it was already ended or does not exist. */
  endPublication(publicationId: string, at: Date): Promise<PublicationRow | undefined>;
  publication(publicationId: string): Promise<PublicationRow | undefined>;
  /** Live ones first, newest first. */
  publications(surveyId: string, includeEnded: boolean): Promise<PublicationRow[]>;
}

export function createSurveysRepository(db: Kysely<DB>): SurveysRepository {
  const versions = () =>
    db
      .selectFrom('survey_versions as v')
      .innerJoin('surveys as s', 's.id', 'v.survey_id')
      .select([
        's.id as surveyId',
        's.slug',
        's.template',
        's.archived_at as archivedAt',
        'v.id as versionId',
        'v.version',
        'v.definition',
        'v.note',
        'v.created_by as createdBy',
        'v.created_at as createdAt',
      ])
      .select((eb) => eb('v.id', '=', eb.ref('s.current_version_id')).as('current'));

  return {
    executor: db,

    transaction(fn) {
      return db.transaction().execute((trx) => fn(createSurveysRepository(trx)));
    },

    async currentVersion(ref: { id: string } | { slug: string }): Promise<VersionRow | undefined> {
      let query = versions().whereRef('v.id', '=', 's.current_version_id');
      query = 'id' in ref ? query.where('s.id', '=', ref.id) : query.where('s.slug', '=', ref.slug);
      return (await query.executeTakeFirst()) as VersionRow | undefined;
    },

    async version(versionId: string): Promise<VersionRow | undefined> {
      return (await versions().where('v.id', '=', versionId).executeTakeFirst()) as VersionRow | undefined;
    },

    async versionsOf(surveyId: string): Promise<VersionRow[]> {
      return (await versions()
        .where('v.survey_id', '=', surveyId)
        .orderBy('v.version', 'asc')
        .execute()) as VersionRow[];
    },

    async survey(surveyId: string): Promise<SurveyRow | undefined> {
      return db
        .selectFrom('surveys')
        .select([
          'id',
          'slug',
          'template',
          'current_version_id as currentVersionId',
          'archived_at as archivedAt',
        ])
        .where('id', '=', surveyId)
        .executeTakeFirst();
    },

    async surveysWithCurrent(): Promise<(SurveyRow & { version: number | null; definition: unknown })[]> {
      return db
        .selectFrom('surveys as s')
        .leftJoin('survey_versions as v', 'v.id', 's.current_version_id')
        .select([
          's.id',
          's.slug',
          's.template',
          's.current_version_id as currentVersionId',
          's.archived_at as archivedAt',
          'v.version',
          'v.definition',
        ])
        .orderBy('s.slug')
        .execute();
    },

    async insertSurveyIfMissing(slug: string, template: string | null): Promise<string | undefined> {
      const row = await db
        .insertInto('surveys')
        .values({ slug, template })
        .onConflict((oc) => oc.column('slug').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async insertVersion(input) {
      const row = await db
        .insertInto('survey_versions')
        .values({
          survey_id: input.surveyId,
          version: input.version,
          definition: JSON.stringify(input.definition),
          note: input.note,
          created_by: input.createdBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async setCurrentVersion(surveyId: string, versionId: string): Promise<void> {
      await db
        .updateTable('surveys')
        .set({ current_version_id: versionId, updated_at: new Date() })
        .where('id', '=', surveyId)
        .execute();
    },

    async insertPublication(input) {
      const row = await db
        .insertInto('survey_publications')
        .values({
          survey_id: input.surveyId,
          unit_id: input.unitId,
          include_subtree: input.includeSubtree,
          channels: input.channels,
          created_by: input.createdBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPublication(row);
    },

    async endPublication(publicationId: string, at: Date): Promise<PublicationRow | undefined> {
      const row = await db
        .updateTable('survey_publications')
        .set({ ended_at: at })
        .where('id', '=', publicationId)
        .where('ended_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row && toPublication(row);
    },

    async publication(publicationId: string): Promise<PublicationRow | undefined> {
      const row = await db
        .selectFrom('survey_publications')
        .selectAll()
        .where('id', '=', publicationId)
        .executeTakeFirst();
      return row && toPublication(row);
    },

    async publications(surveyId: string, includeEnded: boolean): Promise<PublicationRow[]> {
      let query = db.selectFrom('survey_publications').selectAll().where('survey_id', '=', surveyId);
      if (!includeEnded) query = query.where('ended_at', 'is', null);
      const rows = await query.orderBy('ended_at', 'desc').orderBy('created_at', 'desc').execute();
      return rows.map(toPublication);
    },
  };
}
