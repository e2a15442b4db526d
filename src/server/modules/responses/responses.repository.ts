// Read-only queries for exports. Pages are keyset pages by (local_date, id) (index responses_date_id_idx), so an
// export of millions of rows neither sorts nor holds them all. Only redacted texts are read: originals and contact
// details live in other tables that this file never names.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ExportFilter } from './index.ts';

export interface ExportRow {
  id: string;
  submitted_at: Date;
  local_date: string;
  unit_id: string;
  unit_oid: string | null;
  survey: string;
  survey_version: number;
  channel: string;
  language: string;
  respondent_type: string | null;
  age_group: string | null;
  answers: Record<string, unknown>;
}

export interface UsedVersion {
  slug: string;
  version: number;
  definition: unknown;
}

export interface PageCursor {
  localDate: string;
  id: string;
}

type ResponsesQuery = SelectQueryBuilder<DB, 'responses', object>;

/** A list filter on a nullable column: 'unknown' stands for responses without a value. */
function withOptional(
  query: ResponsesQuery,
  column: 'responses.respondent_type' | 'responses.age_group',
  values: string[] | undefined,
): ResponsesQuery {
  if (!values?.length) return query;
  const known = values.filter((v) => v !== 'unknown');
  const unknown = values.includes('unknown');
  return query.where((eb) => {
    const parts = [];
    if (known.length) parts.push(eb(column, 'in', known));
    if (unknown) parts.push(eb(column, 'is', null));
    return eb.or(parts);
  });
}

function filtered(db: Kysely<DB>, filter: ExportFilter): ResponsesQuery {
  let query: ResponsesQuery = db.selectFrom('responses');
  if (filter.unitId !== undefined) {
    const root = filter.unitId;
    query = query.where('responses.unit_id', 'in', (eb) =>
      eb.selectFrom('org_unit_closure').select('descendant_id').where('ancestor_id', '=', root),
    );
  }
  if (filter.from !== undefined) query = query.where('responses.local_date', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('responses.local_date', '<=', filter.to);
  if (filter.channels?.length) query = query.where('responses.channel', 'in', filter.channels);
  if (filter.languages?.length) query = query.where('responses.language', 'in', filter.languages);
  query = withOptional(query, 'responses.respondent_type', filter.respondentTypes);
  query = withOptional(query, 'responses.age_group', filter.ageGroups);
  if (filter.excludeFlagged) query = query.where('responses.flag', 'is', null);
  return query;
}

export function createResponsesRepository(db: Kysely<DB>) {
  return {
    async unitExists(id: string): Promise<boolean> {
      const row = await db.selectFrom('org_units').select('id').where('id', '=', id).executeTakeFirst();
      return row !== undefined;
    },

    async count(filter: ExportFilter): Promise<number> {
      const row = await filtered(db, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The survey versions that the filtered responses answered (for the CSV columns). */
    async usedVersions(filter: ExportFilter): Promise<UsedVersion[]> {
      return db
        .selectFrom('survey_versions as v')
        .innerJoin('surveys as s', 's.id', 'v.survey_id')
        .select(['s.slug as slug', 'v.version as version', 'v.definition as definition'])
        .where('v.id', 'in', filtered(db, filter).select('responses.survey_version_id').distinct())
        .orderBy('s.slug')
        .orderBy('v.version')
        .execute();
    },

    async currentVersion(slug: string): Promise<UsedVersion | undefined> {
      return db
        .selectFrom('surveys as s')
        .innerJoin('survey_versions as v', 'v.id', 's.current_version_id')
        .select(['s.slug as slug', 'v.version as version', 'v.definition as definition'])
        .where('s.slug', '=', slug)
        .executeTakeFirst();
    },

    async page(filter: ExportFilter, after: PageCursor | null, limit: number): Promise<ExportRow[]> {
      let query = filtered(db, filter)
        .innerJoin('surveys', 'surveys.id', 'responses.survey_id')
        .innerJoin('survey_versions', 'survey_versions.id', 'responses.survey_version_id')
        .leftJoin('org_units', 'org_units.id', 'responses.unit_id')
        .select([
          'responses.id',
          'responses.submitted_at',
          'responses.local_date',
          'responses.unit_id',
          'org_units.oid as unit_oid',
          'surveys.slug as survey',
          'survey_versions.version as survey_version',
          'responses.channel',
          'responses.language',
          'responses.respondent_type',
          'responses.age_group',
          'responses.answers',
        ]);
      if (after) {
        query = query.where(
          sql<boolean>`(responses.local_date, responses.id) > (cast(${after.localDate} as date), cast(${after.id} as uuid))`,
        );
      }
      return query.orderBy('responses.local_date').orderBy('responses.id').limit(limit).execute();
    },

    async redactedTexts(
      responseIds: string[],
    ): Promise<{ response_id: string; question_id: string; text_redacted: string }[]> {
      if (responseIds.length === 0) return [];
      return db
        .selectFrom('response_texts')
        .select(['response_id', 'question_id', 'text_redacted'])
        .where('response_id', 'in', responseIds)
        .execute();
    },
  };
}

export type ResponsesRepository = ReturnType<typeof createResponsesRepository>;
