// Audit: an append-only log of who read personal data or changed configuration (IDs, never content), and the
// global administrators' search and CSV export of it (/staff/audit, /api/v1/staff/audit). Owns audit_log.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { StaffPrincipal } from '../staff/index.ts';

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

export interface AuditQuery {
  /** A staff user id, or an e-mail address (any letter case). */
  actor?: string | undefined;
  /** An action name or its beginning, e.g. "feedback." for every feedback action. */
  action?: string | undefined;
  targetType?: string | undefined;
  /** The subject: the id of the item acted on. */
  targetId?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  /** Keyset pagination: entries older than this id. */
  beforeId?: number | undefined;
  limit?: number | undefined;
}

export interface AuditRecord {
  id: number;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditService {
  /** Newest first; ForbiddenError unless the principal is a global administrator. */
  search(principal: StaffPrincipal, query: AuditQuery): Promise<AuditRecord[]>;
  /** CSV chunks (UTF-8 with BOM, CRLF) of every matching entry; the export itself is audited as audit.exported. */
  exportCsv(principal: StaffPrincipal, query: AuditQuery): AsyncIterable<string>;
}

export interface AuditModule {
  log: AuditLog;
  service: AuditService;
  routes: RouteRegistrar;
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

export { createAuditModule } from './audit.module.ts';
export type { AuditDeps } from './audit.module.ts';
