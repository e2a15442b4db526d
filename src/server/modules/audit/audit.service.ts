import { ForbiddenError, ValidationError } from '../../errors.ts';
import { can, type StaffPrincipal } from '../staff/index.ts';
import type { AuditLog, AuditRecord, AuditService } from './index.ts';
import type { AuditRepository } from './audit.repository.ts';

// Searching and exporting the audit log: global administrators only, and an export is itself audited (it
// copies who read whose data out of the system).
export const AUDIT_PAGE_SIZE = 100;
const EXPORT_BATCH = 1000;
export const EXPORT_MAX_ROWS = 200_000;

/** 'YYYY-MM-DD' is a day in Finnish time; with nextDay, the moment that day ends (for an inclusive end date). */
export function dayStart(day: string, nextDay = false): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!match || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new ValidationError('invalid_date', 'access.audit_invalid_date');
  }
  const midnight = Date.UTC(y, m - 1, d + (nextDay ? 1 : 0));
  // Helsinki is UTC+2 or UTC+3: take the offset in force at that wall-clock midnight.
  return new Date(midnight - helsinkiOffsetHours(new Date(midnight)) * 3600_000);
}

function helsinkiOffsetHours(at: Date): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d+)/.exec(name ?? '');
  return match ? Number(match[1]) : 2;
}

const CSV_COLUMNS = [
  'id',
  'time',
  'actor_id',
  'actor_email',
  'action',
  'target_type',
  'target_id',
  'details',
];

/** RFC 4180 quoting, and a leading ' for cells a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(record: AuditRecord): string {
  return [
    String(record.id),
    record.at.toISOString(),
    record.actorId ?? '',
    record.actorEmail ?? '',
    record.action,
    record.targetType,
    record.targetId ?? '',
    JSON.stringify(record.details),
  ]
    .map(csvCell)
    .join(',');
}

export function createAuditService(deps: { repository: AuditRepository; log: AuditLog }): AuditService {
  function authorise(principal: StaffPrincipal): void {
    if (!can(principal, 'administer', [])) throw new ForbiddenError('forbidden', 'errors.forbidden');
  }

  return {
    async search(principal, query) {
      authorise(principal);
      const limit = Math.min(Math.max(query.limit ?? AUDIT_PAGE_SIZE, 1), 1000);
      return deps.repository.search({ ...query, limit });
    },

    async *exportCsv(principal, query) {
      authorise(principal);
      await deps.log.record({
        actorId: principal.userId,
        action: 'audit.exported',
        targetType: 'audit_log',
        targetId: null,
        details: {
          actor: query.actor ?? null,
          action: query.action ?? null,
          targetType: query.targetType ?? null,
          targetId: query.targetId ?? null,
          from: query.from?.toISOString() ?? null,
          to: query.to?.toISOString() ?? null,
        },
      });
      yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
      let beforeId = query.beforeId;
      for (let sent = 0; sent < EXPORT_MAX_ROWS;) {
        const batch = await deps.repository.search({ ...query, beforeId, limit: EXPORT_BATCH });
        if (batch.length === 0) return;
        yield batch.map((r) => `${csvLine(r)}\r\n`).join('');
        sent += batch.length;
        beforeId = batch[batch.length - 1]!.id;
        if (batch.length < EXPORT_BATCH) return;
      }
    },
  };
}
