import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { SurveyDefinition } from '../../../shared/survey-definition.ts';
import { createAuditLog } from '../audit/index.ts';
import { HOME_CARE_SLUG, THL_CHILDREN_SLUG, THL_NATIONAL_SLUG } from './templates/slugs.ts';
import { createSurveysRepository } from './surveys.repository.ts';
import { createSurveysService } from './surveys.service.ts';
import { clearSurveys, fakeOrganisation, insertTestTree, type FakeOrganisation } from './surveys.fixtures.ts';

describe.each(testEngines())('surveys service on %s', (engine) => {
  let database: Database;
  let organisation: FakeOrganisation;
  let clock: number;

  const service = (ttlMs = 5_000) =>
    createSurveysService({
      repository: createSurveysRepository(database.db),
      organisation,
      audit: createAuditLog(database.db),
      cache: { ttlMs, now: () => clock },
    });

  async function national(surveys = service()) {
    await surveys.ensureBuiltInSurveys();
    const view = await surveys.getCurrent(THL_NATIONAL_SLUG);
    if (!view) throw new Error('national survey missing');
    return { surveys, view };
  }

  const reworded = (definition: SurveyDefinition, fi: string): SurveyDefinition => {
    const next = structuredClone(definition);
    const smooth = next.questions.find((q) => q.id === 'smooth');
    if (smooth) smooth.text.fi = fi;
    return next;
  };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await insertTestTree(database.db);
  });
  beforeEach(async () => {
    await clearSurveys(database.db);
    organisation = fakeOrganisation();
    clock = 1_000_000;
  });
  afterAll(async () => {
    await database.close();
  });

  test('the built-in surveys are created once, also when two instances start at the same time', async () => {
    await Promise.all([service().ensureBuiltInSurveys(), service().ensureBuiltInSurveys()]);
    await service().ensureBuiltInSurveys();
    const surveys = await database.db
      .selectFrom('surveys')
      .select(['slug', 'template'])
      .orderBy('slug')
      .execute();
    expect(surveys).toEqual([
      { slug: HOME_CARE_SLUG, template: HOME_CARE_SLUG },
      { slug: THL_CHILDREN_SLUG, template: THL_CHILDREN_SLUG },
      { slug: THL_NATIONAL_SLUG, template: THL_NATIONAL_SLUG },
    ]);
    const versions = await database.db.selectFrom('survey_versions').select('version').execute();
    expect(versions).toEqual([{ version: 1 }, { version: 1 }, { version: 1 }]);
  });

  test('the current version is found by slug and by id, and an unknown or malformed reference by neither', async () => {
    const { surveys, view } = await national();
    expect(view).toMatchObject({ slug: THL_NATIONAL_SLUG, template: THL_NATIONAL_SLUG, version: 1 });
    expect(view.definition.questions[0]?.id).toBe('recommendation');
    expect((await surveys.getCurrent(view.surveyId))?.versionId).toBe(view.versionId);
    expect(await surveys.getCurrent('no-such-survey')).toBeUndefined();
    expect(await surveys.getCurrent("'; drop table surveys; --")).toBeUndefined();
    expect(await surveys.getCurrent('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  test('editing creates version 2 with the same question ids and the old version stays resolvable', async () => {
    const { surveys, view } = await national();
    const next = reworded(view.definition, 'Asioiminen sujui jouhevasti.');
    const saved = await surveys.saveVersion({
      surveyId: view.surveyId,
      definition: next,
      note: 'Sanamuoto korjattu',
      actorId: null,
      expectedVersion: 1,
    });
    expect(saved.version).toBe(2);
    expect(saved.versionId).not.toBe(view.versionId);
    expect(saved.definition.questions.map((q) => q.id)).toEqual(view.definition.questions.map((q) => q.id));
    expect((await surveys.getCurrent(THL_NATIONAL_SLUG))?.versionId).toBe(saved.versionId);
    const old = await surveys.getVersion(view.versionId);
    expect(old?.version).toBe(1);
    expect(old?.definition.questions[1]?.text.fi).toBe('Asiointi oli sujuvaa.');
    expect(await surveys.listVersions(view.surveyId)).toMatchObject([
      { version: 2, note: 'Sanamuoto korjattu', current: true },
      { version: 1, note: null, current: false },
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', view.surveyId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('survey.version_saved');
  });

  test('removing a national question or changing a type is rejected and stores nothing', async () => {
    const { surveys, view } = await national();
    const removed = structuredClone(view.definition);
    removed.questions = removed.questions.filter((q) => q.id !== 'useful');
    const error = await surveys
      .saveVersion({ surveyId: view.surveyId, definition: removed, note: null, actorId: null })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'survey_edit_forbidden',
      details: { violations: [{ rule: 'template_question_removed', questionId: 'useful' }] },
    });
    const retyped = structuredClone(view.definition);
    retyped.questions[0] = { id: 'recommendation', type: 'smiley', text: { fi: 'a', sv: 'b', en: 'c' } };
    await expect(
      surveys.saveVersion({ surveyId: view.surveyId, definition: retyped, note: null, actorId: null }),
    ).rejects.toMatchObject({ code: 'survey_edit_forbidden' });
    const versions = await database.db
      .selectFrom('survey_versions')
      .select('id')
      .where('survey_id', '=', view.surveyId)
      .execute();
    expect(versions).toHaveLength(1);
  });

  test('an invalid definition is reported with the paths of its problems', async () => {
    const { surveys, view } = await national();
    const broken = structuredClone(view.definition) as unknown as {
      questions: { text: Record<string, string> }[];
    };
    const first = broken.questions[0];
    if (first) first.text = { fi: '' };
    await expect(
      surveys.saveVersion({
        surveyId: view.surveyId,
        definition: broken as unknown as SurveyDefinition,
        note: null,
        actorId: null,
      }),
    ).rejects.toMatchObject({
      code: 'survey_definition_invalid',
      details: {
        problems: expect.arrayContaining([
          expect.objectContaining({ path: expect.stringMatching(/^\/questions\/0/) }),
        ]),
      },
    });
  });

  test('two concurrent edits from the same version make one new version and one conflict', async () => {
    const { surveys, view } = await national();
    const results = await Promise.allSettled(
      ['Ensimmäinen', 'Toinen'].map((fi) =>
        surveys.saveVersion({
          surveyId: view.surveyId,
          definition: reworded(view.definition, fi),
          note: null,
          actorId: null,
          expectedVersion: 1,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
    const versions = await database.db
      .selectFrom('survey_versions')
      .select('version')
      .where('survey_id', '=', view.surveyId)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  test('concurrent edits without an expected version never produce the same version number twice', async () => {
    const { surveys, view } = await national();
    const results = await Promise.allSettled(
      ['A', 'B', 'C'].map((fi) =>
        surveys.saveVersion({
          surveyId: view.surveyId,
          definition: reworded(view.definition, fi),
          note: null,
          actorId: null,
        }),
      ),
    );
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
    }
    const versions = await database.db
      .selectFrom('survey_versions')
      .select('version')
      .where('survey_id', '=', view.surveyId)
      .execute();
    const numbers = versions.map((v) => v.version);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toHaveLength(1 + results.filter((r) => r.status === 'fulfilled').length);
  });

  test('a publication to a subtree opens the survey below it, only in its channels, until it ends', async () => {
    const { surveys, view } = await national();
    const publication = await surveys.publish({
      surveyId: view.surveyId,
      unitId: 'area1',
      includeSubtree: true,
      channels: ['web', 'qr', 'web'],
      actorId: null,
    });
    expect(publication.channels).toEqual(['web', 'qr']);
    expect(await surveys.isPublished(view.surveyId, 'area1', 'web')).toBe(true);
    expect(await surveys.isPublished(view.surveyId, 'unit1', 'qr')).toBe(true);
    expect(await surveys.isPublished(view.surveyId, 'site1', 'web')).toBe(true);
    expect(await surveys.isPublished(view.surveyId, 'unit2', 'web')).toBe(false);
    expect(await surveys.isPublished(view.surveyId, 'div', 'web')).toBe(false);
    expect(await surveys.isPublished(view.surveyId, 'unit1', 'sms')).toBe(false);
    const children = await surveys.getCurrent(THL_CHILDREN_SLUG);
    expect(await surveys.isPublished(children?.surveyId ?? '', 'unit1', 'web')).toBe(false);

    await surveys.endPublication({ publicationId: publication.id, actorId: null });
    expect(await surveys.isPublished(view.surveyId, 'unit1', 'web')).toBe(false);
    await expect(
      surveys.endPublication({ publicationId: publication.id, actorId: null }),
    ).rejects.toMatchObject({
      code: 'publication_already_ended',
    });
    expect(await surveys.listPublications(view.surveyId)).toEqual([]);
    expect(await surveys.listPublications(view.surveyId, { includeEnded: true })).toHaveLength(1);
  });

  test('a publication without its subtree opens only the unit itself', async () => {
    const { surveys, view } = await national();
    await surveys.publish({
      surveyId: view.surveyId,
      unitId: 'unit1',
      includeSubtree: false,
      channels: ['kiosk'],
      actorId: null,
    });
    expect(await surveys.isPublished(view.surveyId, 'unit1', 'kiosk')).toBe(true);
    expect(await surveys.isPublished(view.surveyId, 'site1', 'kiosk')).toBe(false);
  });

  test('publishing to an unknown unit or in no channel is rejected', async () => {
    const { surveys, view } = await national();
    await expect(
      surveys.publish({
        surveyId: view.surveyId,
        unitId: 'nowhere',
        includeSubtree: true,
        channels: ['web'],
        actorId: null,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      surveys.publish({
        surveyId: view.surveyId,
        unitId: 'unit1',
        includeSubtree: true,
        channels: [],
        actorId: null,
      }),
    ).rejects.toMatchObject({ code: 'publication_channels_invalid' });
  });

  test('repeated publication checks are answered from memory until the cache expires', async () => {
    const { surveys, view } = await national();
    const other = service();
    await surveys.publish({
      surveyId: view.surveyId,
      unitId: 'div',
      includeSubtree: true,
      channels: ['web'],
      actorId: null,
    });
    for (let i = 0; i < 50; i += 1) expect(await other.isPublished(view.surveyId, 'site1', 'web')).toBe(true);
    expect(organisation.calls.ancestors).toBe(1);

    // Another instance ended it: this one notices once its cache expires, within the time to live.
    const [publication] = await surveys.listPublications(view.surveyId);
    await surveys.endPublication({ publicationId: publication?.id ?? '', actorId: null });
    expect(await other.isPublished(view.surveyId, 'site1', 'web')).toBe(true);
    clock += 5_001;
    expect(await other.isPublished(view.surveyId, 'site1', 'web')).toBe(false);
  });
});
