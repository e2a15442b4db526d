import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { CliLogger, WithKuulo } from './index.ts';

// `kuulo open311 create-client --name NAME`: an API key for a third-party app that posts feedback through Open311
// (POST /open311/v2/requests). The key is printed once; only its SHA-256 is stored. `list-clients` and
// `revoke-client` manage them.
export function open311Commands(program: Command, withKuulo: WithKuulo, cliLogger: CliLogger): void {
  const open311 = program.command('open311').description('manage Open311 API clients');

  open311
    .command('create-client')
    .description('register a client and print its API key (shown only once)')
    .requiredOption('--name <name>', 'who uses the key, e.g. the app and its maker')
    .action(async (options: { name: string }) => {
      await withKuulo(loadConfig(), cliLogger(), async (kuulo) => {
        const { client, apiKey } = await kuulo.open311.clients.create(options.name);
        console.log(`Open311 client ${client.id} "${client.name}". API key (shown only now):\n${apiKey}`);
      });
    });

  open311
    .command('list-clients')
    .description('list registered clients (never their keys)')
    .action(async () => {
      await withKuulo(loadConfig(), cliLogger(), async (kuulo) => {
        for (const c of await kuulo.open311.clients.list()) {
          const state = c.revokedAt ? `revoked ${c.revokedAt.toISOString()}` : 'active';
          const used = c.lastUsedAt ? c.lastUsedAt.toISOString() : 'never';
          console.log(`${c.id}\t${c.keyPrefix}…\t${state}\tlast used ${used}\t${c.name}`);
        }
      });
    });

  open311
    .command('revoke-client')
    .description('stop a client key from working')
    .requiredOption('--id <id>', 'the client id from list-clients')
    .action(async (options: { id: string }) => {
      await withKuulo(loadConfig(), cliLogger(), async (kuulo) => {
        await kuulo.open311.clients.revoke(options.id);
        console.log(`Revoked ${options.id}.`);
      });
    });
}
