// SMS surveys tied to visits: visit events in (REST JSON, CSV, FHIR R4 Encounter bundles) → eligibility rules
// per organisation and subtree → invitations (personal single-use link or a 0–10 reply) → dispatch through the
// SMS gateway port with retries, a dead-letter list and daily limits → replies and opt-outs → intake (channel
// sms). Owns the sms_* tables. Phone numbers live only encrypted until sent and reported; docs/sms.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { SmsGateway } from '../../adapters/sms/sms-gateway.ts';
import type { Language } from '../../../shared/languages.ts';
import type { AuditLog } from '../audit/index.ts';
import type { ContactRequest, IntakeService } from '../intake/index.ts';
import type { OrganisationService, OrgUnit } from '../organisation/index.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { SurveysService, SurveyVersionView } from '../surveys/index.ts';
import type { SmsService } from './sms.service.ts';
import type { Dispatcher } from './dispatch.service.ts';

export interface EventOutcome {
  eventId: string;
  decision: 'invited' | 'ineligible' | 'duplicate';
  reason?: string;
  /** When the invitation will be sent (ISO 8601), for invited events. */
  sendAfter?: string;
}

export interface AcceptResult {
  received: number;
  duplicates: number;
  invited: number;
  ineligible: number;
  /** Ineligible events by reason. */
  reasons: Record<string, number>;
  events: EventOutcome[];
}

export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
  /** Due in quiet hours: moved to the next sending window. */
  deferred: number;
  /** Sends refused by the daily limit in this round. */
  limited: number;
}

export type ReplyOutcome = 'opted_out' | 'stored' | 'duplicate' | 'no_invitation' | 'rejected' | 'ignored';

interface LinkBase {
  invitationId: string;
  survey: SurveyVersionView;
  unit: OrgUnit;
  language: Language;
}
export type OpenedLink =
  | { state: 'not_found' }
  | ({ state: 'open' } & LinkBase)
  | ({ state: 'answered' } & LinkBase)
  | ({ state: 'expired' } & LinkBase);

export interface LinkSubmission {
  submissionId: string;
  language: Language;
  answers: Record<string, unknown>;
  contact?: ContactRequest | undefined;
  clientKey: string;
}

export interface SmsModule {
  service: SmsService;
  dispatcher: Dispatcher;
  /** The configured gateway (KUULO_SMS_GATEWAY), or undefined when none is configured. */
  gateway: SmsGateway | undefined;
  routes: RouteRegistrar;
}

export interface SmsDeps {
  db: Kysely<DB>;
  config: Config;
  logger: Logger;
  dataKey: Buffer;
  intake: IntakeService;
  surveys: SurveysService;
  organisation: OrganisationService;
  auth: StaffAuth;
  audit: AuditLog;
  /** Defaults to the gateway KUULO_SMS_GATEWAY selects; tests and benchmarks pass their own. */
  gateway?: SmsGateway | undefined;
  now?: () => Date;
}

export { createSmsModule, smsCallbackToken } from './sms.module.ts';
export type { SmsService } from './sms.service.ts';
export type { Dispatcher } from './dispatch.service.ts';
export type { VisitEventInput } from './visit-event.ts';
export { DEFAULT_SMS_SETTINGS, type SmsSettings } from './sms.settings.ts';
export { parseReply } from './reply-parser.ts';
