import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { encryptedContactErasure, type ErasureTarget, type RetentionTarget } from '../privacy/index.ts';
import { createFeedbackRetentionRepository } from './feedback.retention.repository.ts';

// Open feedback's part in the privacy module's daily retention job and in erasure on request: reply contact
// details, unredacted originals, images, and (after the longest period) the redacted words themselves.

export function feedbackRetentionTargets(db: Kysely<DB>): RetentionTarget[] {
  const repo = createFeedbackRetentionRepository(db);
  return [
    { kind: 'contact_details', name: 'feedback.contacts', purgeOlderThan: repo.deleteContactsBefore },
    { kind: 'text_originals', name: 'feedback.originals', purgeOlderThan: repo.deleteOriginalsBefore },
    { kind: 'attachments', name: 'feedback.attachments', purgeOlderThan: repo.deleteAttachmentsBefore },
    { kind: 'free_text', name: 'feedback.descriptions', purgeOlderThan: repo.blankTextsBefore },
  ];
}

export function feedbackErasureTarget(db: Kysely<DB>, dataKey: Buffer): ErasureTarget {
  const repo = createFeedbackRetentionRepository(db);
  return encryptedContactErasure({
    name: 'feedback.contacts',
    dataKey,
    scan: async function* () {
      for await (const rows of repo.scanContacts())
        yield rows.map((row) => ({ id: row.feedback_id, ciphertext: row.ciphertext }));
    },
    remove: (ids) => repo.deleteContacts(ids),
  });
}
