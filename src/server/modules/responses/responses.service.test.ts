import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { createAuditLog } from '../audit/index.ts';
import { createOrganisationService } from '../organisation/index.ts';
import { createResponsesService } from './index.ts';

const TREE = [
  { id: 'root', type: 'division', nameFi: 'Toimiala' },
  { id: 'unit-a', parentId: 'root', type: 'unit', nameFi: 'Yksikkö A', oid: '1.2.246.10.29614786.10.1' },
  {
    id: 'site-a1',
    parentId: 'unit-a',
    type: 'site',
    nameFi: 'Toimipiste A1',
    oid: '1.2.246.10.29614786.10.2',
  },
  { id: 'unit-b', parentId: 'root', type: 'unit', nameFi: 'Yksikkö B' },
];

const label = { fi: 'x', sv: 'x', en: 'x' };
const NATIONAL = {
  title: label,
  thankYou: label,
  audience: 'adult',
  scales: {
    agreement: { labels: [label, label, label, label, label], cantSay: label },
    smiley: { labels: [label, label, label, label] },
  },
  questions: [
    { id: 'recommendation', type: 'recommendation', text: label, lowLabel: label, highLabel: label },
    { id: 'smooth', type: 'statement', text: label, allowCantSay: true },
    { id: 'safe', type: 'statement', text: label, allowCantSay: true },
    {
      id: 'respondent_type',
      type: 'single_choice',
      role: 'respondent_type',
      text: label,
      options: [
        { id: 'client', label },
        { id: 'relative', label },
      ],
    },
    { id: 'comment', type: 'free_text', text: label, maxLength: 2000 },
  ],
};
const CHILDREN = {
  ...NATIONAL,
  audience: 'child',
  questions: [
    { id: 'safe', type: 'smiley', text: label },
    { id: 'comment', type: 'free_text', text: label, maxLength: 500 },
  ],
};

interface Fixture {
  id: string;
  unit: string;
  date: string;
  survey?: 'national' | 'children';
  answers?: Record<string, unknown>;
  comment?: string;
}

function collector() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  return { stream, text: () => text };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let submissions = 0;

