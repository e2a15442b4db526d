// The kiosk module with the real modules it depends on (staff, organisation, surveys, intake, web-survey) on a
// fresh test database, in a small HTTP app: kiosk tests do not depend on unrelated features being wired.
import os from 'node:os';
import pino from 'pino';
import { loadConfig, type Config } from '../../config.ts';
import type { Database, Engine } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { createJobQueue, type JobQueue } from '../../jobs/index.ts';
import type { Mailer } from '../../adapters/mail/mailer.ts';
import { createAuditLog } from '../audit/index.ts';
import { createStaffModule, type StaffModule } from '../staff/index.ts';
import { createOrganisationModule, type OrganisationModule } from '../organisation/index.ts';
import { createSurveysModule, THL_CHILDREN_SLUG, type SurveysModule } from '../surveys/index.ts';
import { createIntakeModule, type IntakeModule } from '../intake/index.ts';
import { createWebSurveyModule } from '../web-survey/index.ts';
import { createKioskModule, type KioskModule, type KioskOptions } from './index.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';

export const TEST_ORIGIN = 'https://kuulo.example';
const GOOD_PASSWORD = 'sininen talo mäen päällä';

export interface SignedIn {
  cookie: string;
  csrf: string;
}

/** Signs in through the real login form, as a browser would (the staff module's test kit is its own). */
async function signIn(app: HttpApp, email: string): Promise<SignedIn> {
  const form = await app.inject({ method: 'GET', url: '/staff/login' });
  const formToken = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const loginCookie = form.cookies.find((c) => c.name === 'kuulo_login_csrf')?.value ?? '';
  const response = await app.inject({
    method: 'POST',
    url: '/staff/login',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `kuulo_login_csrf=${loginCookie}`,
      origin: TEST_ORIGIN,
    },
    payload: new URLSearchParams({ email, password: GOOD_PASSWORD, _csrf: formToken }).toString(),
  });
  const token = response.cookies.find((c) => c.name === 'kuulo_session')?.value;
  if (response.statusCode !== 303 || !token) throw new Error(`sign-in failed: ${response.statusCode}`);
  const cookie = `kuulo_session=${token}`;
  const home = await app.inject({ method: 'GET', url: '/staff', headers: { cookie } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '' };
}

export const KIOSK_UNITS = [
  { id: 'root', parentId: null, type: 'division', nameFi: 'Toimiala', nameSv: 'Sektorn', nameEn: 'Division' },
  {
    id: 'hs',
    parentId: 'root',
    type: 'service',
    nameFi: 'Terveysasemat',
    nameSv: 'Hälsostationer',
    nameEn: 'Health stations',
  },
  {
    id: 'kallio',
    parentId: 'hs',
    type: 'unit',
    nameFi: 'Kallion terveysasema',
    nameSv: 'Berghälls hälsostation',
    nameEn: 'Kallio health station',
  },
  {
    id: 'vallila',
    parentId: 'hs',
    type: 'unit',
    nameFi: 'Vallilan terveysasema',
    nameSv: null,
    nameEn: null,
  },
];

export interface KioskKit {
  database: Database;
  config: Config;
  jobs: JobQueue;
  staff: StaffModule;
  organisation: OrganisationModule;
  surveys: SurveysModule;
  intake: IntakeModule;
  kiosk: KioskModule;
  app: HttpApp;
  clock: { now: Date };
  /** A coordinator of the whole organisation, signed in. */
  coordinator: SignedIn;
  signInAs(
    email: string,
    roles: { role: 'admin' | 'coordinator' | 'viewer'; unitId: string | null }[],
  ): Promise<SignedIn>;
  close(): Promise<void>;
}

