import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { t } from '../../i18n/index.ts';
import type { CliLogger, WithKuulo } from './index.ts';
import { progressReporter } from './progress.ts';

/**
 * `kuulo aggregates rebuild`: recomputes the insights rollups from the responses (after a bulk import, or to
 * verify them); `kuulo aggregates catch-up` folds in what is pending; `kuulo alerts evaluate` runs the alert rules.
 */
export function aggregatesCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  const aggregates = program.command('aggregates').description('insights aggregates (rollups of responses)');
  aggregates
    .command('rebuild')
    .description(
      'recompute every aggregate from the stored responses (responses arriving meanwhile are kept)',
    )
    .action(async () => {
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const progress = progressReporter(`${t('en')('insights.cli_rebuild_label')} (months)`);
        const { responses } = await kuulo.insights.aggregates.rebuild(progress);
        await kuulo.insights.aggregates.catchUp({ maxResponses: Number.MAX_SAFE_INTEGER });
        console.log(t('en')('insights.cli_rebuild_done', { responses }));
      });
    });
  aggregates
    .command('catch-up')
    .description('fold responses stored since the last run into the aggregates')
    .action(async () => {
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const total = await kuulo.insights.aggregates.pending();
        const progress = progressReporter('Pending responses');
        let done = 0;
        progress(0, total);
        for (;;) {
          const folded = await kuulo.insights.aggregates.catchUp({ maxResponses: 50_000 });
          if (folded === 0) break;
          done += folded;
          progress(Math.min(done, total), Math.max(total, done));
        }
        console.log(`Folded ${done} responses.`);
      });
    });

  program
    .command('alerts')
    .description('insights alerts')
    .command('evaluate')
    .description('evaluate the alert rules now (for the period that ended yesterday) and e-mail new alerts')
    .option('--today <date>', 'evaluate as if today were this date (YYYY-MM-DD)')
    .action(async (options: { today?: string }) => {
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        await kuulo.insights.aggregates.catchUp({ maxResponses: Number.MAX_SAFE_INTEGER });
        const result = await kuulo.insights.alerts.evaluate(options.today);
        console.log(`Alerts: ${result.created} new, ${result.emailed} e-mailed.`);
      });
    });
}
