import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { CliLogger, WithKuulo } from './index.ts';

// Implemented with the organisation module: parses FILE (CSV or JSON by extension or --format), prints the
// changes (dry run) or applies them, and prints line-numbered errors with exit code 1.
export function importUnitsCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  program
    .command('import-units <file>')
    .description('import organisation units from CSV or JSON (see docs/organisation-import.md)')
    .option('--dry-run', 'list the changes without applying them')
    .option('--format <format>', 'csv or json (default: from the file extension)')
    .action(async (_file: string, _options: { dryRun?: boolean; format?: string }) => {
      await withKuulo(loadConfig(), logger(), async () => {
        throw new Error('import-units: not implemented yet');
      });
    });
}
