// Web and QR channel: short links (/s/CODE web, /q/CODE QR), QR codes (SVG, PNG), printable A4 posters, and the
// server-rendered public survey page with its thank-you page. Submits through IntakeService only.
// Owns short_links. Must not import staff page code.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import type { IntakeService } from '../intake/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import type { StaffAuth } from '../staff/index.ts';

export interface ShortLinkService {
  /** The code for a unit × survey, created on first use. */
  codeFor(surveyId: string, unitId: string): Promise<string>;
  resolve(code: string): Promise<{ surveyId: string; unitId: string } | undefined>;
  /** Creates codes for every unit in a subtree where the survey is published (bulk, for posters and SMS). */
  ensureCodes(surveyId: string, unitIds: string[]): Promise<void>;
}

export interface WebSurveyModule {
  links: ShortLinkService;
  routes: RouteRegistrar;
}

export interface WebSurveyDeps {
  db: Kysely<DB>;
  config: Config;
  intake: IntakeService;
  surveys: SurveysService;
  organisation: OrganisationService;
  auth: StaffAuth;
}

export { createWebSurveyModule } from './web-survey.module.ts';
