import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { composeKuulo, type Kuulo } from './composition.ts';
import type { Logger } from './logger.ts';
import { hasAnyUnits, seedDemo } from './modules/demo/index.ts';
import type { HttpApp } from './http/app.ts';

export interface Started {
  kuulo: Kuulo;
  app: HttpApp;
  /** The address the server listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  stop(): Promise<void>;
}

export async function openConfiguredDatabase(config: Config, logger: Logger): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    // The code only: pg attaches the whole client (connection parameters included) to this error.
    onIdleError: (error) =>
      logger.warn({ sqlstate: (error as { code?: unknown }).code }, 'idle PostgreSQL connection closed'),
  });
  const { applied } = await migrate(database, (name) =>
    logger.info({ migration: name }, 'migration applied'),
  );
  logger.info({ engine: database.engine, applied: applied.length }, 'database ready');
  return database;
}

/** Built-in surveys always; demo data only on a first start without any organisation. */
export async function prepareData(kuulo: Kuulo, logger: Logger): Promise<void> {
  await kuulo.surveys.service.ensureBuiltInSurveys();
  if (!kuulo.config.seedDemo || (await hasAnyUnits(kuulo.database.db))) return;
  logger.info('first start without data: seeding the demo organisation and responses');
  let lastStage = '';
  const result = await seedDemo({
    db: kuulo.database.db,
    organisation: kuulo.organisation.service,
    surveys: kuulo.surveys.service,
    links: kuulo.webSurvey.links,
    feedback: kuulo.feedback.service,
    responses: kuulo.config.demoResponses,
    onProgress: (stage, done, total) => {
      if (stage !== lastStage || done === total) logger.info({ stage, done, total }, 'demo data');
      lastStage = stage;
    },
  });
  logger.info(result, 'demo data ready');
  // The demo's responses were bulk-loaded: fold them into the insights rollups now, so the first dashboard a
  // visitor opens shows the whole year rather than whatever the background job has reached.
  const { responses } = await kuulo.insights.aggregates.rebuild();
  await kuulo.insights.aggregates.catchUp({ maxResponses: Number.MAX_SAFE_INTEGER });
  logger.info({ responses }, 'demo aggregates ready');
}

export async function startServer(config: Config, logger: Logger): Promise<Started> {
  const database = await openConfiguredDatabase(config, logger);
  try {
    const kuulo = composeKuulo(config, database, logger);
    await prepareData(kuulo, logger);
    const app = await kuulo.http();
    await app.listen({ port: config.port, host: config.host });
    if (config.runJobs) {
      kuulo.jobs.start();
      kuulo.sms.dispatcher.start();
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://127.0.0.1:${port}`;
    logger.info({ url, engine: database.engine }, 'Kuulo is serving');
    let stopping: Promise<void> | undefined;
    return {
      kuulo,
      app,
      url,
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          await kuulo.stop();
          await database.close();
        })()),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
