// Test support: feedback + Open311 on a fresh database with a few units, some published items and an API client.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import sharp from 'sharp';
import type { Database, Engine } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { deriveKey } from '../../adapters/crypto/data-key.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { createAuditLog } from '../audit/index.ts';
import { createFeedbackModule, type FeedbackInput, type FeedbackModule } from '../feedback/index.ts';
import { createOrganisationService } from '../organisation/index.ts';
import { createOpen311Module, type Open311Module, type PublicLogEntry } from './index.ts';

export const PUBLIC_URL = 'https://palaute.example.fi';
const CONTEXT = { actorId: null, source: 'test' };

export interface Open311Kit {
  database: Database;
  feedback: FeedbackModule;
  open311: Open311Module;
  app: HttpApp;
  apiKey: string;
  /** Status history served as the request log, keyed by feedback id. */
  log: Map<string, PublicLogEntry[]>;
  /** Stores feedback through the service; published ones get a public reply and a moderation decision. */
  add(
    input: Partial<FeedbackInput>,
    publish?: { reply?: string; status?: 'done' | 'handling' | 'rejected' },
  ): Promise<{ id: string; publicId: string }>;
  close(): Promise<void>;
}

export async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 24, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Model: 'Hidden Camera' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '60/1 10/1 0/1' },
    })
    .toBuffer();
}

export async function openOpen311Kit(engine: Engine): Promise<Open311Kit> {
  const database = await openTestDatabase(engine);
  const { db } = database;
  const audit = createAuditLog(db);
  const organisation = createOrganisationService({ db, audit });
  await organisation.createUnit(
    {
      id: 'region',
      parentId: null,
      type: 'division',
      names: { fi: 'Hyvinvointialue', sv: 'Välfärdsområdet', en: 'Wellbeing county' },
    },
    CONTEXT,
  );
  await organisation.createUnit(
    {
      id: 'hs-kallio',
      parentId: 'region',
      type: 'unit',
      names: { fi: 'Kallion terveysasema', sv: 'Berghälls hälsostation', en: 'Kallio health station' },
    },
    CONTEXT,
  );
  await organisation.createUnit(
    {
      id: 'dental',
      parentId: 'region',
      type: 'unit',
      names: { fi: 'Suun terveydenhuolto', sv: 'Munhälsovård', en: 'Oral health care' },
    },
    CONTEXT,
  );
  const feedback = createFeedbackModule({
    db,
    organisation,
    audit,
    dataKey: deriveKey('open311-test-secret'.padEnd(40, 'x')),
    publicUrl: PUBLIC_URL,
  });
  const log = new Map<string, PublicLogEntry[]>();
  const open311 = createOpen311Module({
    db,
    feedback: feedback.service,
    organisation,
    publicUrl: PUBLIC_URL,
    publicLog: async (ids) => new Map(ids.filter((id) => log.has(id)).map((id) => [id, log.get(id) ?? []])),
  });
  const app = await buildHttpApp({
    logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    trustProxy: false,
    routes: [feedback.routes, open311.routes],
  });
  await app.ready();
  const { apiKey } = await open311.clients.create('Test app');
  return {
    database,
    feedback,
    open311,
    app,
    apiKey,
    log,
    async add(input, publish) {
      const result = await feedback.service.submit(
        {
          submissionId: randomUUID(),
          type: 'complaint',
          unitId: 'hs-kallio',
          description: 'Odotin vastaanotolla puolitoista tuntia.',
          language: 'fi',
          ...input,
        },
        { source: 'web' },
      );
      if (publish) {
        await db
          .updateTable('feedback_items')
          .set({
            moderation: 'published',
            published_at: new Date(),
            status: publish.status ?? 'done',
            public_reply: publish.reply ?? null,
            public_reply_at: publish.reply ? new Date() : null,
            updated_at: new Date(),
          })
          .where('id', '=', result.id)
          .execute();
      }
      return { id: result.id, publicId: result.publicId };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
