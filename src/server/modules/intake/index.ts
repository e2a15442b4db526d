// Intake: the one write path for every channel. A pipeline of named steps with typed reject reasons:
// validate → rate-limit → resolve (survey, unit, publication) → validate answers → deduplicate (submissionId)
// → redact → persist (one transaction, group commit) → enqueue analysis. Public and unauthenticated; never reads
// reports. Owns responses, response_texts, response_text_originals, response_contacts. docs/intake.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Engine } from '../../db/database.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { Channel } from '../../../shared/channels.ts';
import type { Language } from '../../../shared/languages.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { SurveysService } from '../surveys/index.ts';

export interface ContactRequest {
  name?: string;
  email?: string;
  phone?: string;
}

export interface SubmissionInput {
  /** A uuid the client makes once per submission: sending it again stores nothing new. */
  submissionId: string;
  /** Survey slug or id. */
  survey: string;
  unit: string;
  channel: Channel;
  /** A language the survey version has: 'fi', 'sv', 'en', or another key of its texts (e.g. 'fi-plain'). */
  language: string;
  answers: Record<string, unknown>;
  /** ISO 8601 with a time zone; when the respondent answered (kiosks and SMS arrive late). Default: now. */
  submittedAt?: string;
  /** Optional "contact me": stored encrypted apart from the answers; never returned, never logged. */
  contact?: ContactRequest;
  /**
   * Kept but excluded from results: 'repeat' marks a kiosk press that came too soon after a completed answer.
   * Service-level only (kiosks); the public HTTP schema does not accept it.
   */
  flag?: 'repeat';
}

export interface SubmissionContext {
  /** Who is submitting, for rate limiting (the client IP, or a device id for kiosks). */
  clientKey: string;
  /** The language of error messages (the request's, not the survey's); Finnish by default. */
  lang?: Language;
}

export interface SubmissionResult {
  id: string;
  /** false when the submissionId had been stored before: nothing new was written. */
  created: boolean;
}

/** One entry of an invalid_answers or invalid_contact error's details. */
export interface SubmissionProblem {
  /** The question id ('' for the submission as a whole), or 'contact.email' etc. */
  question: string;
  code: string;
  message: string;
}

export interface IntakeService {
  /**
   * Validates, deduplicates, redacts and stores one submission. Throws ValidationError, NotFoundError or
   * RateLimitedError (src/server/errors.ts) with the codes listed in docs/intake.md; invalid_answers and
   * invalid_contact carry SubmissionProblem[] as details.
   */
  submit(input: SubmissionInput, context: SubmissionContext): Promise<SubmissionResult>;
  /** Flushes pending batched writes; call before closing the database. */
  close(): Promise<void>;
}

export interface IntakeModule {
  service: IntakeService;
  routes: RouteRegistrar;
}

export interface IntakeOptions {
  /** How long the first row of a batch waits for others. Default: 0 on PostgreSQL, 1 ms on PGlite. */
  batchWindowMs?: number;
  /** Batches written at the same time. Default: 4 on PostgreSQL (a pool), 1 on PGlite (one connection). */
  batchConcurrency?: number;
  /** While a batch is in flight, another starts only once this many rows wait. Default: 32 on PostgreSQL. */
  batchMinRowsWhileBusy?: number;
  /** Most rows in one transaction (default 500). */
  maxBatchRows?: number;
  /** Unit lookups are cached this long (default 5000 ms; 0 turns the cache off). */
  unitCacheTtlMs?: number;
  /** The clock, for tests. */
  now?: () => Date;
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
  /** Picks the batching window (see IntakeOptions.batchWindowMs); PostgreSQL's when left out. */
  engine?: Engine;
  options?: IntakeOptions;
}

export { createIntakeModule } from './intake.module.ts';
/** The TypeBox body schema of POST /api/v1/responses (also used by bench/intake.ts for its no-op route). */
export { SubmissionBody } from './intake.schemas.ts';
export { DETECT_LANGUAGE_JOB } from './intake.jobs.ts';
/** Language of a short free text (fi, sv, en or null), shared with the analysis module. */
export { detectLanguage } from './intake.language.ts';
// For bulk loaders (demo data, imports): the same stored form as the live path, without its batching.
export { prepareResponseRows, helsinkiDate, type PreparedResponse } from './intake.prepare.ts';
export { insertResponses, type InsertOutcome } from './intake.repository.ts';
export { redactText, type RedactionResult } from '../../../shared/redaction.ts';
