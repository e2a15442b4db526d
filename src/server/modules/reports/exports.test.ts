import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';

import { many, openReportsKit, type ReportsKit, type SignedIn } from './reports.testing.ts';

const OCTOBER = 'period=month&month=2026-10';

function parseCsv(text: string): string[][] {
  // Enough for our files: quoted fields may hold commas, quotes and line breaks.
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

function sheetRows(workbook: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(testEngines())('dashboard exports on %s', (engine) => {
  let kit: ReportsKit;
  let analyst: SignedIn;

  const download = (url: string) =>
    kit.app.inject({ method: 'GET', url, headers: { cookie: analyst.cookie } });

  beforeAll(async () => {
    kit = await openReportsKit(engine);
    const day = '2026-10-10';
    await kit.insert([
      ...many(20, { unitId: 'r-kallio-a', localDate: day, statements: { smooth: 4 } }),
      ...many(12, { unitId: 'r-vallila', localDate: day }),
      ...many(3, { unitId: 'r-tiny', localDate: day }),
      ...many(6, { unitId: 'r-hs', localDate: day }),
      {
        unitId: 'r-vallila',
        localDate: day,
        channel: 'sms',
        recommendation: 7,
        comment: 'Jono oli pitkä, soittakaa [puhelinnumero]',
      },
      {
        unitId: 'r-vallila',
        localDate: day,
        channel: 'sms',
        recommendation: 3,
        comment: '=HYPERLINK("x")',
        flag: 'repeat',
      },
      { unitId: 'r-other', localDate: day, recommendation: 1, comment: 'Toisen palvelun palaute' },
    ]);
    analyst = await kit.user('analyst@example.fi', [{ role: 'analyst', unitId: 'r-hs' }]);
  });
  afterAll(async () => kit?.close());

  test('the units CSV marks small and revealing cells "suppressed" and holds no figures for them', async () => {
    const response = await download(`/staff/dashboard/aggregates.csv?unit=r-hs&${OCTOBER}&table=units`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="kuulo-units-r-hs-2026-10-01-2026-10-31\.csv"/,
    );
    const [header, ...rows] = parseCsv(response.body);
    expect(header?.slice(0, 5)).toEqual(['unit_id', 'unit_name', 'own_responses', 'n', 'nps']);
    const byId = new Map(rows.map((r) => [r[0], r]));
    const tiny = byId.get('r-tiny') as string[];
    expect(tiny.slice(3)).toEqual(tiny.slice(3).map(() => 'suppressed'));
    expect(byId.get('r-kallio')?.[3]).toBe('20');
    expect(byId.get('r-vallila')?.[3]).toBe('13');
  });

  test('the XLSX holds every table, parsed back with the same figures and markers', async () => {
    const response = await download(`/staff/dashboard/aggregates.xlsx?unit=r-hs&${OCTOBER}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = await readWorkbook(response.rawPayload);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'about',
      'units',
      'trend',
      'statements',
      'breakdowns',
    ]);
    const units = sheetRows(workbook, 'units');
    const tiny = units.find((r) => r[0] === 'r-tiny') as unknown[];
    expect(tiny[3]).toBe('suppressed');
    expect(tiny.slice(4).every((c) => c === 'suppressed' || c === undefined || c === null)).toBe(true);
    expect(units.find((r) => r[0] === 'r-kallio')?.[3]).toBe(20);
    const statements = sheetRows(workbook, 'statements');
    const smooth = statements.find((r) => r[0] === 'smooth') as unknown[];
    expect(smooth[3]).toBe(20);
    expect(smooth[4]).toBe(1);
    const about = sheetRows(workbook, 'about');
    expect(about).toContainEqual(['min_group_size', '5']);
  });

  test('an unknown table is a 400 with a code', async () => {
    const response = await kit.app.inject({
      method: 'GET',
      url: `/staff/dashboard/aggregates.csv?unit=r-hs&${OCTOBER}&table=secret`,
      headers: { cookie: analyst.cookie, accept: 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('invalid_table');
  });

  test('the responses XLSX follows the filters, leaves out flagged responses and holds only redacted text', async () => {
    const response = await download(`/staff/dashboard/responses.xlsx?unit=r-hs&${OCTOBER}&channel=sms`);
    expect(response.statusCode).toBe(200);
    const rows = sheetRows(await readWorkbook(response.rawPayload), 'responses');
    const [header, ...data] = rows;
    expect(header).toContain('comment');
    expect(data).toHaveLength(1);
    const row = data[0] as unknown[];
    expect(row[(header as unknown[]).indexOf('channel')]).toBe('sms');
    expect(row[(header as unknown[]).indexOf('comment')]).toBe('Jono oli pitkä, soittakaa [puhelinnumero]');
    expect(JSON.stringify(rows)).not.toContain('HYPERLINK');
    const audit = await kit.kuulo.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'responses.export')
      .executeTakeFirstOrThrow();
    expect(audit.target_id).toBe('r-hs');
    expect(audit.actor_id).not.toBeNull();
  });

  test('the responses CSV covers only the subtree and period on screen', async () => {
    const response = await download(`/staff/dashboard/responses.csv?unit=r-hs&${OCTOBER}`);
    const [header, ...rows] = parseCsv(response.body);
    const unitColumn = (header as string[]).indexOf('unit_id');
    expect(rows).toHaveLength(42);
    expect(rows.every((r) => r[unitColumn] !== 'r-other')).toBe(true);
    expect(response.body).not.toContain('Toisen palvelun palaute');
  });

  test('an analyst cannot export outside their subtree', async () => {
    expect((await download(`/staff/dashboard/aggregates.xlsx?unit=r-other&${OCTOBER}`)).statusCode).toBe(403);
    expect((await download(`/staff/dashboard/responses.csv?unit=r-root&${OCTOBER}`)).statusCode).toBe(403);
  });
});
