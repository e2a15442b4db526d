import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Retention and erasure of open feedback's personal data (docs/privacy.md). Deletions are by age of the row;
// the feedback item itself stays (its type, unit, status and dates feed the handling statistics).

const SCAN_BATCH = 500;

async function count(result: Promise<{ numDeletedRows?: bigint; numUpdatedRows?: bigint }>): Promise<number> {
  const r = await result;
  return Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0n);
}

export function createFeedbackRetentionRepository(db: Kysely<DB>) {
  return {
    deleteContactsBefore: (cutoff: Date) =>
      count(db.deleteFrom('feedback_contacts').where('created_at', '<', cutoff).executeTakeFirst()),

    deleteOriginalsBefore: (cutoff: Date) =>
      count(db.deleteFrom('feedback_originals').where('created_at', '<', cutoff).executeTakeFirst()),

    deleteAttachmentsBefore: (cutoff: Date) =>
      count(db.deleteFrom('feedback_attachments').where('created_at', '<', cutoff).executeTakeFirst()),

    /** Blanks the redacted description and its public version; the item stays, without words. */
    blankTextsBefore: (cutoff: Date) =>
      count(
        db
          .updateTable('feedback_items')
          .set({ description_redacted: '', public_description: null, updated_at: sql<Date>`now()` })
          .where('created_at', '<', cutoff)
          .where((eb) =>
            eb.or([eb('description_redacted', '<>', ''), eb('public_description', 'is not', null)]),
          )
          .executeTakeFirst(),
      ),

    /** Every stored contact, a batch at a time (they are encrypted: matching happens after decryption). */
    async *scanContacts() {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await db
          .selectFrom('feedback_contacts')
          .select(['feedback_id', 'ciphertext'])
          .where('feedback_id', '>', after)
          .orderBy('feedback_id')
          .limit(SCAN_BATCH)
          .execute();
        if (rows.length === 0) return;
        yield rows;
        after = rows[rows.length - 1]!.feedback_id;
      }
    },

    async deleteContacts(feedbackIds: string[]): Promise<number> {
      if (feedbackIds.length === 0) return 0;
      return count(
        db.deleteFrom('feedback_contacts').where('feedback_id', 'in', feedbackIds).executeTakeFirst(),
      );
    },
  };
}
