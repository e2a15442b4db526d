// Application instances are stateless: two of them against one PostgreSQL must work side by side.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { composeKuulo, type Kuulo } from './composition.ts';
import type { HttpApp } from './http/app.ts';
import { GOOD_PASSWORD, signIn, TEST_ORIGIN } from './modules/staff/staff.testing.ts';

const adminUrl = process.env.DATABASE_URL;

describe.skipIf(!adminUrl)('two instances on one PostgreSQL', () => {
  const name = `kuulo_test_pair_${randomBytes(5).toString('hex')}`;
  const instances: { database: Database; kuulo: Kuulo; app: HttpApp; dataDir: string }[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const databases = await Promise.all(
      [0, 1].map(() => openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 4 })),
    );
    // Both start at once: the advisory lock must serialise the migrations.
    await Promise.all(databases.map((d) => migrate(d)));
    for (const database of databases) {
      // Different data directories on purpose: nothing may depend on local files when a shared secret is set.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-pair-'));
      const config = loadConfig(
        {},
        {
          dataDir,
          logLevel: 'silent',
          seedDemo: false,
          runJobs: false,
          publicUrl: TEST_ORIGIN,
          secret: 'shared-secret-'.padEnd(48, 'k'),
        },
      );
      const kuulo = composeKuulo(config, database, pino({ level: 'silent' }));
      instances.push({ database, kuulo, app: await kuulo.http(), dataDir });
    }
    await Promise.all(instances.map((i) => i.kuulo.surveys.service.ensureBuiltInSurveys()));
    const [a] = instances;
    await a!.kuulo.organisation.service.importUnits(
      {
        format: 'json',
        content: JSON.stringify([
          {
            id: 'root',
            parent_id: null,
            type: 'division',
            name_fi: 'Juuri',
            name_sv: 'Rot',
            name_en: 'Root',
          },
        ]),
      },
      { dryRun: false, actorId: null, source: 'test' },
    );
    const survey = await a!.kuulo.surveys.service.getCurrent('thl-national');
    await a!.kuulo.surveys.service.publish({
      surveyId: survey!.surveyId,
      unitId: 'root',
      includeSubtree: true,
      channels: ['api'],
      actorId: null,
    });
  });

  afterAll(async () => {
    for (const i of instances) {
      await i.app.close();
      await i.kuulo.stop();
      await i.database.close();
      fs.rmSync(i.dataDir, { recursive: true, force: true });
    }
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  test('built-in surveys exist once although both instances created them at start', async () => {
    const rows = await instances[0]!.database.db.selectFrom('surveys').select('slug').execute();
    expect(rows.filter((r) => r.slug === 'thl-national')).toHaveLength(1);
  });

  test('the same submission sent to both instances at once is stored once and both get the same id', async () => {
    const body = {
      submissionId: randomUUID(),
      survey: 'thl-national',
      unit: 'root',
      channel: 'api',
      language: 'sv',
      answers: { recommendation: 10 },
    };
    const replies = await Promise.all(
      instances.map((i) => i.app.inject({ method: 'POST', url: '/api/v1/responses', payload: body })),
    );
    const ids = replies.map((r) => r.json().id);
    expect(ids[0]).toBeDefined();
    expect(ids[0]).toBe(ids[1]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    const rows = await instances[0]!.database.db
      .selectFrom('responses')
      .where('submission_id', '=', body.submissionId)
      .select('id')
      .execute();
    expect(rows).toHaveLength(1);
  });

  test('a staff session started on one instance is valid on the other', async () => {
    const [a, b] = instances;
    await a!.kuulo.staff.service.createUser({
      email: 'pair@example.fi',
      displayName: 'Pair Tester',
      password: GOOD_PASSWORD,
      roles: [{ role: 'admin', unitId: null }],
    });
    const { cookie } = await signIn(a!.app, 'pair@example.fi', GOOD_PASSWORD);
    const home = await b!.app.inject({ url: '/staff', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Pair Tester');
  });
});