/** Adds a "what was it mostly about?" question to the children's survey, as a coordinator would. */
export async function addFollowUp(surveys: SurveysModule): Promise<void> {
  const current = await surveys.service.getCurrent(THL_CHILDREN_SLUG);
  if (!current) throw new Error('children survey missing');
  const topic = {
    id: 'topic',
    type: 'single_choice' as const,
    required: false,
    text: { fi: 'Mitä palautteesi koski?', sv: 'Vad gällde din respons?', en: 'What was it mostly about?' },
    options: [
      { id: 'waiting', label: { fi: 'Odottaminen', sv: 'Väntan', en: 'Waiting' } },
      { id: 'staff', label: { fi: 'Henkilökunta', sv: 'Personalen', en: 'Staff' } },
      { id: 'premises', label: { fi: 'Tilat', sv: 'Lokalerna', en: 'Premises' } },
    ],
  };
  const definition: SurveyDefinition = {
    ...current.definition,
    questions: [...current.definition.questions, topic],
  };
  await surveys.service.saveVersion({ surveyId: current.surveyId, definition, note: null, actorId: null });
}

export async function createKioskKit(
  engine: Engine,
  options: { mailer?: Mailer; kiosk?: KioskOptions; config?: Partial<Config> } = {},
): Promise<KioskKit> {
  const database = await openTestDatabase(engine);
  const db = database.db;
  const config = loadConfig(
    {},
    {
      dataDir: os.tmpdir(),
      logLevel: 'silent',
      publicUrl: TEST_ORIGIN,
      secureCookies: true,
      runJobs: false,
      secret: 'kiosk-test-secret-'.padEnd(40, 'x'),
      intakeRatePerMinute: 10_000,
      ...options.config,
    },
  );
  const logger = pino({ level: 'silent' });
  const clock = { now: new Date() };
  const audit = createAuditLog(db);
  const jobs = createJobQueue(db, logger);
  const staff = createStaffModule({ db, config, audit });
  const organisation = createOrganisationModule({ db, auth: staff.auth, audit });
  const surveys = createSurveysModule({
    db,
    organisation: organisation.service,
    auth: staff.auth,
    audit,
    cache: { ttlMs: 0 },
  });
  const intake = createIntakeModule({
    db,
    config,
    logger,
    jobs,
    surveys: surveys.service,
    organisation: organisation.service,
    dataKey: Buffer.alloc(32, 7),
    engine,
    options: { unitCacheTtlMs: 0 },
  });
  const webSurvey = createWebSurveyModule({
    db,
    config,
    intake: intake.service,
    surveys: surveys.service,
    organisation: organisation.service,
    auth: staff.auth,
  });
  const kiosk = createKioskModule({
    db,
    config,
    logger,
    jobs,
    intake: intake.service,
    surveys: surveys.service,
    organisation: organisation.service,
    links: webSurvey.links,
    auth: staff.auth,
    staff: staff.service,
    audit,
    mailer: options.mailer,
    options: { now: () => clock.now, ...options.kiosk },
  });
  await surveys.service.ensureBuiltInSurveys();
  const report = await organisation.service.importUnits(
    { format: 'json', content: JSON.stringify(KIOSK_UNITS) },
    { dryRun: false, actorId: null, source: 'test' },
  );
  if (!report.applied) throw new Error(`units not imported: ${JSON.stringify(report.errors)}`);
  await addFollowUp(surveys);
  const app = await buildHttpApp({
    logger,
    trustProxy: false,
    rootHooks: [staff.auth.register],
    routes: [staff.routes, webSurvey.routes, kiosk.routes],
  });
  await app.ready();
  let users = 0;
  const signInAs: KioskKit['signInAs'] = async (email, roles) => {
    await staff.service.createUser({ email, displayName: `User ${++users}`, password: GOOD_PASSWORD, roles });
    return signIn(app, email);
  };
  const coordinator = await signInAs('coordinator@example.fi', [{ role: 'coordinator', unitId: null }]);
  return {
    database,
    config,
    jobs,
    staff,
    organisation,
    surveys,
    intake,
    kiosk,
    app,
    clock,
    coordinator,
    signInAs,
    async close() {
      await app.close();
      await jobs.stop();
      await intake.service.close();
      await database.close();
    },
  };
}
