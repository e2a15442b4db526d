// Fakes of the modules the web channel depends on, for route tests that must not wait for (or re-test) them.
import pino from 'pino';
import type { FastifyRequest } from 'fastify';
import type { Channel } from '../../../shared/channels.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { loadConfig, type Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { UnauthorizedError } from '../../errors.ts';
import type { IntakeService, SubmissionContext, SubmissionInput } from '../intake/index.ts';
import type { OrgUnit, OrganisationService } from '../organisation/index.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { SurveyVersionView } from '../surveys/index.ts';
import { createWebSurveyModule, type WebSurveyDeps, type WebSurveyModule } from './index.ts';

export const SURVEY_ID = '00000000-0000-4000-8000-000000000001';

export const UNITS: OrgUnit[] = [
  unit('root', null, 'Sosiaali- ja terveystoimiala', 'division'),
  unit('hs', 'root', 'Terveysasemat', 'service'),
  unit('kallio', 'hs', 'Kallion terveysasema', 'unit', 'Berghälls hälsostation'),
  unit('vallila', 'hs', 'Vallilan terveysasema', 'unit'),
];

function unit(id: string, parentId: string | null, fi: string, type: OrgUnit['type'], sv?: string): OrgUnit {
  return {
    id,
    parentId,
    type,
    names: { fi, sv: sv ?? null, en: null },
    oid: null,
    validFrom: null,
    validTo: null,
    mergedIntoId: null,
  };
}

export interface Fakes {
  /** unit id → channels where the survey is open; the survey is open nowhere else. */
  published: Map<string, Channel[]>;
  submissions: { input: SubmissionInput; context: SubmissionContext }[];
  /** Set to make the next submit throw this error. */
  failNext: Error | undefined;
}

export async function insertFixtureRows(database: Database): Promise<void> {
  const db = database.db;
  await db
    .insertInto('surveys')
    .values({ id: SURVEY_ID, slug: 'thl-national', template: 'thl-national' })
    .execute();
  for (const u of UNITS)
    await db
      .insertInto('org_units')
      .values({ id: u.id, parent_id: u.parentId, type: u.type, name_fi: u.names.fi, name_sv: u.names.sv })
      .execute();
}

export function fakeServices(definition: SurveyDefinition, fakes: Fakes) {
  const view: SurveyVersionView = {
    surveyId: SURVEY_ID,
    slug: 'thl-national',
    template: 'thl-national',
    versionId: '00000000-0000-4000-8000-0000000000aa',
    version: 1,
    definition,
    createdAt: new Date(),
  };
  const surveys = {
    listSurveys: async () => [{ id: SURVEY_ID, archived: false }],
    getCurrent: async (ref: string) => (ref === SURVEY_ID || ref === 'thl-national' ? view : undefined),
    isPublished: async (surveyId: string, unitId: string, channel: Channel) =>
      surveyId === SURVEY_ID && (fakes.published.get(unitId) ?? []).includes(channel),
  } as Partial<WebSurveyDeps['surveys']> as WebSurveyDeps['surveys'];
  const byId = (id: string | null) => UNITS.find((u) => u.id === id);
  const organisation = {
    getUnit: async (id: string) => byId(id),
    listUnits: async () => UNITS,
    searchUnits: async (query: string) =>
      UNITS.filter((u) => u.names.fi.toLowerCase().includes(query.toLowerCase())).map((unit) => ({
        unit,
        path: [byId(unit.parentId)].flatMap((p) => (p ? [{ id: p.id, names: p.names }] : [])),
      })),
  } as Partial<OrganisationService> as OrganisationService;
  const stored = new Map<string, string>();
  const intake: IntakeService = {
    async submit(input, context) {
      const error = fakes.failNext;
      fakes.failNext = undefined;
      if (error) throw error;
      const existing = stored.get(input.submissionId);
      if (existing) return { id: existing, created: false };
      const id = `r${stored.size + 1}`;
      stored.set(input.submissionId, id);
      fakes.submissions.push({ input, context });
      return { id, created: true };
    },
    close: async () => undefined,
  };
  const auth: StaffAuth = {
    register: (app) => {
      app.decorateRequest('staff', null);
      app.addHook('onRequest', async (request: FastifyRequest) => {
        if (request.headers['x-test-staff'])
          request.staff = {
            userId: 'u1',
            email: 'a@example.fi',
            displayName: 'Anna',
            locale: 'fi',
            roles: [{ role: 'admin', unitId: null }],
            csrfToken: 'token',
          };
      });
    },
    requireStaff: () => async (request) => {
      if (!request.staff) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
    },
    hasRoleFor: () => true,
  };
  return { surveys, organisation, intake, auth };
}

export async function buildTestApp(
  database: Database,
  definition: SurveyDefinition,
  fakes: Fakes,
): Promise<{ app: HttpApp; module: WebSurveyModule; config: Config }> {
  const config = loadConfig(
    {},
    { publicUrl: 'https://palaute.example.fi', logLevel: 'silent', dataDir: '/tmp' },
  );
  const services = fakeServices(definition, fakes);
  const module = createWebSurveyModule({ db: database.db, config, ...services });
  const app = await buildHttpApp({
    logger: pino({ level: 'silent' }),
    trustProxy: false,
    rootHooks: [services.auth.register],
    routes: [module.routes],
  });
  await app.ready();
  return { app, module, config };
}
