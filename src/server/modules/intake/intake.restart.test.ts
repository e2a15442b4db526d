import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { buildHttpApp } from '../../http/app.ts';
import { buildIntake, nationalSubmission, seedWorld, type World } from './intake.test-fixtures.ts';

// PGlite with a data directory, as `npm start` runs it: what was acknowledged must still be there after a restart.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-intake-restart-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function open(): Promise<Database> {
  const database = await openDatabase({ dataDir });
  await migrate(database);
  return database;
}

/** Runs one "server lifetime": app up, one POST, app and database down. */
async function lifetime(database: Database, world: World, body: unknown) {
  const { intake } = buildIntake(database.db, world, { engine: 'pglite' });
  const app = await buildHttpApp({
    logger: pino({ level: 'silent' }),
    trustProxy: false,
    routes: [intake.routes],
  });
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/responses',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.json<{ id: string }>() };
  } finally {
    await app.close();
    await intake.service.close();
  }
}

test('a submission stored before a restart is recognised after it: same id, nothing new stored', async () => {
  const submissionId = randomUUID();
  const body = nationalSubmission({
    submissionId,
    answers: { recommendation: 8, comment: 'Soita 040 123 4567' },
  });

  const first = await open();
  const world = await seedWorld(first.db);
  const before = await lifetime(first, world, body);
  await first.close();
  expect(before.status).toBe(201);

  const second = await open();
  try {
    const after = await lifetime(second, world, body);
    expect(after).toEqual({ status: 200, body: { id: before.body.id } });
    const rows = await second.db.selectFrom('responses').select(['id', 'submission_id']).execute();
    expect(rows).toEqual([{ id: before.body.id, submission_id: submissionId }]);
    const texts = await second.db.selectFrom('response_texts').select('text_redacted').execute();
    expect(texts).toEqual([{ text_redacted: 'Soita [phone]' }]);
  } finally {
    await second.close();
  }
});
