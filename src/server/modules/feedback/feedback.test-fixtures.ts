// Test support: a feedback module on a fresh database with a small organisation tree, and test images.
import sharp from 'sharp';
import type { Database, Engine } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { createAuditLog } from '../audit/index.ts';
import { createOrganisationService } from '../organisation/index.ts';
import type { FullOrganisationService } from '../organisation/index.ts';
import { deriveKey } from '../../adapters/crypto/data-key.ts';
import { createFeedbackModule, type FeedbackModule } from './index.ts';

export const TEST_KEY = deriveKey('feedback-test-secret'.padEnd(40, 'x'));
const CONTEXT = { actorId: null, source: 'test' };

export interface FeedbackKit {
  database: Database;
  organisation: FullOrganisationService;
  feedback: FeedbackModule;
  close(): Promise<void>;
}

/** Units: region > health-services > hs-kallio (Kallion terveysasema) and hs-vuosaari; closed-unit (ended). */
export async function seedUnits(organisation: FullOrganisationService): Promise<void> {
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
      id: 'health',
      parentId: 'region',
      type: 'service_area',
      names: { fi: 'Terveyspalvelut', sv: 'Hälsotjänster', en: 'Health services' },
    },
    CONTEXT,
  );
  await organisation.createUnit(
    {
      id: 'hs-kallio',
      parentId: 'health',
      type: 'unit',
      names: { fi: 'Kallion terveysasema', sv: 'Berghälls hälsostation', en: 'Kallio health station' },
    },
    CONTEXT,
  );
  await organisation.createUnit(
    {
      id: 'hs-vuosaari',
      parentId: 'health',
      type: 'unit',
      names: { fi: 'Vuosaaren terveysasema', sv: 'Nordsjö hälsostation', en: 'Vuosaari health station' },
    },
    CONTEXT,
  );
  await organisation.createUnit(
    {
      id: 'closed-unit',
      parentId: 'health',
      type: 'unit',
      names: { fi: 'Suljettu yksikkö', sv: null, en: null },
    },
    CONTEXT,
  );
  await organisation.closeUnit('closed-unit', '2020-01-01', CONTEXT);
}

export async function openFeedbackKit(engine: Engine): Promise<FeedbackKit> {
  const database = await openTestDatabase(engine);
  const { db } = database;
  const audit = createAuditLog(db);
  const organisation = createOrganisationService({ db, audit });
  await seedUnits(organisation);
  const feedback = createFeedbackModule({
    db,
    organisation,
    audit,
    dataKey: TEST_KEY,
    publicUrl: 'https://palaute.example.fi',
  });
  return { database, organisation, feedback, close: () => database.close() };
}

/** A small JPEG carrying EXIF with a GPS position (Helsinki cathedral) and a camera model. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Secret Model 9000' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '60/1 10/1 12/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '24/1 57/1 8/1',
      },
    })
    .toBuffer();
}

export async function pngImage(): Promise<Buffer> {
  return sharp({ create: { width: 20, height: 20, channels: 4, background: '#0b4f9c' } })
    .png()
    .toBuffer();
}
