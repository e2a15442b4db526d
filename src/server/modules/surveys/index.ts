// Surveys: versioned survey definitions (the national THL set and the children's set as built-in templates),
// editing that creates versions, and publication to organisation subtrees and channels.
// Owns surveys, survey_versions, survey_publications. Must not touch responses.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Channel } from '../../../shared/channels.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
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
  /** Saves an edited definition as a new version (question ids stay); returns the new version. */
  saveVersion(input: {
    surveyId: string;
    definition: SurveyDefinition;
    note: string | null;
    actorId: string | null;
  }): Promise<SurveyVersionView>;
}

export interface SurveysModule {
  service: SurveysService;
  routes: RouteRegistrar;
}

export interface SurveysDeps {
  db: Kysely<DB>;
  organisation: OrganisationService;
  auth: StaffAuth;
  audit: AuditLog;
}

export { createSurveysModule } from './surveys.module.ts';
export { THL_NATIONAL_SLUG, THL_CHILDREN_SLUG } from './templates/slugs.ts';
