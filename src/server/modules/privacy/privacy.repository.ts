import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// SQL of the privacy module: its settings row, and the core intake tables it purges and erases from itself
// (response_contacts, response_text_originals). Other modules' tables are purged by their own targets.
const SETTINGS_KEY = 'privacy.retention';
const SCAN_BATCH = 500;

export async function readRetentionSettings(db: Kysely<DB>): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTINGS_KEY)
    .executeTakeFirst();
  return row?.value as Record<string, unknown> | undefined;
}

export async function writeRetentionSettings(executor: Kysely<DB>, value: Record<string, number | null>) {
  await executor
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }),
    )
    .execute();
}

export async function deleteResponseContactsBefore(db: Kysely<DB>, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('response_contacts').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteResponseOriginalsBefore(db: Kysely<DB>, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('response_text_originals')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every response contact, a batch at a time (they are encrypted: matching happens after decryption). */
export async function* scanResponseContacts(db: Kysely<DB>) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .selectFrom('response_contacts')
      .select(['response_id', 'ciphertext'])
      .where('response_id', '>', after)
      .orderBy('response_id')
      .limit(SCAN_BATCH)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.response_id;
  }
}

export async function deleteResponseContacts(db: Kysely<DB>, responseIds: string[]): Promise<number> {
  if (responseIds.length === 0) return 0;
  const result = await db
    .deleteFrom('response_contacts')
    .where('response_id', 'in', responseIds)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether a run of the job is already waiting (scheduled, not yet claimed). */
export async function hasWaitingJob(db: Kysely<DB>, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('name', '=', name)
    .where('done_at', 'is', null)
    .where(sql<boolean>`attempts < max_attempts`)
    // Not the one running now (claimed jobs are locked): its handler is the one asking.
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
