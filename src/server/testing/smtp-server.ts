import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// A real SMTP server in a child Node process for tests: Kuulo's SMTP mailer talks to it over TCP exactly as it
// would to a production relay, and the test reads what arrived (parsed by mailparser).

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  /** The AUTH user when the server required authentication. */
  authenticatedUser: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  /** Header lines by lower-case name, values as sent (folded lines joined). */
  headers: Record<string, string>;
}

export interface TestSmtpServer {
  port: number;
  /** smtp://127.0.0.1:PORT (with the credentials when auth was asked for): use it as KUULO_SMTP_URL / smtpUrl. */
  url: string;
  /** Everything received so far, oldest first. */
  messages(): ReceivedMail[];
  /** Resolves with the first received message (already here or arriving later) that matches; rejects after timeoutMs. */
  waitForMessage(predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  clear(): void;
  stop(): Promise<void>;
}

const PROCESS_SCRIPT = fileURLToPath(new URL('./smtp-server-process.ts', import.meta.url));

type ChildMessage = { type: 'listening'; port: number } | { type: 'message'; mail: ReceivedMail };

export async function startTestSmtpServer(
  options: { auth?: { user: string; pass: string } } = {},
): Promise<TestSmtpServer> {
  const child: ChildProcess = fork(PROCESS_SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      KUULO_TEST_SMTP_USER: options.auth?.user ?? '',
      KUULO_TEST_SMTP_PASS: options.auth?.pass ?? '',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  child.on('message', (message: ChildMessage) => {
    if (message.type !== 'message') return;
    received.push(message.mail);
    for (const wake of waiters) wake();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`test SMTP server exited early (${code})`));
    child.once('exit', onExit);
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'listening') return;
      child.off('exit', onExit);
      resolve(message.port);
    });
  });
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';

  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages: () => [...received],
    waitForMessage(predicate = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching e-mail within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    clear() {
      received.length = 0;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
