import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditQuery, AuditRecord } from './index.ts';

// Reads of audit_log for the administrators' search and export, newest first, keyset-paginated by id.
export interface AuditRepository {
  search(query: AuditQuery & { limit: number }): Promise<AuditRecord[]>;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function createAuditRepository(db: Kysely<DB>): AuditRepository {
  return {
    async search(query) {
      let q = db
        .selectFrom('audit_log as a')
        .leftJoin('staff_users as u', 'u.id', 'a.actor_id')
        .select([
          'a.id',
          'a.created_at as at',
          'a.actor_id as actorId',
          'u.email as actorEmail',
          'u.display_name as actorName',
          'a.action',
          'a.target_type as targetType',
          'a.target_id as targetId',
          'a.details',
        ]);
      if (query.actor) {
        const actor = query.actor.trim();
        q = /^[0-9a-f-]{36}$/i.test(actor)
          ? q.where('a.actor_id', '=', actor)
          : q.where(sql<string>`lower(u.email)`, '=', actor.toLowerCase());
      }
      if (query.action) {
        // "feedback." finds every feedback action; a full name finds just that one.
        q = q.where('a.action', 'like', `${escapeLike(query.action)}%`);
      }
      if (query.targetType) q = q.where('a.target_type', '=', query.targetType);
      if (query.targetId) q = q.where('a.target_id', '=', query.targetId);
      if (query.from) q = q.where('a.created_at', '>=', query.from);
      if (query.to) q = q.where('a.created_at', '<', query.to);
      if (query.beforeId !== undefined) q = q.where('a.id', '<', query.beforeId);
      const rows = await q.orderBy('a.id', 'desc').limit(query.limit).execute();
      return rows.map((row) => ({ ...row, details: row.details as Record<string, unknown> }));
    },
  };
}