describe.each(testEngines())('responses export on %s', (engine) => {
  let database: Database;
  const versions: Record<'national' | 'children', { surveyId: string; versionId: string }> = {} as never;

  async function insertResponses(rows: Fixture[]) {
    const { db } = database;
    await db
      .insertInto('responses')
      .values(
        rows.map((r) => ({
          id: r.id,
          submission_id: uuid(900_000 + submissions++),
          survey_id: versions[r.survey ?? 'national'].surveyId,
          survey_version_id: versions[r.survey ?? 'national'].versionId,
          unit_id: r.unit,
          channel: 'web',
          language: 'fi',
          respondent_type: 'client',
          age_group: null,
          recommendation: (r.answers?.recommendation as number | undefined) ?? null,
          answers: JSON.stringify(r.answers ?? { recommendation: 9 }),
          submitted_at: new Date(`${r.date}T09:00:00Z`),
          local_date: r.date,
        })),
      )
      .execute();
    const texts = rows.filter((r) => r.comment !== undefined);
    if (texts.length > 0) {
      await db
        .insertInto('response_texts')
        .values(
          texts.map((r) => ({
            response_id: r.id,
            question_id: 'comment',
            text_redacted: r.comment as string,
          })),
        )
        .execute();
    }
  }

  async function exportAll(
    format: 'csv' | 'jsonl',
    filter: Parameters<ReturnType<typeof createResponsesService>['exportResponses']>[1] = {},
  ) {
    const out = collector();
    const result = await createResponsesService({ db: database.db }).exportResponses(
      format,
      filter,
      out.stream,
    );
    return { ...result, text: out.text() };
  }

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const { db } = database;
    const organisation = createOrganisationService({ db, audit: createAuditLog(db) });
    const report = await organisation.importUnits(
      { format: 'json', content: JSON.stringify(TREE) },
      { dryRun: false, actorId: null, source: 'test' },
    );
    expect(report.errors).toEqual([]);
    for (const [key, slug, definition] of [
      ['national', 'thl-national', NATIONAL],
      ['children', 'thl-children', CHILDREN],
    ] as const) {
      const survey = await db
        .insertInto('surveys')
        .values({ slug, template: slug })
        .returning('id')
        .executeTakeFirstOrThrow();
      const version = await db
        .insertInto('survey_versions')
        .values({ survey_id: survey.id, version: 1, definition: JSON.stringify(definition) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('surveys')
        .set({ current_version_id: version.id })
        .where('id', '=', survey.id)
        .execute();
      versions[key] = { surveyId: survey.id, versionId: version.id };
    }
    await insertResponses([
      {
        id: uuid(1),
        unit: 'unit-a',
        date: '2026-03-01',
        answers: { recommendation: 10, smooth: 5, safe: 'cant_say', respondent_type: 'client' },
        comment: 'Hyvä, mutta "jono" oli pitkä.\nToinen rivi',
      },
      {
        id: uuid(2),
        unit: 'site-a1',
        date: '2026-03-15',
        answers: { recommendation: 3 },
        comment: '=HYPERLINK("x") soittakaa [phone]',
      },
      { id: uuid(3), unit: 'unit-b', date: '2026-03-31', answers: { recommendation: 8 } },
      {
        id: uuid(4),
        unit: 'unit-b',
        date: '2026-04-01',
        survey: 'children',
        answers: { safe: 4 },
        comment: 'Kiva!',
      },
    ]);
    // Personal data that must never leave through an export.
    await db
      .insertInto('response_contacts')
      .values({ response_id: uuid(1), ciphertext: Buffer.from('CONTACT-SECRET') })
      .execute();
    await db
      .insertInto('response_text_originals')
      .values({ response_id: uuid(2), question_id: 'comment', ciphertext: Buffer.from('ORIGINAL-SECRET') })
      .execute();
  });

  afterAll(async () => {
    await database?.close();
  });

  test('CSV starts with a BOM and a header of fixed columns, national question ids in order, then comment', async () => {
    const { text } = await exportAll('csv');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const header = text.slice(1).split('\r\n')[0];
    expect(header).toBe(
      'response_id,submitted_at,local_date,unit_id,unit_oid,survey,survey_version,channel,language,' +
        'respondent_type,age_group,recommendation,smooth,safe,thl-children.safe,comment',
    );
  });

  test('CSV quotes commas, quotes and line breaks as RFC 4180 says', async () => {
    const { text } = await exportAll('csv');
    expect(text).toContain(
      `${uuid(1)},2026-03-01T09:00:00.000Z,2026-03-01,unit-a,1.2.246.10.29614786.10.1,thl-national,1,web,fi,client,,10,5,cant_say,,` +
        '"Hyvä, mutta ""jono"" oli pitkä.\nToinen rivi"\r\n',
    );
  });

  test('a comment that a spreadsheet would run as a formula is written as text', async () => {
    const { text } = await exportAll('csv');
    expect(text).toContain(`"'=HYPERLINK(""x"") soittakaa [phone]"`);
  });

  test("the children's smiley answers get their own columns, apart from the national statements", async () => {
    const { text } = await exportAll('csv');
    const line = text.split('\r\n').find((l) => l.startsWith(uuid(4)));
    expect(line?.endsWith(',,,,4,Kiva!')).toBe(true);
  });

  test('a unit filter exports the unit and everything below it, nothing else', async () => {
    const { rows, text } = await exportAll('jsonl', { unitId: 'unit-a' });
    expect(rows).toBe(2);
    const units = text
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { unit_id: string }).unit_id);
    expect(units).toEqual(['unit-a', 'site-a1']);
  });

  test('from and to are inclusive local dates', async () => {
    const { text } = await exportAll('jsonl', { from: '2026-03-15', to: '2026-03-31' });
    const ids = text
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { response_id: string }).response_id);
    expect(ids).toEqual([uuid(2), uuid(3)]);
  });

  test('JSON Lines carry answers and redacted texts, never contact details or original texts', async () => {
    const { text } = await exportAll('jsonl');
    const first = JSON.parse(text.split('\n')[0] as string) as Record<string, unknown>;
    expect(first).toMatchObject({
      response_id: uuid(1),
      unit_oid: '1.2.246.10.29614786.10.1',
      survey: 'thl-national',
      answers: { recommendation: 10, smooth: 5, safe: 'cant_say', respondent_type: 'client' },
      texts: { comment: 'Hyvä, mutta "jono" oli pitkä.\nToinen rivi' },
    });
    const csv = (await exportAll('csv')).text;
    for (const output of [text, csv]) {
      expect(output).not.toContain('SECRET');
      expect(output).not.toMatch(/contact|original/i);
    }
  });

  test('an export pages through many responses in date order with progress', async () => {
    const many: Fixture[] = Array.from({ length: 2300 }, (_, i) => ({
      id: uuid(10_000 + i),
      unit: i % 2 ? 'unit-b' : 'site-a1',
      date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    }));
    await insertResponses(many);
    const progress: [number, number][] = [];
    const out = collector();
    const { rows } = await createResponsesService({ db: database.db }).exportResponses(
      'jsonl',
      { to: '2025-12-31' },
      out.stream,
      (done, total) => progress.push([done, total]),
    );
    expect(rows).toBe(2300);
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { local_date: string; response_id: string });
    const keys = lines.map((l) => `${l.local_date}/${l.response_id}`);
    expect(new Set(keys).size).toBe(2300);
    expect(keys).toEqual([...keys].sort());
    expect(progress.map(([done]) => done)).toEqual([1000, 2000, 2300]);
    expect(progress.at(-1)).toEqual([2300, 2300]);
  });

  test('an unknown unit is not found and bad dates are refused before anything is written', async () => {
    await expect(exportAll('csv', { unitId: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportAll('csv', { from: '2026-02-30' })).rejects.toBeInstanceOf(ValidationError);
    await expect(exportAll('csv', { from: '2026-04-01', to: '2026-03-01' })).rejects.toMatchObject({
      code: 'invalid_date_range',
    });
  });

  test('an export is recorded in the audit log without its content', async () => {
    await exportAll('csv', { unitId: 'unit-a', from: '2026-01-01' });
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'responses.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ target_id: 'unit-a', details: { format: 'csv', rows: 2 } });
  });
});
