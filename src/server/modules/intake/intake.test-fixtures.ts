// Test helpers for the intake module: a small organisation and the two built-in survey definitions stored
// directly in the database, with fakes of the organisation and surveys services around them. Used only by tests.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Engine } from '../../db/database.ts';
import { loadConfig, type Config } from '../../config.ts';
import { createJobQueue, type JobQueue } from '../../jobs/index.ts';
import { deriveKey } from '../../adapters/crypto/data-key.ts';
import type { Channel } from '../../../shared/channels.ts';
import type { LocalizedText, Question, SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { OrganisationService, OrgUnit } from '../organisation/index.ts';
import type { SurveysService, SurveyVersionView } from '../surveys/index.ts';
import { createIntakeModule, type IntakeModule, type IntakeOptions } from './index.ts';

// Shaped like the built-in templates (same ids, types and roles), with short texts: modules meet only through
// their index.ts, so the real templates are not imported here. Whole-app tests use the real ones.
const text = (s: string, plain = false): LocalizedText => ({
  fi: s,
  sv: `${s} (sv)`,
  en: `${s} (en)`,
  ...(plain ? { 'fi-plain': `${s} (selko)` } : {}),
});
const option = (id: string) => ({ id, label: text(id) });
const scales: SurveyDefinition['scales'] = {
  agreement: { labels: ['1', '2', '3', '4', '5'].map((l) => text(l)), cantSay: text('?') },
  smiley: { labels: ['1', '2', '3', '4'].map((l) => text(l)) },
};

export const NATIONAL_LIKE: SurveyDefinition = {
  title: text('Asiakaspalaute', true),
  thankYou: text('Kiitos'),
  audience: 'adult',
  scales,
  questions: [
    {
      id: 'recommendation',
      type: 'recommendation',
      text: text('NPS'),
      lowLabel: text('0'),
      highLabel: text('10'),
    },
    ...['smooth', 'timely', 'respect', 'together', 'safe', 'understandable', 'useful'].map(
      (id): Question => ({ id, type: 'statement', text: text(id), allowCantSay: true, required: false }),
    ),
    {
      id: 'respondent_type',
      type: 'single_choice',
      role: 'respondent_type',
      text: text('Kuka vastaa?'),
      options: [option('client'), option('relative'), option('assisted')],
    },
    {
      id: 'age_group',
      type: 'single_choice',
      role: 'age_group',
      text: text('Ikä'),
      options: ['13_17', '18_29', '30_49', '50_64', '65_74', '75_plus'].map(option),
    },
    { id: 'comment', type: 'free_text', text: text('Kommentti'), maxLength: 2000 },
  ],
};

export const CHILDREN_LIKE: SurveyDefinition = {
  title: text('Kerro käynnistäsi'),
  thankYou: text('Kiitos'),
  audience: 'child',
  scales,
  questions: [
    ...['overall', 'listened', 'say', 'understood'].map((id): Question => ({
      id,
      type: 'smiley',
      text: text(id),
      required: false,
    })),
    { id: 'comment', type: 'free_text', text: text('Kommentti'), maxLength: 500 },
  ],
};

export const DATA_KEY = deriveKey('intake-test-secret');

export interface World {
  national: SurveyVersionView;
  children: SurveyVersionView;
  units: Map<string, OrgUnit>;
  /** `${surveyId}|${unitId}|${channel}` */
  publications: Set<string>;
}

function unit(id: string, parentId: string | null, extra: Partial<OrgUnit> = {}): OrgUnit {
  return {
    id,
    parentId,
    type: parentId ? 'unit' : 'division',
    names: { fi: `Yksikkö ${id}`, sv: null, en: null },
    oid: null,
    validFrom: null,
    validTo: null,
    mergedIntoId: null,
    ...extra,
  };
}

async function storeSurvey(db: Kysely<DB>, slug: string, definition: SurveyDefinition) {
  const surveyId = randomUUID();
  const versionId = randomUUID();
  await db.insertInto('surveys').values({ id: surveyId, slug, template: slug }).execute();
  await db
    .insertInto('survey_versions')
    .values({ id: versionId, survey_id: surveyId, version: 1, definition: JSON.stringify(definition) })
    .execute();
  await db.updateTable('surveys').set({ current_version_id: versionId }).where('id', '=', surveyId).execute();
  const view: SurveyVersionView = {
    surveyId,
    slug,
    template: slug,
    versionId,
    version: 1,
    definition,
    createdAt: new Date(),
  };
  return view;
}

/** Units: div (root), u-1 and u-2 (open), u-closed (closed 2020), u-unpublished; surveys published at u-1, u-2. */
export async function seedWorld(db: Kysely<DB>): Promise<World> {
  const units = [
    unit('div', null),
    unit('u-1', 'div'),
    unit('u-2', 'div'),
    unit('u-closed', 'div', { validTo: '2020-12-31' }),
    unit('u-unpublished', 'div'),
  ];
  await db
    .insertInto('org_units')
    .values(
      units.map((u) => ({
        id: u.id,
        parent_id: u.parentId,
        type: u.type,
        name_fi: u.names.fi,
        valid_to: u.validTo,
      })),
    )
    .execute();
  const national = await storeSurvey(db, 'thl-national', NATIONAL_LIKE);
  const children = await storeSurvey(db, 'thl-children', CHILDREN_LIKE);
  const publications = new Set<string>();
  for (const survey of [national, children])
    for (const unitId of ['u-1', 'u-2', 'u-closed'])
      for (const channel of ['web', 'qr', 'kiosk', 'sms'] as Channel[])
        publications.add(`${survey.surveyId}|${unitId}|${channel}`);
  return { national, children, units: new Map(units.map((u) => [u.id, u])), publications };
}

function notUsed(): never {
  throw new Error('not used by intake');
}

export function fakeSurveys(world: World): SurveysService {
  const views = [world.national, world.children];
  return {
    getCurrent: async (ref) => views.find((v) => v.slug === ref || v.surveyId === ref),
    getVersion: async (id) => views.find((v) => v.versionId === id),
    isPublished: async (surveyId, unitId, channel) =>
      world.publications.has(`${surveyId}|${unitId}|${channel}`),
    ensureBuiltInSurveys: notUsed,
    publish: notUsed,
    saveVersion: notUsed,
  };
}

export function fakeOrganisation(world: World): OrganisationService {
  // Only getUnit is used; the rest of the (growing) interface answers "not used".
  const service = { getUnit: async (id: string) => world.units.get(id) };
  return new Proxy(service, {
    get: (target, name) =>
      name in target ? target[name as keyof typeof target] : name === 'then' ? undefined : notUsed,
  }) as unknown as OrganisationService;
}

export interface TestIntake {
  intake: IntakeModule;
  jobs: JobQueue;
  config: Config;
}

export function buildIntake(
  db: Kysely<DB>,
  world: World,
  options: { engine?: Engine; config?: Partial<Config>; intake?: IntakeOptions } = {},
): TestIntake {
  const config = loadConfig({}, { logLevel: 'silent', dataDir: '/nonexistent', ...options.config });
  const logger = pino({ level: 'silent' });
  const jobs = createJobQueue(db, logger);
  const intake = createIntakeModule({
    db,
    config,
    logger,
    jobs,
    surveys: fakeSurveys(world),
    organisation: fakeOrganisation(world),
    dataKey: DATA_KEY,
    engine: options.engine,
    options: { unitCacheTtlMs: 0, ...options.intake },
  });
  return { intake, jobs, config };
}

/** A valid national-set submission; override any field. */
export function nationalSubmission(overrides: Record<string, unknown> = {}) {
  return {
    submissionId: randomUUID(),
    survey: 'thl-national',
    unit: 'u-1',
    channel: 'web' as Channel,
    language: 'fi',
    answers: { recommendation: 9, smooth: 4, timely: 'cant_say', respondent_type: 'client' } as Record<
      string,
      unknown
    >,
    ...overrides,
  };
}
