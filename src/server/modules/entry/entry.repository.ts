import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Language } from '../../../shared/languages.ts';
import type { EntryBatch, EntryChannel } from './index.ts';

interface BatchRow {
  id: string;
  survey_id: string;
  unit_id: string;
  channel: EntryChannel;
  language: 'fi' | 'sv' | 'en';
  label: string | null;
  entered_by: string;
  created_at: Date;
  closed_at: Date | null;
  form_count: number;
}

function toBatch(row: BatchRow): EntryBatch {
  return {
    id: row.id,
    surveyId: row.survey_id,
    unitId: row.unit_id,
    channel: row.channel,
    language: row.language as Language,
    label: row.label,
    enteredBy: row.entered_by,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    formCount: Number(row.form_count),
  };
}

export function createEntryRepository(db: Kysely<DB>) {
  const batches = () =>
    db.selectFrom('entry_batches as b').select([
      'b.id',
      'b.survey_id',
      'b.unit_id',
      'b.channel',
      'b.language',
      'b.label',
      'b.entered_by',
      'b.created_at',
      'b.closed_at',
      (eb) =>
        eb
          .selectFrom('entry_records as r')
          .whereRef('r.batch_id', '=', 'b.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('form_count'),
    ]);

  return {
    async insertBatch(batch: Omit<EntryBatch, 'createdAt' | 'closedAt' | 'formCount'>): Promise<EntryBatch> {
      await db
        .insertInto('entry_batches')
        .values({
          id: batch.id,
          survey_id: batch.surveyId,
          unit_id: batch.unitId,
          channel: batch.channel,
          language: batch.language as 'fi' | 'sv' | 'en',
          label: batch.label,
          entered_by: batch.enteredBy,
        })
        .execute();
      return (await this.findBatch(batch.id))!;
    },

    async findBatch(id: string): Promise<EntryBatch | undefined> {
      const row = await batches().where('b.id', '=', id).executeTakeFirst();
      return row && toBatch(row as BatchRow);
    },

    async listByPerson(userId: string, limit: number): Promise<EntryBatch[]> {
      const rows = await batches()
        .where('b.entered_by', '=', userId)
        .orderBy('b.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => toBatch(r as BatchRow));
    },

    async closeBatch(id: string): Promise<void> {
      await db
        .updateTable('entry_batches')
        .set({ closed_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('closed_at', 'is', null)
        .execute();
    },

    /**
     * Records a stored response in the batch, numbered after the forms before it; a response already recorded
     * keeps its first number (a resent form). Returns the form's number.
     */
    async recordForm(input: { responseId: string; batchId: string; enteredBy: string }): Promise<number> {
      return db.transaction().execute(async (trx) => {
        // Serialises numbering within the batch; other batches are not held up.
        await trx
          .selectFrom('entry_batches')
          .select('id')
          .where('id', '=', input.batchId)
          .forUpdate()
          .execute();
        const existing = await trx
          .selectFrom('entry_records')
          .select('form_number')
          .where('response_id', '=', input.responseId)
          .executeTakeFirst();
        if (existing) return existing.form_number;
        const { n } = await trx
          .selectFrom('entry_records')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('batch_id', '=', input.batchId)
          .executeTakeFirstOrThrow();
        const formNumber = Number(n) + 1;
        await trx
          .insertInto('entry_records')
          .values({
            response_id: input.responseId,
            batch_id: input.batchId,
            form_number: formNumber,
            entered_by: input.enteredBy,
          })
          .execute();
        return formNumber;
      });
    },
  };
}

export type EntryRepository = ReturnType<typeof createEntryRepository>;
