import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../config.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { composeKuulo, type Kuulo } from '../../composition.ts';
import { createLogger } from '../../logger.ts';
import type { Database } from '../../db/database.ts';
import type { HttpApp } from '../../http/app.ts';
import { THL_NATIONAL_SLUG } from '../surveys/index.ts';

// "Logs carry IDs, never feedback content": the whole app runs with the production logger at its most talkative
// level while feedback, survey answers, contact details and e-mail go through it, valid and invalid; not one
// log line may contain any of them.
const CANARIES = {
  comment: 'Lokikanari-kommentti-7319',
  feedback: 'Lokikanari-palaute-5521',
  email: 'lokikanari.yhteys@example.org',
  name: 'Lokikanari Henkilö',
  phone: '0401112233',
  mailBody: 'Lokikanari-viesti-8842',
};

let database: Database;
let kuulo: Kuulo;
let app: HttpApp;
const lines: string[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-logs-'));

beforeAll(async () => {
  const config = loadConfig(
    {},
    { dataDir, seedDemo: false, logLevel: 'trace', runJobs: false, secret: 'logs-test-'.padEnd(40, 'x') },
  );
  database = await openTestDatabase('pglite');
  // The production logger (its level and redaction), writing into memory instead of stdout.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  kuulo = composeKuulo(config, database, createLogger(config.logLevel, sink));
  await kuulo.surveys.service.ensureBuiltInSurveys();
  app = await kuulo.http();
  await app.ready();
  await kuulo.organisation.service.importUnits(
    {
      format: 'json',
      content: JSON.stringify([{ id: 'log-unit', parentId: null, type: 'unit', nameFi: 'Yksikkö' }]),
    },
    { dryRun: false, actorId: null, source: 'logs-test' },
  );
  const survey = await kuulo.surveys.service.getCurrent(THL_NATIONAL_SLUG);
  await kuulo.surveys.service.publish({
    surveyId: survey!.surveyId,
    unitId: 'log-unit',
    includeSubtree: true,
    channels: ['web'],
    actorId: null,
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await kuulo?.stop();
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('no log line carries feedback text, answers, contact details or e-mail content', async () => {
  const submission = (comment: string, email: string) => ({
    submissionId: randomUUID(),
    survey: THL_NATIONAL_SLUG,
    unit: 'log-unit',
    channel: 'web',
    language: 'fi',
    answers: { recommendation: 3, comment },
    contact: { name: CANARIES.name, email, phone: CANARIES.phone },
  });
  const ok = await app.inject({
    method: 'POST',
    url: '/api/v1/responses',
    payload: submission(CANARIES.comment, CANARIES.email),
  });
  expect(ok.statusCode).toBe(201);
  // Invalid input is where content most often slips into a log: a bad contact and an over-long comment.
  const badContact = await app.inject({
    method: 'POST',
    url: '/api/v1/responses',
    payload: submission(CANARIES.comment, `${CANARIES.email}@@`),
  });
  expect(badContact.statusCode).toBe(400);
  const tooLong = await app.inject({
    method: 'POST',
    url: '/api/v1/responses',
    payload: submission(`${CANARIES.comment} ${'x'.repeat(5000)}`, CANARIES.email),
  });
  expect(tooLong.statusCode).toBe(400);
  const broken = await app.inject({
    method: 'POST',
    url: '/api/v1/responses',
    headers: { 'content-type': 'application/json' },
    payload: `{"answers":{"comment":"${CANARIES.comment}"`,
  });
  expect(broken.statusCode).toBe(400);

  await kuulo.feedback.service.submit(
    {
      submissionId: randomUUID(),
      type: 'complaint',
      unitId: 'log-unit',
      description: `${CANARIES.feedback}: jonotin kaksi tuntia, soittakaa ${CANARIES.phone}`,
      language: 'fi',
      wantsReply: true,
      contact: { name: CANARIES.name, email: CANARIES.email },
    },
    { source: 'web' },
  );
  await expect(
    kuulo.mailer.send({ to: [CANARIES.email], subject: CANARIES.mailBody, text: CANARIES.mailBody }),
  ).rejects.toMatchObject({ code: 'mail_not_configured' });
  await kuulo.jobs.runDue();
  await kuulo.intake.service.close();

  const log = lines.join('');
  expect(lines.length).toBeGreaterThan(0);
  for (const [what, canary] of Object.entries(CANARIES)) {
    expect(log.includes(canary), `${what} appears in the log`).toBe(false);
  }
  expect(log.toLowerCase()).not.toContain('lokikanari');
});
