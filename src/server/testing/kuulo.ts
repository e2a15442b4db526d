import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from '../config.ts';
import type { Engine } from '../db/database.ts';
import { openTestDatabase } from '../db/testing.ts';
import { composeKuulo, type Kuulo } from '../composition.ts';
import type { HttpApp } from '../http/app.ts';

export interface TestKuulo {
  kuulo: Kuulo;
  app: HttpApp;
  config: Config;
  close(): Promise<void>;
}

/** A whole Kuulo on a fresh test database with its HTTP app ready for app.inject(); no demo data. */
export async function createTestKuulo(engine: Engine, overrides: Partial<Config> = {}): Promise<TestKuulo> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-test-'));
  const config = loadConfig(
    {},
    {
      dataDir,
      seedDemo: false,
      logLevel: 'silent',
      runJobs: false,
      secret: 'test-secret-'.padEnd(40, 'x'),
      ...overrides,
    },
  );
  const database = await openTestDatabase(engine);
  const kuulo = composeKuulo(config, database, pino({ level: 'silent' }));
  await kuulo.surveys.service.ensureBuiltInSurveys();
  const app = await kuulo.http();
  await app.ready();
  return {
    kuulo,
    app,
    config,
    async close() {
      await app.close();
      await kuulo.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
