// What `npm start` does on a fresh machine: migrate, seed the demo once, serve; and on the next start, not reseed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from './config.ts';
import { startServer } from './boot.ts';
import { DataDirInUseError } from './db/lock.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-boot-'));
const config = loadConfig(
  {},
  { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', demoResponses: 300, runJobs: false },
);
const logger = pino({ level: 'silent' });

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('a first start without data seeds the demo with its aggregates and serves it; a second start keeps the same data', async () => {
  const first = await startServer(config, logger);
  try {
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    const units = (await (await fetch(`${first.url}/api/v1/units`)).json()) as unknown[];
    expect(units.length).toBeGreaterThan(300);
    const count = await first.kuulo.database.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(300);
    // The dashboards read aggregates: the demo's bulk-loaded responses are all in them before the first request.
    expect(await first.kuulo.insights.aggregates.pending()).toBe(0);
    // PGlite's directory is one process's at a time: a second server on it is refused with a clear message.
    const clash = startServer(config, logger);
    await expect(clash).rejects.toThrow(DataDirInUseError);
  } finally {
    await first.stop();
  }
  const second = await startServer(config, logger);
  try {
    const count = await second.kuulo.database.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(300);
  } finally {
    await second.stop();
  }
});
