import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connectFakeSmsc, type FakeSmsc } from './kannel-fake-smsc.ts';

// A real Kannel for tests and benchmarks: writes kannel.conf into a temporary directory, starts Debian's
// /usr/sbin/bearerbox and /usr/sbin/smsbox with a fake SMSC, and connects the phone-network side of that SMSC
// (kannel-fake-smsc.ts). Messages travel Kuulo → smsbox sendsms → bearerbox → fake SMSC → "phone", and back:
// phone → bearerbox → smsbox sms-service get-url → Kuulo; delivery reports via the dlr-url smsbox fetches.

export const BEARERBOX = '/usr/sbin/bearerbox';
export const SMSBOX = '/usr/sbin/smsbox';

export interface KannelOptions {
  /** Where smsbox delivers incoming messages: Kannel's get-url with %p (from), %P (to), %b (text), %t (time). */
  incomingUrl: string;
  username?: string;
  password?: string;
  /** Messages per second the fake SMSC passes on (0: no limit). */
  throughput?: number;
}

export interface KannelHarness {
  /** smsbox's sendsms address, e.g. http://127.0.0.1:PORT/cgi-bin/sendsms */
  sendsmsUrl: string;
  username: string;
  password: string;
  smsc: FakeSmsc;
  dir: string;
  /** The last lines of both boxes' logs (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

export function isKannelInstalled(): boolean {
  return fs.existsSync(BEARERBOX) && fs.existsSync(SMSBOX);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function kannelConf(options: {
  dir: string;
  adminPort: number;
  smsboxPort: number;
  smscPort: number;
  sendsmsPort: number;
  username: string;
  password: string;
  incomingUrl: string;
  throughput: number;
}): string {
  const log = (name: string) => quote(path.join(options.dir, `${name}.log`));
  return `group = core
admin-port = ${options.adminPort}
admin-password = ${quote(options.password)}
admin-allow-ip = "127.0.0.1"
smsbox-port = ${options.smsboxPort}
box-allow-ip = "127.0.0.1"
log-file = ${log('bearerbox')}
log-level = 1
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = ${options.smscPort}
connect-allow-ip = "127.0.0.1"
${options.throughput > 0 ? `throughput = ${options.throughput}` : ''}

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${options.smsboxPort}
sendsms-port = ${options.sendsmsPort}
sendsms-interface = 127.0.0.1
log-file = ${log('smsbox')}
log-level = 1
mo-recode = false

group = sendsms-user
username = ${quote(options.username)}
password = ${quote(options.password)}
max-messages = 4
concatenation = true
user-allow-ip = "127.0.0.1"

group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = ${quote(options.incomingUrl)}
`;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startKannel(options: KannelOptions): Promise<KannelHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-kannel-'));
  const [adminPort, smsboxPort, smscPort, sendsmsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const username = options.username ?? 'kuulo';
  const password = options.password ?? 'kannel-test-password';
  const conf = path.join(dir, 'kannel.conf');
  fs.writeFileSync(
    conf,
    kannelConf({
      dir,
      adminPort,
      smsboxPort,
      smscPort,
      sendsmsPort,
      username,
      password,
      incomingUrl: options.incomingUrl,
      throughput: options.throughput ?? 0,
    }),
  );
  const children: ChildProcess[] = [];
  const logs = () =>
    `--- bearerbox ---\n${tail(path.join(dir, 'bearerbox.log'))}\n--- smsbox ---\n${tail(path.join(dir, 'smsbox.log'))}`;
  const stop = async () => {
    for (const child of [...children].reverse()) await stopProcess(child);
    smsc?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  let smsc: FakeSmsc | undefined;
  try {
    const bearerbox = spawn(BEARERBOX, [conf], { cwd: dir, stdio: 'ignore' });
    children.push(bearerbox);
    await waitForPort(smsboxPort, 20_000);
    const smsbox = spawn(SMSBOX, [conf], { cwd: dir, stdio: 'ignore' });
    children.push(smsbox);
    smsc = await connectFakeSmsc(smscPort);
    await waitForPort(sendsmsPort, 20_000);
  } catch (error) {
    const detail = logs();
    await stop();
    throw new Error(`Kannel did not start: ${(error as Error).message}\n${detail}`);
  }
  return {
    sendsmsUrl: `http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms`,
    username,
    password,
    smsc,
    dir,
    logs,
    stop,
  };
}
