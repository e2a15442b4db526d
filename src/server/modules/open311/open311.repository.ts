import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// SQL for registered Open311 clients. Keys are stored as SHA-256 hashes only.

const COLUMNS = ['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

export async function insertClient(
  db: Kysely<DB>,
  row: { name: string; keyHash: string; keyPrefix: string },
) {
  return db
    .insertInto('open311_clients')
    .values({ name: row.name, key_hash: row.keyHash, key_prefix: row.keyPrefix })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function findActiveByHash(db: Kysely<DB>, keyHash: string) {
  return db
    .selectFrom('open311_clients')
    .select(COLUMNS)
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchClient(db: Kysely<DB>, id: string, now: Date) {
  await db.updateTable('open311_clients').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function listClients(db: Kysely<DB>) {
  return db.selectFrom('open311_clients').select(COLUMNS).orderBy('created_at').execute();
}

export async function revokeClient(db: Kysely<DB>, id: string, now: Date) {
  const result = await db
    .updateTable('open311_clients')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
