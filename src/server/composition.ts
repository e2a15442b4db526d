// The only place that wires repositories → services → routes. HTTP server, CLI and tests all start here.
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Logger } from './logger.ts';
import { buildHttpApp, type HttpApp } from './http/app.ts';
import { createJobQueue, type JobQueue } from './jobs/index.ts';
import { loadDataKey } from './adapters/crypto/data-key.ts';
import { createAuditLog } from './modules/audit/index.ts';
import { createStaffModule, type StaffModule } from './modules/staff/index.ts';
import { createOrganisationModule, type OrganisationModule } from './modules/organisation/index.ts';
import { createSurveysModule, type SurveysModule } from './modules/surveys/index.ts';
import { createIntakeModule, type IntakeModule } from './modules/intake/index.ts';
import { createWebSurveyModule, type WebSurveyModule } from './modules/web-survey/index.ts';
import { createResponsesService, type ResponsesService } from './modules/responses/index.ts';

export interface Kuulo {
  config: Config;
  database: Database;
  logger: Logger;
  jobs: JobQueue;
  staff: StaffModule;
  organisation: OrganisationModule;
  surveys: SurveysModule;
  intake: IntakeModule;
  webSurvey: WebSurveyModule;
  responses: ResponsesService;
  /** Builds the HTTP app with every module's routes (not listening yet). */
  http(): Promise<HttpApp>;
  /** Flushes pending writes and stops background work; the caller closes the database. */
  stop(): Promise<void>;
}

export function composeKuulo(config: Config, database: Database, logger: Logger): Kuulo {
  const { db } = database;
  const audit = createAuditLog(db);
  const jobs = createJobQueue(db, logger);
  const dataKey = loadDataKey({ secret: config.secret, dataDir: config.dataDir });
  const staff = createStaffModule({ db, config, audit, hashKey: dataKey });
  const organisation = createOrganisationModule({ db, auth: staff.auth, audit });
  const surveys = createSurveysModule({ db, organisation: organisation.service, auth: staff.auth, audit });
  const intake = createIntakeModule({
    db,
    config,
    logger,
    jobs,
    surveys: surveys.service,
    organisation: organisation.service,
    dataKey,
    engine: database.engine,
  });
  const webSurvey = createWebSurveyModule({
    db,
    config,
    intake: intake.service,
    surveys: surveys.service,
    organisation: organisation.service,
    auth: staff.auth,
  });
  const responses = createResponsesService({ db });

  return {
    config,
    database,
    logger,
    jobs,
    staff,
    organisation,
    surveys,
    intake,
    webSurvey,
    responses,
    http: () =>
      buildHttpApp({
        logger,
        trustProxy: config.trustProxy,
        rootHooks: [staff.auth.register],
        routes: [staff.routes, organisation.routes, surveys.routes, intake.routes, webSurvey.routes],
      }),
    async stop() {
      await jobs.stop();
      await intake.service.close();
    },
  };
}
