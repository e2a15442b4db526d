import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { CliLogger, WithKuulo } from './index.ts';

// Implemented with the responses module.
export function exportResponsesCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  program
    .command('export-responses')
    .description('export responses as CSV or JSON Lines (redacted free text only)')
    .action(async () => {
      await withKuulo(loadConfig(), logger(), async () => {
        throw new Error('export-responses: not implemented yet');
      });
    });
}
