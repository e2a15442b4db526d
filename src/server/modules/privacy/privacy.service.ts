import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Logger } from '../../logger.ts';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import type { AuditLog } from '../audit/index.ts';
import { can, type StaffPrincipal } from '../staff/index.ts';
import type { ErasureTarget, PrivacyService, RetentionSettings, RetentionTarget } from './index.ts';
import { DEFAULT_RETENTION, RETENTION_KINDS } from './retention-kinds.ts';
import { normaliseEmail, normalisePhone } from './contact-match.ts';
import { readRetentionSettings, writeRetentionSettings } from './privacy.repository.ts';

export const MAX_RETENTION_DAYS = 36_500;
const DAY_MS = 86_400_000;

function isDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_RETENTION_DAYS;
}

export function createPrivacyService(deps: {
  db: Kysely<DB>;
  audit: AuditLog;
  hashKey: Buffer;
  logger?: Logger | undefined;
  now: () => Date;
}): PrivacyService {
  const retentionTargets: RetentionTarget[] = [];
  const erasureTargets: ErasureTarget[] = [];

  function authorise(principal: StaffPrincipal): void {
    if (!can(principal, 'administer', [])) throw new ForbiddenError('forbidden', 'errors.forbidden');
  }

  async function getRetention(): Promise<RetentionSettings> {
    const stored = (await readRetentionSettings(deps.db)) ?? {};
    const settings = { ...DEFAULT_RETENTION };
    for (const kind of RETENTION_KINDS) {
      const value = stored[kind];
      if (value === null || isDays(value)) settings[kind] = value;
    }
    return settings;
  }

  return {
    getRetention,

    async setRetention(principal, changes) {
      authorise(principal);
      const problems = Object.entries(changes)
        .filter(
          ([kind, value]) => !RETENTION_KINDS.includes(kind as never) || !(value === null || isDays(value)),
        )
        .map(([kind]) => ({ field: kind, code: 'invalid_days' }));
      if (problems.length > 0) {
        throw new ValidationError(
          'invalid_retention',
          'privacy.invalid_days',
          { max: MAX_RETENTION_DAYS },
          problems,
        );
      }
      const next = { ...(await getRetention()), ...changes };
      await deps.db.transaction().execute(async (trx) => {
        await writeRetentionSettings(trx, next);
        await deps.audit.record(
          {
            actorId: principal.userId,
            action: 'privacy.retention_changed',
            targetType: 'settings',
            targetId: 'privacy.retention',
            details: next,
          },
          trx,
        );
      });
      return next;
    },

    async applyRetention(now = deps.now()) {
      const settings = await getRetention();
      const purged: Record<string, number> = {};
      for (const target of retentionTargets) {
        const days = settings[target.kind];
        if (days === null) continue;
        purged[target.name] = await target.purgeOlderThan(new Date(now.getTime() - days * DAY_MS));
      }
      await deps.audit.record({
        actorId: null,
        action: 'privacy.retention_applied',
        targetType: 'settings',
        targetId: 'privacy.retention',
        details: purged,
      });
      deps.logger?.info({ purged }, 'retention applied');
      return { ranAt: now, purged };
    },

    async eraseContact(principal, request) {
      authorise(principal);
      const email = request.email?.trim() ? normaliseEmail(request.email) : null;
      const phone = request.phone?.trim() ? normalisePhone(request.phone) : null;
      const problems = [
        ...(request.email?.trim() && !email ? [{ field: 'email', code: 'invalid_email' }] : []),
        ...(request.phone?.trim() && !phone ? [{ field: 'phone', code: 'invalid_phone' }] : []),
        ...(!request.email?.trim() && !request.phone?.trim()
          ? [{ field: 'email', code: 'nothing_to_erase' }]
          : []),
      ];
      if (problems.length > 0)
        throw new ValidationError('invalid_erasure', 'privacy.invalid_erasure', {}, problems);
      const erased: Record<string, number> = {};
      for (const target of erasureTargets) erased[target.name] = await target.eraseContact({ email, phone });
      // The audit entry proves the request was handled without keeping the address that was asked to go.
      const who = createHmac('sha256', deps.hashKey)
        .update(`${email ?? ''}|${phone ?? ''}`)
        .digest('hex')
        .slice(0, 32);
      await deps.audit.record({
        actorId: principal.userId,
        action: 'privacy.contact_erased',
        targetType: 'person',
        targetId: who,
        details: erased,
      });
      return { erased };
    },

    registerRetentionTarget(target) {
      retentionTargets.push(target);
    },
    registerErasureTarget(target) {
      erasureTargets.push(target);
    },
    retentionTargets: () => retentionTargets,
    erasureTargets: () => erasureTargets,
  };
}
