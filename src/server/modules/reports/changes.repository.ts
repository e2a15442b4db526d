// SQL for "what we changed based on feedback" entries.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface ChangeRow {
  id: string;
  unit_id: string;
  text_fi: string;
  text_sv: string | null;
  text_en: string | null;
  changed_on: string;
}

export function createChangesRepository(db: Kysely<DB>) {
  return {
    async insert(row: Omit<ChangeRow, 'id'> & { created_by: string | null }): Promise<string> {
      const inserted = await db
        .insertInto('report_changes')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },
    /** Newest first; only entries not removed. */
    async listForUnits(unitIds: readonly string[], limit: number): Promise<ChangeRow[]> {
      if (unitIds.length === 0) return [];
      return db
        .selectFrom('report_changes')
        .select(['id', 'unit_id', 'text_fi', 'text_sv', 'text_en', 'changed_on'])
        .where('unit_id', 'in', unitIds)
        .where('removed_at', 'is', null)
        .orderBy('changed_on', 'desc')
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },
    async get(id: string): Promise<ChangeRow | undefined> {
      return db
        .selectFrom('report_changes')
        .select(['id', 'unit_id', 'text_fi', 'text_sv', 'text_en', 'changed_on'])
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
    },
    async remove(id: string): Promise<void> {
      await db.updateTable('report_changes').set({ removed_at: new Date() }).where('id', '=', id).execute();
    },
  };
}

export type ChangesRepository = ReturnType<typeof createChangesRepository>;
