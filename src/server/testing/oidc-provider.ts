import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// A real OpenID Connect provider in a child Node process for tests (oidc-provider with its development login
// and consent screens). Kuulo's OIDC sign-in runs the real authorization code + PKCE flow against it.

export interface TestOidcProvider {
  /** http://127.0.0.1:PORT: the issuer and discovery base (…/.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export interface TestOidcOptions {
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  /** Claims by login name (the subject), e.g. { anna: { email: 'anna@x.fi', email_verified: true } }. */
  accounts?: Record<string, Record<string, string | boolean>>;
}

const PROCESS_SCRIPT = fileURLToPath(new URL('./oidc-provider-process.ts', import.meta.url));

export async function startTestOidcProvider(options: TestOidcOptions): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'kuulo-test';
  const clientSecret = options.clientSecret ?? 'kuulo-test-secret-0123456789abcdef';
  const child = fork(PROCESS_SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      KUULO_TEST_OIDC_CLIENT: JSON.stringify({ clientId, clientSecret, redirectUris: options.redirectUris }),
      KUULO_TEST_OIDC_ACCOUNTS: JSON.stringify(options.accounts ?? {}),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // The provider warns on every start that it runs in development mode: keep that out of test output.
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = chunk
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('oidc-provider WARNING'));
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`test OIDC provider exited early (${code})`));
    child.once('exit', onExit);
    child.on('message', (message: { type: string; issuer: string }) => {
      if (message.type !== 'listening') return;
      child.off('exit', onExit);
      resolve(message.issuer);
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
