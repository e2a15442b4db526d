// Home-care mobile mode: after a home visit the client answers a short smiley survey on the staff member's phone
// (a normal response, channel home_care, through intake), then the staff member answers a short assessment of the
// visit from their side (on time? what most affected it?). The two are stored apart, linked through the visit,
// and reported side by side with small groups suppressed. Owns home_care_visits and home_care_assessments.
// docs/home-care.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Language } from '../../../shared/languages.ts';
import type { AnswerValue } from '../../../shared/survey-definition.ts';
import type { IntakeService } from '../intake/index.ts';
import type { OrgUnit, OrganisationService } from '../organisation/index.ts';
import type { SurveyVersionView, SurveysService } from '../surveys/index.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';

export type { AffectedBy, OnTime } from './home-care.values.ts';
import type { AffectedBy, OnTime } from './home-care.values.ts';

/** A count that may be shown, or a marker that it is hidden because it would reveal a small group. */
export type Count = { suppressed: false; n: number } | { suppressed: true };
/** A share (0–1) of n respondents, or hidden. */
export type ShareFigure = { suppressed: false; n: number; share: number } | { suppressed: true };

export interface HomeCareReport {
  unit: OrgUnit;
  from: string;
  to: string;
  minGroupSize: number;
  visits: Count;
  client: {
    answered: Count;
    declined: Count;
    /** Counts of the four faces, unhappiest first. */
    faces: Count[];
    /** Share of answers with face 3 or 4 ("rather well", "well"). */
    good: ShareFigure;
  };
  staff: {
    assessed: Count;
    onTime: Record<OnTime, Count>;
    affectedBy: Record<AffectedBy, Count>;
  };
  /** The client's view next to the staff member's: the share of good faces among visits assessed on time etc. */
  sideBySide: Record<OnTime, ShareFigure>;
  months: { month: string; visits: Count; good: ShareFigure; onTime: ShareFigure }[];
}

export interface ClientAnswer {
  /** Made by the server when it shows the client's form; also the intake submission id (no double storing). */
  visitId: string;
  unitId: string;
  language: Language;
  answers: Record<string, AnswerValue>;
}

export interface HomeCareService {
  /** The home-care survey's current version; NotFoundError when it was archived. */
  survey(): Promise<SurveyVersionView>;
  /** The unit (checked: the person may record visits there). */
  unitFor(unitId: string, principal: StaffPrincipal): Promise<OrgUnit>;
  /** Stores the client's answer through intake and the visit that links it. Resending stores nothing new. */
  recordClientAnswer(answer: ClientAnswer, principal: StaffPrincipal): Promise<{ created: boolean }>;
  /** The client did not answer: the visit is kept so the staff assessment still counts. */
  recordDeclined(visit: { visitId: string; unitId: string }, principal: StaffPrincipal): Promise<void>;
  /** The staff member's assessment; once per visit (a resend changes nothing). */
  assess(
    visitId: string,
    input: { onTime: OnTime; affectedBy: AffectedBy; note: string | null },
    principal: StaffPrincipal,
  ): Promise<void>;
  report(
    query: { unitId: string; from: string; to: string },
    principal: StaffPrincipal,
  ): Promise<HomeCareReport>;
}

export interface HomeCareDeps {
  db: Kysely<DB>;
  intake: IntakeService;
  surveys: SurveysService;
  organisation: OrganisationService;
  auth: StaffAuth;
  minGroupSize: number;
  now?: () => Date;
}

export interface HomeCareModule {
  service: HomeCareService;
  routes: RouteRegistrar;
}

export { createHomeCareModule } from './home-care.module.ts';
export { AFFECTED_BY, ON_TIME } from './home-care.values.ts';
