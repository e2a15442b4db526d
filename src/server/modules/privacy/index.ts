// Privacy: how long each kind of personal data is kept (retention settings and the daily
// privacy.apply-retention job), and erasure of one person's contact details on request. Other modules own
// their data and take part by registering RetentionTarget / ErasureTarget objects in composition.ts.
// Owns the settings key 'privacy.retention'. docs/privacy.md describes the rules.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';

export type { RetentionKind, RetentionSettings } from './retention-kinds.ts';
export { RETENTION_KINDS, DEFAULT_RETENTION } from './retention-kinds.ts';
import type { RetentionKind, RetentionSettings } from './retention-kinds.ts';

/** One module's data of one kind: deletes or anonymises what was stored before the cutoff. */
export interface RetentionTarget {
  kind: RetentionKind;
  /** Short and stable, for the job's log and the audit entry, e.g. 'intake.response_contacts'. */
  name: string;
  /** Returns how many records were deleted or anonymised. Must be idempotent. */
  purgeOlderThan(cutoff: Date): Promise<number>;
}

/** Someone's contact details to erase: an e-mail address and/or a phone number. */
export interface ErasureRequest {
  email?: string | undefined;
  phone?: string | undefined;
}

export interface ErasureTarget {
  name: string;
  /** Deletes (or blanks) every stored contact that matches; returns how many. */
  eraseContact(request: { email: string | null; phone: string | null }): Promise<number>;
}

export interface RetentionRun {
  ranAt: Date;
  /** Per target name: how many records went. */
  purged: Record<string, number>;
}

export interface PrivacyService {
  getRetention(): Promise<RetentionSettings>;
  /** Global administrators only; each value a whole number of days 1–36,500 or null. Audited. */
  setRetention(principal: StaffPrincipal, settings: Partial<RetentionSettings>): Promise<RetentionSettings>;
  /** Runs every registered target against its kind's cutoff. Audited as privacy.retention_applied. */
  applyRetention(now?: Date): Promise<RetentionRun>;
  /**
   * Erases the contact details matching an e-mail address or phone number from every registered target.
   * Global administrators only; audited as privacy.contact_erased with a keyed hash, never the address.
   */
  eraseContact(
    principal: StaffPrincipal,
    request: ErasureRequest,
  ): Promise<{ erased: Record<string, number> }>;
  registerRetentionTarget(target: RetentionTarget): void;
  registerErasureTarget(target: ErasureTarget): void;
  retentionTargets(): readonly RetentionTarget[];
  erasureTargets(): readonly ErasureTarget[];
}

export interface PrivacyModule {
  service: PrivacyService;
  routes: RouteRegistrar;
}

export interface PrivacyDeps {
  db: Kysely<DB>;
  config: Pick<Config, 'runJobs'>;
  audit: AuditLog;
  auth: StaffAuth;
  jobs: JobQueue;
  /** Decrypts contact details of the core intake tables for erasure; keys the audit hash. */
  dataKey: Buffer;
  logger?: Logger;
  now?: () => Date;
}

export { createPrivacyModule } from './privacy.module.ts';
export { normaliseEmail, normalisePhone } from './contact-match.ts';
export { encryptedContactErasure } from './encrypted-contacts.ts';
