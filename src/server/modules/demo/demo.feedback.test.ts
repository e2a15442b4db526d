import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { deriveKey } from '../../adapters/crypto/data-key.ts';
import { createAuditLog } from '../audit/index.ts';
import { createFeedbackModule, type FeedbackModule } from '../feedback/index.ts';
import { createOrganisationService } from '../organisation/index.ts';
import { seedDemoFeedback } from './demo.feedback.ts';

let database: Database;
let feedback: FeedbackModule;

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  const audit = createAuditLog(database.db);
  const organisation = createOrganisationService({ db: database.db, audit });
  for (const id of ['demo-a', 'demo-b'])
    await organisation.createUnit(
      { id, parentId: null, type: 'unit', names: { fi: id, sv: null, en: null } },
      { actorId: null, source: 'test' },
    );
  feedback = createFeedbackModule({
    db: database.db,
    organisation,
    audit,
    dataKey: deriveKey('demo-feedback-test'.padEnd(40, 'x')),
    publicUrl: 'http://localhost',
  });
});
afterAll(async () => database.close());

test('the demo stores open feedback, some of it published with public replies, in the past', async () => {
  const now = new Date('2026-11-22T12:00:00Z');
  expect(await seedDemoFeedback(feedback.service, ['demo-a', 'demo-b'], now)).toBe(7);
  const published = await feedback.service.listPublic({ limit: 50 });
  expect(published).toHaveLength(5);
  expect(published.filter((item) => item.publicReply !== null)).toHaveLength(4);
  expect(new Set(published.map((item) => item.language))).toEqual(new Set(['fi', 'sv', 'en']));
  for (const item of published) expect(item.createdAt.getTime()).toBeLessThan(now.getTime());
  // Seeding again stores nothing new: the demo items have fixed submission ids.
  await seedDemoFeedback(feedback.service, ['demo-a', 'demo-b'], now);
  expect(await feedback.service.listPublic({ limit: 50 })).toHaveLength(5);
});
