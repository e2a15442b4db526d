// Audit: an append-only log of who read personal data or changed configuration. IDs, never content.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditLog {
  /** Records inside the caller's transaction when one is given, so the entry exists exactly when the change does. */
  record(entry: AuditEntry, executor?: Kysely<DB>): Promise<void>;
}

export function createAuditLog(db: Kysely<DB>): AuditLog {
  return {
    async record(entry, executor = db) {
      await executor
        .insertInto('audit_log')
        .values({
          actor_id: entry.actorId,
          action: entry.action,
          target_type: entry.targetType,
          target_id: entry.targetId,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },
  };
}
