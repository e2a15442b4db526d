import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { CliLogger, WithKuulo } from './index.ts';

// `kuulo create-integration-key --name NAME`: a key for an outside system (visit events for SMS surveys, chat
// ratings): `Authorization: Bearer <key>`. Printed once; only its SHA-256 is stored (sms_integration_keys).
export function smsCommands(program: Command, withKuulo: WithKuulo, cliLogger: CliLogger): void {
  program
    .command('create-integration-key')
    .description('create a key for an outside system sending visit events or chat ratings (printed once)')
    .requiredOption('--name <name>', 'which system uses the key')
    .action(async (options: { name: string }) => {
      await withKuulo(loadConfig(), cliLogger(), async (kuulo) => {
        const { id, key } = await kuulo.sms.service.createIntegrationKey(options.name, null);
        console.log(`Key ${id} for "${options.name}" (shown only now):\n${key}`);
      });
    });
}
