// Surveys: versioned survey definitions (the national THL set and the children's set as built-in templates),
// editing that creates versions, and publication to organisation subtrees and channels.
// Owns surveys, survey_versions, survey_publications. Must not touch responses.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Channel } from '../../../shared/channels.ts';
import type { LocalizedText, SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { AuditLog } from '../audit/index.ts';

export interface SurveyVersionView {
  surveyId: string;
  slug: string;
  template: string | null;
  versionId: string;
  version: number;
  definition: SurveyDefinition;
  createdAt: Date;
}

export interface Publication {
  id: string;
  surveyId: string;
  unitId: string;
  includeSubtree: boolean;
  channels: Channel[];
}

/**
 * The reading side is cached in process (views are shared: treat them as read-only). A publication or a new
 * version reaches other instances within the cache's time to live (5 s).
 */
export interface SurveysService {
  /** The current version of a survey by slug or id; undefined when there is none or it is archived. */
  getCurrent(ref: string): Promise<SurveyVersionView | undefined>;
  getVersion(versionId: string): Promise<SurveyVersionView | undefined>;
  /** Whether the survey may be answered at the unit in the channel (a live publication at it or an ancestor). */
  isPublished(surveyId: string, unitId: string, channel: Channel): Promise<boolean>;
  /** Creates the built-in templates (thl-national, thl-children) when missing; safe to call at every start. */
  ensureBuiltInSurveys(): Promise<void>;
  publish(input: {
    surveyId: string;
    unitId: string;
    includeSubtree: boolean;
    channels: Channel[];
    actorId: string | null;
  }): Promise<Publication>;
  /**
   * Saves an edited definition as a new version (question ids stay); returns the new version. Throws
   * ValidationError (survey_definition_invalid, survey_edit_forbidden) or ConflictError
   * (survey_version_conflict) when another edit won the race or the current version is not expectedVersion.
   */
  saveVersion(input: {
    surveyId: string;
    definition: SurveyDefinition;
    note: string | null;
    actorId: string | null;
    /** The version the editor started from; a different current version is a conflict. */
    expectedVersion?: number;
  }): Promise<SurveyVersionView>;
}

export interface SurveySummary {
  id: string;
  slug: string;
  template: string | null;
  title: LocalizedText | null;
  versionId: string | null;
  version: number | null;
  archived: boolean;
}

export interface SurveyVersionSummary {
  id: string;
  version: number;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
  current: boolean;
}

export interface PublicationDetail extends Publication {
  createdBy: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

/** What the staff pages need beyond the answering side. */
export interface SurveyAdministration {
  listSurveys(): Promise<SurveySummary[]>;
  /** Newest first. */
  listVersions(surveyId: string): Promise<SurveyVersionSummary[]>;
  listPublications(surveyId: string, options?: { includeEnded?: boolean }): Promise<PublicationDetail[]>;
  getPublication(publicationId: string): Promise<PublicationDetail | undefined>;
  /** Ends a live publication; ending one already ended is a ConflictError (publication_already_ended). */
  endPublication(input: { publicationId: string; actorId: string | null }): Promise<PublicationDetail>;
}

export interface SurveysModule {
  service: SurveysService & SurveyAdministration;
  routes: RouteRegistrar;
}

/** The part of the organisation module surveys use: names for pages, ancestors for publication checks. */
export type SurveysOrganisation = Pick<OrganisationService, 'getUnit' | 'listUnits' | 'ancestors'>;

export interface SurveysDeps {
  db: Kysely<DB>;
  organisation: SurveysOrganisation;
  auth: StaffAuth;
  audit: AuditLog;
  /** Tests shorten or stop time; production uses 5 s and Date.now. */
  cache?: { ttlMs?: number; now?: () => number };
}

export { createSurveysModule } from './surveys.module.ts';
export { THL_NATIONAL_SLUG, THL_CHILDREN_SLUG, HOME_CARE_SLUG } from './templates/slugs.ts';
