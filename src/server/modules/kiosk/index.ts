// Kiosk: on-site smiley devices. Enrolment with a one-time code, a revocable device credential, the device's
// configuration (polled with an ETag), the offline-first kiosk page with its service worker, batched idempotent
// answer upload through IntakeService (repeats flagged 'repeat'), device monitoring with silence alerts, and the
// staff page /staff/kiosks. Owns kiosk_devices, kiosk_answers, kiosk_alerts. docs/kiosk.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { Mailer } from '../../adapters/mail/mailer.ts';
import type { Language } from '../../../shared/languages.ts';
import type { IntakeService } from '../intake/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { SurveyAdministration, SurveysService } from '../surveys/index.ts';
import type { ShortLinkService } from '../web-survey/index.ts';
import type { StaffAuth, StaffService } from '../staff/index.ts';
import type { AuditLog } from '../audit/index.ts';

/** When silence is worth an alert: ISO weekdays (1 = Monday) and local times in Europe/Helsinki. */
export interface OpeningHours {
  days: number[];
  opens: string;
  closes: string;
}

/** What a coordinator sets for a device. */
export interface DeviceSettings {
  name: string;
  unitId: string;
  /** Survey slug or id. */
  survey: string;
  /** A smiley question of the survey; the survey's first smiley question when left out. */
  mainQuestion?: string | null;
  /** A single-choice question: "what was it mostly about?". */
  followUpQuestion?: string | null;
  /** A free-text question. */
  freeTextQuestion?: string | null;
  languages?: Language[];
  resetSeconds?: number;
  thanksSeconds?: number;
  repeatIntervalMs?: number;
  silentAfterMinutes?: number;
  openingHours?: OpeningHours;
}

export interface DeviceView {
  id: string;
  name: string;
  unitId: string;
  surveyId: string;
  mainQuestion: string;
  followUpQuestion: string | null;
  freeTextQuestion: string | null;
  languages: Language[];
  resetSeconds: number;
  thanksSeconds: number;
  repeatIntervalMs: number;
  silentAfterMinutes: number;
  openingHours: OpeningHours;
  configVersion: number;
  state: 'waiting' | 'enrolled' | 'revoked';
  enrolCodeExpiresAt: Date | null;
  enrolledAt: Date | null;
  lastContactAt: Date | null;
  queueLength: number | null;
  appVersion: string | null;
  rejectedCount: number;
  answers: number;
  repeats: number;
  alert: { raisedAt: Date; silentSince: Date | null } | null;
}

/** A one-time enrolment code, shown once to the coordinator (only its hash is stored). */
export interface EnrolCode {
  code: string;
  expiresAt: Date;
}

/** Texts of one language for the kiosk screen. */
export interface DeviceTexts {
  title: string;
  question: string;
  faces: string[];
  followUp: { id: string; question: string; options: { id: string; label: string }[] } | null;
  freeText: { id: string; question: string; help: string | null; maxLength: number } | null;
  thankYou: string;
  unitName: string;
}

/** What the device receives: everything it needs to work offline. */
export interface DeviceConfig {
  version: number;
  deviceId: string;
  deviceName: string;
  mainQuestion: string;
  languages: Language[];
  resetSeconds: number;
  thanksSeconds: number;
  repeatIntervalMs: number;
  texts: Partial<Record<Language, DeviceTexts>>;
  /** A QR code to answer the unit's web survey on one's own phone; null when not published there. */
  qr: { url: string; image: string } | null;
}

/** One queued answer as the device sends it. */
export interface DeviceAnswer {
  submissionId: string;
  answeredAt: string;
  language: string;
  answers: Record<string, unknown>;
  repeat?: boolean;
}

export interface AnswerResult {
  submissionId: string;
  /** stored / duplicate: the device may forget it; rejected: it never will be stored; retry: send it later. */
  status: 'stored' | 'duplicate' | 'rejected' | 'retry';
  code?: string;
  message?: string;
}

export interface DeviceReport {
  queueLength?: number;
  appVersion?: string;
}

export interface KioskService {
  createDevice(
    settings: DeviceSettings,
    actorId: string | null,
  ): Promise<{ device: DeviceView; code: EnrolCode }>;
  updateDevice(id: string, settings: DeviceSettings, actorId: string | null): Promise<DeviceView>;
  /** A fresh one-time code (the previous one stops working); a revoked device can be enrolled again. */
  newEnrolCode(id: string, actorId: string | null): Promise<EnrolCode>;
  revoke(id: string, actorId: string | null): Promise<void>;
  getDevice(id: string): Promise<DeviceView | undefined>;
  listDevices(): Promise<DeviceView[]>;
  /** Exchanges a one-time code for the device's credential; UnauthorizedError enrol_code_invalid otherwise. */
  enrol(
    code: string,
    report: DeviceReport,
    clientKey?: string,
  ): Promise<{ token: string; config: DeviceConfig }>;
  /** The device for a credential, recording the contact; UnauthorizedError device_unknown when revoked/unknown. */
  authenticate(token: string, report: DeviceReport): Promise<{ deviceId: string }>;
  config(deviceId: string): Promise<DeviceConfig>;
  /** Stores each answer once (idempotent by submissionId) and says what happened to each. */
  submitAnswers(
    deviceId: string,
    answers: DeviceAnswer[],
    lang: Language,
    /** The device's queue before this batch; what is left after it is shown to coordinators. */
    queueLength?: number,
  ): Promise<AnswerResult[]>;
  /** Raises and resolves silence alerts; e-mails coordinators about new ones. Returns the alerts raised. */
  checkDevices(): Promise<number>;
}

export interface KioskModule {
  service: KioskService;
  routes: RouteRegistrar;
}

export interface KioskOptions {
  now?: () => Date;
  /** How long an enrolment code works (default 30 minutes). */
  enrolCodeMinutes?: number;
  /** How often the monitoring job runs (default 60 s). */
  checkEveryMs?: number;
}

export interface KioskDeps {
  db: Kysely<DB>;
  config: Config;
  logger: Logger;
  jobs: JobQueue;
  intake: IntakeService;
  surveys: SurveysService & Pick<SurveyAdministration, 'listSurveys'>;
  organisation: OrganisationService;
  links: ShortLinkService;
  auth: StaffAuth;
  staff: Pick<StaffService, 'listUsers'>;
  audit: AuditLog;
  /** Silence alerts are e-mailed to coordinators through it when given. */
  mailer?: Mailer;
  options?: KioskOptions;
}

export { createKioskModule } from './kiosk.module.ts';
export { CHECK_DEVICES_JOB } from './kiosk.jobs.ts';
