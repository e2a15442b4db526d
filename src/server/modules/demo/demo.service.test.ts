import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { ConflictError } from '../../errors.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { CHANNELS } from '../../../shared/channels.ts';
import { redactText } from '../../../shared/redaction.ts';
import { hasAnyUnits, seedDemo, type DemoResult } from './index.ts';
import { helsinkiDate } from './demo.calendar.ts';

const NOW = new Date('2026-11-22T10:00:00Z');
const COUNT = 2000;

async function seed(t: TestKuulo, seed = 7): Promise<DemoResult> {
  const { kuulo } = t;
  return seedDemo({
    db: kuulo.database.db,
    organisation: kuulo.organisation.service,
    surveys: kuulo.surveys.service,
    links: kuulo.webSurvey.links,
    responses: COUNT,
    seed,
    now: NOW,
  });
}

describe.each(testEngines())('demo data on %s', (engine) => {
  let t: TestKuulo;
  let result: DemoResult;
  const stages = new Map<string, [number, number]>();

  beforeAll(async () => {
    t = await createTestKuulo(engine);
    const { kuulo } = t;
    result = await seedDemo({
      db: kuulo.database.db,
      organisation: kuulo.organisation.service,
      surveys: kuulo.surveys.service,
      links: kuulo.webSurvey.links,
      responses: COUNT,
      seed: 7,
      now: NOW,
      onProgress: (stage, done, total) => stages.set(stage, [done, total]),
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.kuulo.database.db;

  test('the demo is a Helsinki-like division: 3 service areas, about 40 services, about 300 units with sites', async () => {
    const rows = await db()
      .selectFrom('org_units')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('type')
      .execute();
    const count = Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    expect(count.division).toBe(1);
    expect(count.service_area).toBe(3);
    expect(count.service).toBeGreaterThanOrEqual(35);
    expect(count.service).toBeLessThanOrEqual(45);
    expect(count.unit).toBeGreaterThanOrEqual(280);
    expect(count.unit).toBeLessThanOrEqual(320);
    expect(count.site).toBeGreaterThan(20);
    expect(result).toEqual({ units: rows.reduce((sum, r) => sum + Number(r.n), 0), responses: COUNT });
    expect(stages.get('responses')).toEqual([COUNT, COUNT]);
  });

  test('units have names in Finnish, Swedish and English and OIDs numbered under the organisation', async () => {
    const root = await db()
      .selectFrom('org_units')
      .selectAll()
      .where('type', '=', 'division')
      .executeTakeFirstOrThrow();
    expect(root.name_fi).toBe('Sosiaali-, terveys- ja pelastustoimiala');
    expect(root.oid).toMatch(/^1\.2\.246\.10\.\d{8}\.10\.0$/);
    const units = await db()
      .selectFrom('org_units')
      .selectAll()
      .where('type', 'in', ['unit', 'site'])
      .execute();
    for (const unit of units) {
      expect(unit.oid).toMatch(/^1\.2\.246\.10\.\d{8}\.10\.[1-9]\d*$/);
      expect(unit.name_sv && unit.name_en).toBeTruthy();
    }
    const kallio = units.find((u) => u.name_fi === 'Kallion terveysasema');
    expect(kallio).toMatchObject({ name_sv: 'Berghälls hälsostation', name_en: 'Kallio Health Station' });
  });

  test('every response answers the current version of a survey published at its unit for its channel', async () => {
    const orphans = await sql<{ n: number }>`
      select count(*)::int as n from responses r
      left join surveys s on s.id = r.survey_id and s.current_version_id = r.survey_version_id
      left join org_units u on u.id = r.unit_id
      where s.id is null or u.id is null`.execute(db());
    expect(orphans.rows[0]?.n).toBe(0);
    const combos = await db()
      .selectFrom('responses')
      .select(['survey_id', 'unit_id', 'channel'])
      .distinct()
      .orderBy('unit_id')
      .limit(60)
      .execute();
    for (const c of combos) {
      const channel = CHANNELS.find((ch) => ch === c.channel);
      expect(channel).toBeDefined();
      expect(await t.kuulo.surveys.service.isPublished(c.survey_id, c.unit_id, channel ?? 'web')).toBe(true);
    }
  });

  test('the overall NPS is believable, around 60', async () => {
    const row = await sql<{ nps: number }>`
      select round(100.0 * (count(*) filter (where recommendation >= 9) - count(*) filter (where recommendation <= 6))
        / count(*))::int as nps
      from responses where recommendation is not null`.execute(db());
    expect(row.rows[0]?.nps).toBeGreaterThanOrEqual(50);
    expect(row.rows[0]?.nps).toBeLessThanOrEqual(70);
  });

  test('responses come through every channel and in Finnish, Swedish and English, mostly Finnish', async () => {
    const channels = await db().selectFrom('responses').select('channel').distinct().execute();
    expect(channels.map((c) => c.channel).sort()).toEqual(CHANNELS.filter((c) => c !== 'api').sort());
    const languages = await db()
      .selectFrom('responses')
      .select(['language', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('language')
      .execute();
    const share = Object.fromEntries(languages.map((l) => [l.language, Number(l.n) / COUNT]));
    expect(Object.keys(share).sort()).toEqual(['en', 'fi', 'sv']);
    expect(share.fi).toBeGreaterThan(0.75);
  });

  test('about one in eight responses has a comment, stored redacted and without an original', async () => {
    const texts = await db().selectFrom('response_texts').selectAll().execute();
    expect(texts.length / COUNT).toBeGreaterThan(0.08);
    expect(texts.length / COUNT).toBeLessThan(0.16);
    for (const text of texts) expect(redactText(text.text_redacted).changed).toBe(false);
    expect(texts.some((x) => Object.keys(x.redactions).length > 0)).toBe(true);
    expect(new Set(texts.map((x) => x.detected_language))).toEqual(new Set(['fi', 'sv', 'en']));
    const originals = await db().selectFrom('response_text_originals').select('response_id').execute();
    expect(originals).toEqual([]);
  });

  test("the children's survey is answered with smileys at child services, on the spot", async () => {
    const rows = await db()
      .selectFrom('responses')
      .innerJoin('surveys', 'surveys.id', 'responses.survey_id')
      .select(['responses.answers', 'responses.channel', 'responses.respondent_type', 'responses.unit_id'])
      .where('surveys.slug', '=', 'thl-children')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(['web', 'qr', 'kiosk']).toContain(row.channel);
      expect(row.respondent_type).toBe('child');
      for (const value of Object.values(row.answers)) expect([1, 2, 3, 4]).toContain(value);
    }
  });

  test('local dates are Helsinki dates within the year before now', async () => {
    const rows = await db().selectFrom('responses').select(['submitted_at', 'local_date']).execute();
    for (const row of rows) expect(helsinkiDate(row.submitted_at)).toBe(row.local_date);
    const dates = rows.map((r) => r.local_date).sort();
    expect(dates[0]! >= '2025-11-22').toBe(true);
    expect(dates.at(-1)! < '2026-11-22').toBe(true);
  });

  test('every unit has a short link for the national survey', async () => {
    const national = await t.kuulo.surveys.service.getCurrent('thl-national');
    const missing = await sql<{ n: number }>`
      select count(*)::int as n from org_units u
      where u.type in ('unit', 'site')
        and not exists (select 1 from short_links l where l.unit_id = u.id and l.survey_id = ${national?.surveyId})`.execute(
      db(),
    );
    expect(missing.rows[0]?.n).toBe(0);
  });

  test('a database that already has an organisation is never seeded again', async () => {
    expect(await hasAnyUnits(db())).toBe(true);
    await expect(seed(t)).rejects.toBeInstanceOf(ConflictError);
  });

  test('the same seed and clock give the same demo', async () => {
    const other = await createTestKuulo(engine);
    try {
      await seed(other);
      const snapshot = async (k: TestKuulo) => {
        const units = await k.kuulo.database.db
          .selectFrom('org_units')
          .select(['id', 'parent_id', 'name_fi', 'oid'])
          .orderBy('id')
          .execute();
        const responses = await k.kuulo.database.db
          .selectFrom('responses')
          .select([
            'id',
            'unit_id',
            'channel',
            'language',
            'answers',
            'submitted_at',
            'local_date',
            'respondent_type',
          ])
          .orderBy('id')
          .execute();
        const texts = await k.kuulo.database.db
          .selectFrom('response_texts')
          .selectAll()
          .orderBy('response_id')
          .execute();
        return JSON.stringify({ units, responses, texts });
      };
      expect(await snapshot(other)).toBe(await snapshot(t));
    } finally {
      await other.close();
    }
  });
});
