import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ConflictError } from '../../errors.ts';
import { CHANNELS, type Channel } from '../../../shared/channels.ts';
import type { OrganisationService } from '../organisation/index.ts';
import {
  HOME_CARE_SLUG,
  THL_CHILDREN_SLUG,
  THL_NATIONAL_SLUG,
  type SurveysService,
} from '../surveys/index.ts';
import type { ShortLinkService } from '../web-survey/index.ts';
import type { FeedbackService } from '../feedback/index.ts';
import { seedDemoFeedback } from './demo.feedback.ts';
import { createDemoRepository } from './demo.repository.ts';
import { buildOrganisation, type DemoOrganisation } from './demo.organisation.ts';
import { createRandom } from './demo.random.ts';
import { generateResponses, type DemoSurvey } from './demo.responses.ts';

export interface DemoOptions {
  db: Kysely<DB>;
  organisation: OrganisationService;
  surveys: SurveysService;
  links: ShortLinkService;
  responses: number;
  /** When given, a few open feedback items (some published with public replies) are stored through it. */
  feedback?: FeedbackService;
  /** Fixed seed: the same demo every time. */
  seed?: number;
  now?: Date;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface DemoResult {
  units: number;
  responses: number;
}

export const DEFAULT_DEMO_SEED = 2026;
/** The children's survey is answered on the spot: web link, QR poster, kiosk. */
const CHILDREN_CHANNELS: Channel[] = ['web', 'qr', 'kiosk'];

export async function hasAnyUnits(db: Kysely<DB>): Promise<boolean> {
  return createDemoRepository(db).hasAnyUnits();
}

async function importOrganisation(organisation: OrganisationService, org: DemoOrganisation): Promise<void> {
  const rows = org.nodes.map((n) => ({
    id: n.id,
    parentId: n.parentId,
    type: n.type,
    nameFi: n.nameFi,
    nameSv: n.nameSv,
    nameEn: n.nameEn,
    oid: n.oid,
  }));
  const report = await organisation.importUnits(
    { format: 'json', content: JSON.stringify(rows) },
    { dryRun: false, actorId: null, source: 'demo' },
  );
  if (!report.applied || report.errors.length > 0) {
    const first = report.errors[0];
    throw new Error(
      `demo organisation import failed: ${first ? `${first.code} at ${first.line}` : 'not applied'}`,
    );
  }
}

async function currentSurvey(surveys: SurveysService, slug: string): Promise<DemoSurvey | undefined> {
  const view = await surveys.getCurrent(slug);
  return view && { surveyId: view.surveyId, versionId: view.versionId, definition: view.definition };
}

/** Publishes the national set everywhere and the children's set at child services; makes their short links. */
async function publishSurveys(
  options: DemoOptions,
  org: DemoOrganisation,
): Promise<{ national: DemoSurvey; children: DemoSurvey | undefined }> {
  const { surveys, links } = options;
  await surveys.ensureBuiltInSurveys();
  const national = await currentSurvey(surveys, THL_NATIONAL_SLUG);
  if (!national) throw new Error(`demo needs the built-in survey ${THL_NATIONAL_SLUG}`);
  const children = await currentSurvey(surveys, THL_CHILDREN_SLUG);
  await surveys.publish({
    surveyId: national.surveyId,
    unitId: org.rootId,
    includeSubtree: true,
    channels: [...CHANNELS],
    actorId: null,
  });
  await links.ensureCodes(national.surveyId, org.unitIds);
  // The home-care visit survey is answered on staff phones (docs/home-care.md): open in that channel everywhere.
  const homeCare = await currentSurvey(surveys, HOME_CARE_SLUG);
  if (homeCare) {
    await surveys.publish({
      surveyId: homeCare.surveyId,
      unitId: org.rootId,
      includeSubtree: true,
      channels: ['home_care'],
      actorId: null,
    });
  }
  if (children) {
    for (const serviceId of org.childServiceIds) {
      await surveys.publish({
        surveyId: children.surveyId,
        unitId: serviceId,
        includeSubtree: true,
        channels: CHILDREN_CHANNELS,
        actorId: null,
      });
    }
    await links.ensureCodes(children.surveyId, org.childUnitIds);
  }
  return { national, children };
}

/**
 * Seeds the demo into an empty database: the organisation (through the organisation import), publications and
 * short links (through the surveys and web-survey services), then `responses` synthetic responses over the year
 * before `now`. The same seed and `now` give the same demo, byte for byte.
 */
export async function seedDemo(options: DemoOptions): Promise<DemoResult> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? (() => undefined);
  const repository = createDemoRepository(options.db);
  if (await repository.hasAnyUnits()) {
    throw new ConflictError('demo_needs_empty_database', 'demo.needs_empty_database');
  }
  const random = createRandom(seed);
  const org = buildOrganisation(random.fork('organisation'));

  progress('organisation', 0, org.nodes.length);
  await importOrganisation(options.organisation, org);
  progress('organisation', org.nodes.length, org.nodes.length);

  progress('surveys', 0, 1);
  const { national, children } = await publishSurveys(options, org);
  progress('surveys', 1, 1);

  const total = options.responses;
  progress('responses', 0, total);
  const responses = generateResponses({
    random: random.fork('responses'),
    targets: org.targets,
    national,
    ...(children ? { children } : {}),
    count: total,
    now,
  });
  const loaded = await repository.insertResponses(
    responses,
    { seededAt: now.toISOString(), seed, responses: total },
    (done) => progress('responses', done, total),
  );
  if (options.feedback) await seedDemoFeedback(options.feedback, org.unitIds, now);
  return { units: org.nodes.length, responses: loaded };
}
