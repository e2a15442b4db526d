import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { decrypt } from '../../adapters/crypto/data-key.ts';
import type { SmsDeliveryReport, SmsGateway } from '../../adapters/sms/sms-gateway.ts';
import type { Logger } from '../../logger.ts';
import { t } from '../../../i18n/index.ts';
import type { OrganisationService, OrgUnit } from '../organisation/index.ts';
import { helsinkiDate, helsinkiWallTime } from '../../../shared/helsinki-time.ts';
import { nextInWindow } from './send-window.ts';
import * as repo from './sms.repository.ts';
import { mergeSettings } from './sms.settings.ts';
import { INVITATION_VALID_DAYS, tokenHash } from './sms.service.ts';
import type { DispatchResult } from './index.ts';

// The dispatcher: claims due invitations (FOR UPDATE SKIP LOCKED, so several instances share the work), keeps to
// the day's sending limit and the quiet hours, sends through the gateway, retries with exponential backoff and
// moves an invitation that keeps failing to the dead-letter list. The number is decrypted only to send.

export const MAX_SEND_ATTEMPTS = 5;
const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 30 s, 60 s, 120 s, … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface DispatcherDeps {
  db: Kysely<DB>;
  gateway: SmsGateway | undefined;
  dataKey: Buffer;
  organisation: OrganisationService;
  publicUrl: string;
  logger: Logger;
  now: () => Date;
  /** Messages in flight to the gateway at once. */
  concurrency?: number;
}

function unitLabel(unit: OrgUnit | undefined, lang: 'fi' | 'sv' | 'en'): string {
  if (!unit) return '';
  return (lang === 'fi' ? unit.names.fi : unit.names[lang]) ?? unit.names.fi;
}

export function createDispatcher(deps: DispatcherDeps) {
  const concurrency = deps.concurrency ?? 16;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function runDue(now = deps.now(), batch = 200): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retried: 0, dead: 0, deferred: 0, limited: 0 };
    const gateway = deps.gateway;
    if (!gateway) return result;
    const organisation = mergeSettings([(await repo.getSettingsRow(deps.db, null)) ?? {}]);
    const day = helsinkiDate(now);
    const granted = await repo.reserveDailySends(deps.db, day, batch, organisation.dailyLimit);
    if (granted < batch) result.limited = batch - granted;
    const claimed = await repo.claimDue(deps.db, now, granted);
    let unused = granted - claimed.length;
    const units = new Map<string, OrgUnit | undefined>();
    for (const id of new Set(claimed.map((c) => c.unit_id)))
      units.set(id, await deps.organisation.getUnit(id));
    const sent: { id: string; tokenHash: Buffer | null; expiresAt: Date }[] = [];

    async function one(invitation: repo.ClaimedInvitation) {
      const window = { startHour: invitation.window_start_hour, endHour: invitation.window_end_hour };
      const hour = helsinkiWallTime(now).hour;
      if (hour < window.startHour || hour >= window.endHour) {
        // Quiet hours: a retry that became due at night waits for the next window without using an attempt.
        unused++;
        result.deferred++;
        await repo.markRetry(deps.db, invitation.id, nextInWindow(now, window), 'quiet hours', false);
        return;
      }
      if (!invitation.phone_ciphertext) {
        unused++;
        result.dead++;
        await repo.markDead(deps.db, invitation.id, 'no phone number');
        return;
      }
      const lang = invitation.language === 'sv' || invitation.language === 'en' ? invitation.language : 'fi';
      const token = invitation.mode === 'link' ? randomBytes(16).toString('base64url') : null;
      const unit = unitLabel(units.get(invitation.unit_id), lang);
      const text =
        token === null
          ? t(lang)('sms.invitation_reply', { unit })
          : t(lang)('sms.invitation_link', {
              unit,
              link: `${deps.publicUrl}/m/${token}`,
              days: INVITATION_VALID_DAYS,
            });
      try {
        await gateway!.send({
          id: invitation.id,
          to: decrypt(deps.dataKey, invitation.phone_ciphertext),
          text,
        });
        sent.push({
          id: invitation.id,
          tokenHash: token ? tokenHash(token) : null,
          expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * DAY_MS),
        });
      } catch (error) {
        unused++;
        const message = error instanceof Error ? error.message : String(error);
        if (invitation.attempts >= MAX_SEND_ATTEMPTS) {
          result.dead++;
          await repo.markDead(deps.db, invitation.id, message);
          deps.logger.warn(
            { invitationId: invitation.id, attempts: invitation.attempts },
            'sms moved to dead letters',
          );
        } else {
          result.retried++;
          await repo.markRetry(
            deps.db,
            invitation.id,
            new Date(now.getTime() + retryDelayMs(invitation.attempts)),
            message,
          );
        }
      }
    }

    const queue = [...claimed];
    await Promise.all(
      Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await one(next);
      }),
    );
    await repo.markSent(deps.db, sent, now);
    await repo.releaseDailySends(deps.db, day, unused);
    result.sent = sent.length;
    if (claimed.length > 0) deps.logger.info({ ...result }, 'sms dispatch');
    return result;
  }

  async function deliveryReport(report: SmsDeliveryReport): Promise<boolean> {
    if (!UUID.test(report.messageId) || report.status === 'pending') return false;
    return repo.applyDeliveryReport(deps.db, report.messageId, report.status, report.at);
  }

  /** Deletes numbers whose delivery report never came (2 days) and gives up on invitations unsent for a week. */
  async function housekeeping(now = deps.now()): Promise<void> {
    await repo.forgetStale(
      deps.db,
      new Date(now.getTime() - 2 * DAY_MS),
      new Date(now.getTime() - INVITATION_VALID_DAYS * DAY_MS),
    );
  }

  function schedule(pollMs: number, delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runDue()
        .then(async (r) => {
          await housekeeping();
          schedule(pollMs, r.sent + r.retried + r.dead > 0 ? 0 : pollMs);
        })
        .catch((error: unknown) => {
          deps.logger.error({ err: error }, 'sms dispatch failed');
          schedule(pollMs, pollMs * 5);
        });
    }, delay);
    timer.unref();
  }

  return {
    runDue,
    deliveryReport,
    housekeeping,
    start(pollMs = 5000) {
      if (!stopped || !deps.gateway) return;
      stopped = false;
      schedule(pollMs, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
