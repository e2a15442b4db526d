import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Open311Client, Open311ClientService } from './index.ts';
import * as repo from './open311.repository.ts';

// API keys are 32 random bytes (256 bits) in base64url with a "k311_" prefix, so a plain SHA-256 is enough to
// store them: there is nothing to guess. The first characters stay visible to tell keys apart.

const PREFIX = 'k311_';

export function hashKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

function toClient(row: Awaited<ReturnType<typeof repo.listClients>>[number]): Open311Client {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function createClientService(
  db: Kysely<DB>,
  now: () => Date = () => new Date(),
): Open311ClientService {
  return {
    async create(name) {
      const clean = name.trim();
      if (clean.length < 1 || clean.length > 200)
        throw new ValidationError('invalid_client_name', 'open311.error_client_name');
      const apiKey = PREFIX + randomBytes(32).toString('base64url');
      const row = await repo.insertClient(db, {
        name: clean,
        keyHash: hashKey(apiKey),
        keyPrefix: apiKey.slice(0, PREFIX.length + 6),
      });
      return { client: toClient(row), apiKey };
    },
    async authenticate(apiKey) {
      if (!apiKey.startsWith(PREFIX) || apiKey.length > 100) return undefined;
      const row = await repo.findActiveByHash(db, hashKey(apiKey));
      if (!row) return undefined;
      await repo.touchClient(db, row.id, now());
      return toClient(row);
    },
    async list() {
      return (await repo.listClients(db)).map(toClient);
    },
    async revoke(id) {
      if ((await repo.revokeClient(db, id, now())) === 0)
        throw new NotFoundError('client_not_found', 'open311.error_client_not_found');
    },
  };
}
