import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import { ValidationError } from '../errors.ts';
import { t } from '../../i18n/index.ts';
import { STAFF_ROLES, type RoleAssignment, type StaffRole } from '../modules/staff/index.ts';
import type { CliLogger, WithKuulo } from './index.ts';

// `kuulo create-user`: the first administrator comes from here. The password is never a command-line argument
// (it would sit in shell history and in `ps` output): it comes from KUULO_NEW_PASSWORD, standard input, or a
// prompt that does not echo.
const ROLES: readonly StaffRole[] = STAFF_ROLES;
export const PASSWORD_ENV = 'KUULO_NEW_PASSWORD';

/** `admin` or `manager:UNIT_ID`; unit ids may themselves contain ':' so only the first one splits. */
export function parseRoleSpec(spec: string, previous: RoleAssignment[] = []): RoleAssignment[] {
  const colon = spec.indexOf(':');
  const role = colon === -1 ? spec : spec.slice(0, colon);
  const unitId = colon === -1 ? null : spec.slice(colon + 1);
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new InvalidArgumentError(`unknown role "${role}"; use one of ${ROLES.join(', ')}`);
  }
  if (unitId === '') throw new InvalidArgumentError(`missing unit id after "${role}:"`);
  return [...previous, { role: role as StaffRole, unitId }];
}

async function readStdin(input: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  // Only the final line break that `echo` or a here-string adds; anything else belongs to the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function promptHidden(
  question: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
): Promise<string> {
  output.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish();
        if (character === '\u0003' || character === '\u0004') return finish(new Error('cancelled'));
        if (character === '\u007f' || character === '\b') value = [...value].slice(0, -1).join('');
        else if (character >= ' ') value += character;
      }
      return undefined;
    };
    input.on('data', onData);
  });
}

export interface PasswordSources {
  passwordStdin: boolean;
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

export async function readNewPassword(sources: PasswordSources): Promise<string> {
  if (sources.passwordStdin) return readStdin(sources.stdin);
  const fromEnv = sources.env[PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  if (!sources.stdin.isTTY) {
    throw new Error(
      `No password: set ${PASSWORD_ENV}, use --password-stdin, or run in a terminal to be asked.`,
    );
  }
  const first = await promptHidden('Password for the new user: ', sources.stdin, sources.stderr);
  const second = await promptHidden('Repeat the password: ', sources.stdin, sources.stderr);
  if (first !== second) throw new Error('The passwords do not match.');
  return first;
}

/** Every problem of a refused account, one per line, in English. */
function describe(error: ValidationError): string {
  const tr = t('en');
  const details = Array.isArray(error.details) ? (error.details as { code?: unknown }[]) : [];
  const lines = details.map((d) => tr(`staff.${String(d.code)}`, error.params));
  return lines.length > 0 ? lines.join('\n') : tr(error.messageKey, error.params);
}

interface CreateUserOptions {
  email: string;
  name: string;
  role: RoleAssignment[];
  locale: 'fi' | 'sv' | 'en';
  passwordStdin?: boolean;
}

export function createUserCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  program
    .command('create-user')
    .description(
      `create a staff account (password from ${PASSWORD_ENV}, --password-stdin, or a hidden prompt)`,
    )
    .requiredOption('--email <email>', 'sign-in e-mail address')
    .requiredOption('--name <name>', 'display name')
    .option(
      '--role <role[:unitId]>',
      `${ROLES.join('|')}, optionally scoped to a unit subtree (repeatable)`,
      parseRoleSpec,
      [],
    )
    .addOption(
      new Option('--locale <locale>', 'user interface language').choices(['fi', 'sv', 'en']).default('fi'),
    )
    .option('--password-stdin', 'read the password from standard input')
    .action(async (options: CreateUserOptions) => {
      const password = await readNewPassword({
        passwordStdin: options.passwordStdin === true,
        env: process.env,
        stdin: process.stdin,
        stderr: process.stderr,
      });
      // Keep the password out of anything this process might start later.
      delete process.env[PASSWORD_ENV];
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        try {
          const { id } = await kuulo.staff.service.createUser({
            email: options.email,
            displayName: options.name,
            password,
            locale: options.locale,
            roles: options.role,
          });
          console.log(id);
        } catch (error) {
          if (error instanceof ValidationError) throw new Error(describe(error), { cause: error });
          throw error;
        }
      });
    });
}
