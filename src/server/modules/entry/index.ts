// Staff entry of paper and oral feedback: a keyboard-first screen laid out like the printed survey for entering a
// pile of forms quickly, and printable paper forms (HTML and PDF) with the unit filled in. Every form is one
// submission through intake (channel paper or oral); the batch and the person who entered it are kept beside the
// response. Owns entry_batches and entry_records. docs/staff-entry.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Language } from '../../../shared/languages.ts';
import type { AnswerValue } from '../../../shared/survey-definition.ts';
import type { IntakeService } from '../intake/index.ts';
import type { OrgUnit, OrganisationService } from '../organisation/index.ts';
import type { SurveyAdministration, SurveyVersionView, SurveysService } from '../surveys/index.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';

export type EntryChannel = 'paper' | 'oral';

export interface EntryBatch {
  id: string;
  surveyId: string;
  unitId: string;
  channel: EntryChannel;
  language: Language;
  label: string | null;
  enteredBy: string;
  createdAt: Date;
  closedAt: Date | null;
  formCount: number;
}

export interface EntryBatchView extends EntryBatch {
  survey: SurveyVersionView;
  unit: OrgUnit;
}

export interface EnteredForm {
  responseId: string;
  /** false when this form (its submission id) had been saved before: nothing new was stored. */
  created: boolean;
  formNumber: number;
}

export interface EntryService {
  /**
   * Starts a batch for a unit the person may enter feedback for. ForbiddenError `entry_forbidden` outside their
   * subtree; ValidationError `entry_not_published` when the survey is not open at the unit in the channel.
   */
  startBatch(
    input: {
      surveyId: string;
      unitId: string;
      channel: EntryChannel;
      language: Language;
      label: string | null;
    },
    principal: StaffPrincipal,
  ): Promise<EntryBatch>;
  /** NotFoundError `entry_batch_not_found` when it does not exist or is not the person's to see. */
  getBatch(batchId: string, principal: StaffPrincipal): Promise<EntryBatchView>;
  /** The person's own recent batches, newest first. */
  listOwnBatches(principal: StaffPrincipal, limit?: number): Promise<EntryBatch[]>;
  /**
   * Stores one form through intake and records it in the batch. Saving the same submission id again stores
   * nothing new and returns the first form's number. Intake's ValidationError passes through unchanged;
   * ConflictError `entry_batch_closed` after the batch was closed.
   */
  enterForm(
    batchId: string,
    form: { submissionId: string; answers: Record<string, AnswerValue> },
    principal: StaffPrincipal,
  ): Promise<EnteredForm>;
  closeBatch(batchId: string, principal: StaffPrincipal): Promise<void>;
  /** The unit (checked like startBatch) and the surveys open there for paper or oral entry. */
  offeredAt(
    unitId: string,
    principal: StaffPrincipal,
  ): Promise<{ unit: OrgUnit; surveys: { survey: SurveyVersionView; channels: EntryChannel[] }[] }>;
  /** The survey and unit for a printable form; checks the person may enter feedback for the unit. */
  printable(
    surveyId: string,
    unitId: string,
    principal: StaffPrincipal,
  ): Promise<{ survey: SurveyVersionView; unit: OrgUnit }>;
}

export interface EntryDeps {
  db: Kysely<DB>;
  intake: IntakeService;
  surveys: SurveysService & Pick<SurveyAdministration, 'listSurveys'>;
  organisation: OrganisationService;
  auth: StaffAuth;
  /** Renders an HTML document to PDF (headless Chromium); without it the printable form is HTML only. */
  renderPdf?: (html: string) => Promise<Buffer>;
}

export interface EntryModule {
  service: EntryService;
  routes: RouteRegistrar;
}

export { createEntryModule } from './entry.module.ts';
export { ENTRY_CHANNELS } from './entry.policy.ts';
