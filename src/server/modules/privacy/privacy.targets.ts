import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { decrypt } from '../../adapters/crypto/data-key.ts';
import type { ErasureTarget, RetentionTarget } from './index.ts';
import { contactMatches } from './contact-match.ts';
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
  return {
    name: 'intake.response_contacts',
    async eraseContact(request) {
      let erased = 0;
      for await (const rows of scanResponseContacts(db)) {
        const matching = rows
          .filter((row) => {
            try {
              return contactMatches(JSON.parse(decrypt(dataKey, row.ciphertext)) as object, request);
            } catch {
              return false; // sealed with another key: not readable, so not this person's as far as we can tell
            }
          })
          .map((row) => row.response_id);
        erased += await deleteResponseContacts(db, matching);
      }
      return erased;
    },
  };
}
