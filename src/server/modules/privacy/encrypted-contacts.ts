import { decrypt } from '../../adapters/crypto/data-key.ts';
import type { ErasureTarget } from './index.ts';
import { contactMatches } from './contact-match.ts';

/**
 * An erasure target over a table of encrypted contact details ({ name?, email?, phone? } as JSON): every row is
 * decrypted in batches, matched against the request however the address or number was typed, and deleted.
 */
export function encryptedContactErasure(options: {
  name: string;
  dataKey: Buffer;
  scan: () => AsyncIterable<{ id: string; ciphertext: Uint8Array }[]>;
  remove: (ids: string[]) => Promise<number>;
}): ErasureTarget {
  return {
    name: options.name,
    async eraseContact(request) {
      let erased = 0;
      for await (const rows of options.scan()) {
        const matching = rows
          .filter((row) => {
            try {
              return contactMatches(JSON.parse(decrypt(options.dataKey, row.ciphertext)) as object, request);
            } catch {
              return false; // sealed with another key: unreadable, so not known to be this person's
            }
          })
          .map((row) => row.id);
        erased += await options.remove(matching);
      }
      return erased;
    },
  };
}
