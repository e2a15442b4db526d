// Intake: the one write path for every channel. A pipeline of named steps with typed reject reasons:
// validate → rate-limit → deduplicate (submissionId) → redact → persist (one transaction) → enqueue analysis.
// Public and unauthenticated; never reads reports. Owns responses, response_texts, response_text_originals,
// response_contacts.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { Channel } from '../../../shared/channels.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { SurveysService } from '../surveys/index.ts';

export interface ContactRequest {
  name?: string;
  email?: string;
  phone?: string;
}

export interface SubmissionInput {
  submissionId: string;
  /** Survey slug or id. */
  survey: string;
  unit: string;
  channel: Channel;
  language: string;
  answers: Record<string, unknown>;
  submittedAt?: string;
  contact?: ContactRequest;
}

export interface SubmissionContext {
  /** Who is submitting, for rate limiting (the client IP, or a device id for kiosks). */
  clientKey: string;
}

export interface SubmissionResult {
  id: string;
  /** false when the submissionId had been stored before: nothing new was written. */
  created: boolean;
}

export interface IntakeService {
  submit(input: SubmissionInput, context: SubmissionContext): Promise<SubmissionResult>;
  /** Flushes pending batched writes; call before closing the database. */
  close(): Promise<void>;
}

export interface IntakeModule {
  service: IntakeService;
  routes: RouteRegistrar;
}

export interface IntakeDeps {
  db: Kysely<DB>;
  config: Config;
  logger: Logger;
  jobs: JobQueue;
  surveys: SurveysService;
  organisation: OrganisationService;
  /** 32-byte key for encrypting original texts and contact details (see adapters/crypto). */
  dataKey: Buffer;
}

export { createIntakeModule } from './intake.module.ts';
