import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ErasureTarget, RetentionTarget } from './index.ts';
import { encryptedContactErasure } from './encrypted-contacts.ts';
import {
  deleteResponseContacts,
  deleteResponseContactsBefore,
  deleteResponseOriginalsBefore,
  scanResponseContacts,
} from './privacy.repository.ts';

// The core intake tables' part in retention and erasure: survey "contact me" details and unredacted originals.
// The responses themselves (scores, redacted text) stay: they are anonymous and feed the figures.

export function intakeRetentionTargets(db: Kysely<DB>): RetentionTarget[] {
  return [
    {
      kind: 'contact_details',
      name: 'intake.response_contacts',
      purgeOlderThan: (cutoff) => deleteResponseContactsBefore(db, cutoff),
    },
    {
      kind: 'text_originals',
      name: 'intake.response_text_originals',
      purgeOlderThan: (cutoff) => deleteResponseOriginalsBefore(db, cutoff),
    },
  ];
}

export function intakeErasureTarget(db: Kysely<DB>, dataKey: Buffer): ErasureTarget {
  return encryptedContactErasure({
    name: 'intake.response_contacts',
    dataKey,
    scan: async function* () {
      for await (const rows of scanResponseContacts(db))
        yield rows.map((row) => ({ id: row.response_id, ciphertext: row.ciphertext }));
    },
    remove: (ids) => deleteResponseContacts(db, ids),
  });
}
