// Web and QR channel: short links (/s/CODE web, /q/CODE QR), QR codes (SVG, PNG), printable A4 posters, the
// server-rendered public survey page with its thank-you page, the public front page and accessibility statement,
// and the staff page /staff/links. Submits through IntakeService only; remembers nothing about respondents.
// Owns short_links. The citizen pages it renders (src/web/citizen) never import staff code. docs/web-channel.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Config } from '../../config.ts';
import type { IntakeService } from '../intake/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { SurveyAdministration, SurveysService } from '../surveys/index.ts';
import type { StaffAuth } from '../staff/index.ts';

export interface ShortLinkService {
  /** The code for a unit × survey, created on first use. */
  codeFor(surveyId: string, unitId: string): Promise<string>;
  resolve(code: string): Promise<{ surveyId: string; unitId: string } | undefined>;
  /** Creates codes for every unit in a subtree where the survey is published (bulk, for posters and SMS). */
  ensureCodes(surveyId: string, unitIds: string[]): Promise<void>;
  /** The codes of many units for one survey (created where missing): unit id → code. */
  codesFor(surveyId: string, unitIds: string[]): Promise<Map<string, string>>;
}

export interface WebSurveyModule {
  links: ShortLinkService;
  routes: RouteRegistrar;
}

export interface WebSurveyDeps {
  db: Kysely<DB>;
  config: Config;
  intake: IntakeService;
  /** listSurveys: the candidates whose publications are checked when listing what a unit offers. */
  surveys: SurveysService & Pick<SurveyAdministration, 'listSurveys'>;
  organisation: OrganisationService;
  auth: StaffAuth;
}

export { createWebSurveyModule } from './web-survey.module.ts';
