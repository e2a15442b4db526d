import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Command } from 'commander';
import pino from 'pino';
import { many, openReportsKit, type ReportsKit } from '../modules/reports/reports.testing.ts';
import type { WithKuulo } from './index.ts';
import { exportNationalCommand } from './export-national.ts';
import { reportCommand } from './report-quarterly.ts';

let kit: ReportsKit;
let dir: string;

beforeAll(async () => {
  kit = await openReportsKit('pglite');
  await kit.insert(many(12, { unitId: 'r-kallio', localDate: '2026-08-04' }));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-cli-reports-'));
});
afterAll(async () => {
  await kit?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function program(): Command {
  const withKuulo = (async (_config, _logger, fn) => fn(kit.kuulo)) as WithKuulo;
  const root = new Command('kuulo').exitOverride().configureOutput({ writeErr: () => undefined });
  reportCommand(root, withKuulo, () => pino({ level: 'silent' }));
  exportNationalCommand(root, withKuulo, () => pino({ level: 'silent' }));
  return root;
}

test('kuulo export national writes the documented CSV of the month to a file', async () => {
  const out = path.join(dir, 'national.csv');
  await program().parseAsync(['export', 'national', '--month', '2026-08', '--format', 'csv', '--out', out], {
    from: 'user',
  });
  const expected = kit.kuulo.reports.national.encode(
    await kit.kuulo.reports.national.build('2026-08'),
    'csv',
  );
  expect(fs.readFileSync(out, 'utf8')).toBe(expected);
  expect(expected).toContain('1.2.246.10.1234567.10.1,r-kallio,2026-08,web,client,,12,');
});

test('kuulo report quarterly writes a PDF, or the HTML for an .html file', async () => {
  const pdf = path.join(dir, 'review.pdf');
  await program().parseAsync(
    ['report', 'quarterly', '--unit', 'r-hs', '--quarter', '2026q3', '--lang', 'sv', '--out', pdf],
    {
      from: 'user',
    },
  );
  expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const html = path.join(dir, 'review.html');
  await program().parseAsync(
    ['report', 'quarterly', '--unit', 'r-hs', '--quarter', '2026Q3', '--out', html],
    { from: 'user' },
  );
  expect(fs.readFileSync(html, 'utf8')).toContain('Neljännesvuosikatsaus: Terveysasemat, 2026Q3');
});

test('bad arguments are refused before anything runs', async () => {
  await expect(
    program().parseAsync(['export', 'national', '--month', '2026-13'], { from: 'user' }),
  ).rejects.toThrow(/YYYY-MM/);
  await expect(
    program().parseAsync(['report', 'quarterly', '--unit', 'r-hs', '--quarter', 'Q3', '--out', 'x.pdf'], {
      from: 'user',
    }),
  ).rejects.toThrow(/2026Q3/);
  await expect(
    program().parseAsync(
      ['report', 'quarterly', '--unit', 'nope', '--quarter', '2026Q3', '--out', path.join(dir, 'n.pdf')],
      {
        from: 'user',
      },
    ),
  ).rejects.toMatchObject({ code: 'unit_not_found' });
});
