import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { DomainError } from '../errors.ts';
import { t } from '../../i18n/index.ts';
import type { CliLogger, WithKuulo } from './index.ts';

// `kuulo link-identity`: ties an OpenID Connect identity to a staff account ahead of its first sign-in, for
// KUULO_OIDC_MATCH=subject or a provider that does not vouch for e-mail addresses.
interface LinkIdentityOptions {
  email: string;
  subject: string;
  issuer?: string;
}

export function linkIdentityCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  program
    .command('link-identity')
    .description('link an OpenID Connect identity (issuer + subject) to a staff account')
    .requiredOption('--email <email>', "the staff account's e-mail address")
    .requiredOption('--subject <sub>', "the person's subject identifier at the provider (the sub claim)")
    .option('--issuer <url>', 'the provider (default KUULO_OIDC_ISSUER)')
    .action(async (options: LinkIdentityOptions) => {
      const config = loadConfig();
      const issuer = options.issuer ?? config.oidcIssuer;
      if (!issuer) throw new Error('No issuer: pass --issuer or set KUULO_OIDC_ISSUER.');
      await withKuulo(config, logger(), async (kuulo) => {
        try {
          const { userId } = await kuulo.staff.service.linkIdentity({
            email: options.email,
            issuer,
            subject: options.subject,
            actorId: null,
          });
          process.stdout.write(`${userId}\n`);
        } catch (error) {
          if (error instanceof DomainError) throw new Error(t('en')(error.messageKey, error.params));
          throw error;
        }
      });
    });
}
