// Test support: the insights module with just what it needs (organisation, surveys, staff) on a fresh database,
// an HTTP app with staff sign-in and the insights routes, and fast direct inserts of synthetic responses.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pino from 'pino';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadConfig, type Config } from '../../config.ts';
import { openDatabase, type Database, type Engine } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { createJobQueue, type JobQueue } from '../../jobs/index.ts';
import type { Mailer } from '../../adapters/mail/mailer.ts';
import { createAuditLog } from '../audit/index.ts';
import { createStaffModule, type RoleAssignment, type StaffModule } from '../staff/index.ts';
import {
  createOrganisationService,
  type FullOrganisationService,
  type OrgUnitType,
} from '../organisation/index.ts';
import { createSurveysModule, THL_CHILDREN_SLUG, THL_NATIONAL_SLUG } from '../surveys/index.ts';
import { createInsightsModule, type InsightsModule } from './index.ts';

export const TEST_ORIGIN = 'https://kuulo.example';
export const GOOD_PASSWORD = 'sininen talo mäen päällä';
const CONTEXT = { actorId: null, source: 'test' };

export interface TestResponse {
  unitId: string;
  localDate: string;
  channel?: string;
  language?: string;
  respondentType?: string | null;
  ageGroup?: string | null;
  recommendation?: number | null;
  /** Statement answers by question id: 1–5 or 'cant_say'. */
  statements?: Record<string, number | 'cant_say'>;
  flag?: 'repeat' | 'test' | null;
  survey?: 'national' | 'children';
}

export interface InsightsKit {
  database: Database;
  db: Kysely<DB>;
  config: Config;
  organisation: FullOrganisationService;
  staff: StaffModule;
  insights: InsightsModule;
  jobs: JobQueue;
  app: HttpApp;
  surveyIds: { national: string; children: string };
  addUnit(id: string, parentId: string | null, type?: OrgUnitType): Promise<void>;
  insert(responses: TestResponse[]): Promise<string[]>;
  createUser(email: string, roles: RoleAssignment[]): Promise<string>;
  close(): Promise<void>;
}

export async function openInsightsKit(
  engine: Engine,
  options: { minGroupSize?: number; mailer?: Mailer; databaseUrl?: string } = {},
): Promise<InsightsKit> {
  // A named PostgreSQL database (benchmarks reuse a large load across runs) is migrated and kept, not dropped.
  const database = options.databaseUrl
    ? await openDatabase({ databaseUrl: options.databaseUrl, dataDir: null, poolSize: 5 })
    : await openTestDatabase(engine);
  if (options.databaseUrl) await migrate(database);
  const { db } = database;
  const logger = pino({ level: 'silent' });
  const config = loadConfig(
    {},
    {
      dataDir: os.tmpdir(),
      logLevel: 'silent',
      publicUrl: TEST_ORIGIN,
      secureCookies: true,
      runJobs: false,
      minGroupSize: options.minGroupSize ?? 5,
      secret: 'insights-test-secret-'.padEnd(40, 'x'),
    },
  );
  const audit = createAuditLog(db);
  const staff = createStaffModule({ db, config, audit });
  const organisation = createOrganisationService({ db, audit });
  const surveys = createSurveysModule({ db, organisation, auth: staff.auth, audit });
  await surveys.service.ensureBuiltInSurveys();
  const national = await surveys.service.getCurrent(THL_NATIONAL_SLUG);
  const children = await surveys.service.getCurrent(THL_CHILDREN_SLUG);
  if (!national || !children) throw new Error('built-in surveys missing');
  const jobs = createJobQueue(db, logger);
  const insights = createInsightsModule({
    db,
    logger,
    jobs,
    organisation,
    surveys: surveys.service,
    auth: staff.auth,
    staff: staff.service,
    minGroupSize: config.minGroupSize,
    ...(options.mailer ? { mailer: options.mailer } : {}),
    publicUrl: TEST_ORIGIN,
  });
  const app = await buildHttpApp({
    logger,
    trustProxy: false,
    rootHooks: [staff.auth.register],
    routes: [staff.routes, insights.routes],
  });
  await app.ready();
  const versions = {
    national: { surveyId: national.surveyId, versionId: national.versionId },
    children: { surveyId: children.surveyId, versionId: children.versionId },
  };

  return {
    database,
    db,
    config,
    organisation,
    staff,
    insights,
    jobs,
    app,
    surveyIds: { national: national.surveyId, children: children.surveyId },
    async addUnit(id, parentId, type = 'unit') {
      await organisation.createUnit({ id, parentId, type, names: { fi: id, sv: null, en: null } }, CONTEXT);
    },
    async insert(responses) {
      const ids: string[] = [];
      for (let i = 0; i < responses.length; i += 500) {
        const chunk = responses.slice(i, i + 500);
        const rows = chunk.map((r) => {
          const id = randomUUID();
          ids.push(id);
          const version = versions[r.survey ?? 'national'];
          const answers: Record<string, unknown> = { ...(r.statements ?? {}) };
          if (r.recommendation !== undefined && r.recommendation !== null)
            answers.recommendation = r.recommendation;
          if (r.respondentType) answers.respondent_type = r.respondentType;
          return {
            id,
            submission_id: randomUUID(),
            survey_id: version.surveyId,
            survey_version_id: version.versionId,
            unit_id: r.unitId,
            channel: r.channel ?? 'web',
            language: r.language ?? 'fi',
            respondent_type: r.respondentType ?? null,
            age_group: r.ageGroup ?? null,
            recommendation: r.recommendation ?? null,
            answers: JSON.stringify(answers),
            submitted_at: `${r.localDate}T10:00:00Z`,
            local_date: r.localDate,
            flag: r.flag ?? null,
          };
        });
        await db.insertInto('responses').values(rows).execute();
      }
      return ids;
    },
    async createUser(email, roles) {
      const { id } = await staff.service.createUser({
        email,
        displayName: email.split('@')[0] ?? email,
        password: GOOD_PASSWORD,
        roles,
      });
      return id;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
