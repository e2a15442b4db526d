import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { DataDirInUseError } from '../db/lock.ts';
import { migrate } from '../db/migrate.ts';
import { openConfiguredDatabase, startServer } from '../boot.ts';
import { composeKuulo, type Kuulo } from '../composition.ts';
import { hasAnyUnits, seedDemo } from '../modules/demo/index.ts';
import { DomainError } from '../errors.ts';
import { t } from '../../i18n/index.ts';
import { progressReporter } from './progress.ts';
import { importUnitsCommand } from './import-units.ts';
import { createUserCommand } from './create-user.ts';
import { linkIdentityCommand } from './link-identity.ts';
import { exportResponsesCommand } from './export-responses.ts';
import { reportCommand } from './report-quarterly.ts';
import { exportNationalCommand } from './export-national.ts';
import { aggregatesCommand } from './aggregates.ts';
import { analysisCommand } from './analysis.ts';
import { smsCommands } from './sms.ts';
import { open311Commands } from './open311-client.ts';

/** Opens the configured database, composes Kuulo, runs fn, and always closes what it opened. */
export async function withKuulo<T>(
  config: Config,
  logger: Logger,
  fn: (kuulo: Kuulo) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(config, logger);
  const kuulo = composeKuulo(config, database, logger);
  try {
    await kuulo.surveys.service.ensureBuiltInSurveys();
    return await fn(kuulo);
  } finally {
    await kuulo.stop();
    await database.close();
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const started = await startServer(config, logger);
  console.log(`Kuulo is running at ${config.publicUrl} (database: ${started.kuulo.database.engine})`);
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    started.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

export function buildCli(): Command {
  const program = new Command('kuulo')
    .description('Kuulo: customer feedback for public social and health services')
    .showHelpAfterError();
  const cliLogger = () => createLogger(process.env.LOG_LEVEL ?? 'warn');

  program
    .command('serve')
    .description('start the HTTP server (migrates, and seeds demo data on a first start)')
    .action(async () => serve(loadConfig()));

  program
    .command('migrate')
    .description('apply database migrations')
    .action(async () => {
      const logger = cliLogger();
      const database = await openConfiguredDatabase(loadConfig(), logger);
      const { applied } = await migrate(database);
      await database.close();
      console.log(
        applied.length ? `Database is up to date (${applied.length} applied).` : 'Database is up to date.',
      );
    });

  program
    .command('seed-demo')
    .description('create the demo organisation, surveys and synthetic responses in an empty database')
    .option('--responses <n>', 'how many synthetic responses', positiveInt)
    .action(async (options: { responses?: number }) => {
      const config = loadConfig();
      await withKuulo(config, cliLogger(), async (kuulo) => {
        if (await hasAnyUnits(kuulo.database.db)) {
          throw new Error(
            'The database already has an organisation; demo data goes only into an empty database.',
          );
        }
        const progress = new Map<string, ReturnType<typeof progressReporter>>();
        const result = await seedDemo({
          db: kuulo.database.db,
          organisation: kuulo.organisation.service,
          surveys: kuulo.surveys.service,
          links: kuulo.webSurvey.links,
          feedback: kuulo.feedback.service,
          responses: options.responses ?? config.demoResponses,
          onProgress: (stage, done, total) => {
            if (!progress.has(stage)) progress.set(stage, progressReporter(stage));
            progress.get(stage)?.(done, total);
          },
        });
        console.log(`Demo ready: ${result.units} organisation nodes, ${result.responses} responses.`);
      });
    });

  importUnitsCommand(program, withKuulo, cliLogger);
  createUserCommand(program, withKuulo, cliLogger);
  linkIdentityCommand(program, withKuulo, cliLogger);
  exportResponsesCommand(program, withKuulo, cliLogger);
  reportCommand(program, withKuulo, cliLogger);
  exportNationalCommand(program, withKuulo, cliLogger);
  aggregatesCommand(program, withKuulo, cliLogger);
  analysisCommand(program, withKuulo, cliLogger);
  smsCommands(program, withKuulo, cliLogger);
  open311Commands(program, withKuulo, cliLogger);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof DomainError) console.error(t('en')(error.messageKey, error.params));
    else if (error instanceof DataDirInUseError || error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

export type WithKuulo = typeof withKuulo;
export type CliLogger = () => Logger;
