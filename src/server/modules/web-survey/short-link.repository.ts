import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface ShortLinkRow {
  code: string;
  surveyId: string;
  unitId: string;
}

export function createShortLinkRepository(db: Kysely<DB>) {
  return {
    async getByCode(code: string): Promise<ShortLinkRow | undefined> {
      const row = await db
        .selectFrom('short_links')
        .select(['code', 'survey_id', 'unit_id'])
        .where('code', '=', code)
        .executeTakeFirst();
      return row && { code: row.code, surveyId: row.survey_id, unitId: row.unit_id };
    },

    async listForSurvey(surveyId: string, unitIds: string[]): Promise<ShortLinkRow[]> {
      if (unitIds.length === 0) return [];
      const rows = await db
        .selectFrom('short_links')
        .select(['code', 'survey_id', 'unit_id'])
        .where('survey_id', '=', surveyId)
        .where('unit_id', 'in', unitIds)
        .execute();
      return rows.map((r) => ({ code: r.code, surveyId: r.survey_id, unitId: r.unit_id }));
    },

    /**
     * Inserts what it can and silently skips rows that clash on either the code or (survey, unit): a concurrent
     * instance may have created the pair's code first, and a random code may already be taken. Callers re-read.
     */
    async insertIgnoringConflicts(rows: ShortLinkRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('short_links')
        .values(rows.map((r) => ({ code: r.code, survey_id: r.surveyId, unit_id: r.unitId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
  };
}

export type ShortLinkRepository = ReturnType<typeof createShortLinkRepository>;
