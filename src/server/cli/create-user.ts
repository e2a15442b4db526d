import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { CliLogger, WithKuulo } from './index.ts';

// Implemented with the staff module.
export function createUserCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  program
    .command('create-user')
    .description('create a staff account')
    .action(async () => {
      await withKuulo(loadConfig(), logger(), async () => {
        throw new Error('create-user: not implemented yet');
      });
    });
}
