import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  SMALL_TREE_CSV,
  openOrganisationKit,
  type OrganisationTestKit,
} from '../modules/organisation/organisation.fixtures.ts';
import { formatOf, runUnitImport } from './import-units.ts';

describe('kuulo import-units', () => {
  let kit: OrganisationTestKit;
  let dir: string;
  beforeAll(async () => {
    kit = await openOrganisationKit('pglite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-import-'));
  });
  afterAll(async () => {
    await kit.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  }

  test('the format comes from --format or the file extension', () => {
    expect(formatOf('units.JSON', undefined)).toBe('json');
    expect(formatOf('units.csv', undefined)).toBe('csv');
    expect(formatOf('units.dat', 'json')).toBe('json');
    expect(() => formatOf('units.dat', undefined)).toThrow(/--format/);
    expect(() => formatOf('units.csv', 'xml')).toThrow(/unknown format/);
  });

  test('a dry run prints the changes as a table and saves nothing', async () => {
    const file = path.join(dir, 'tree.csv');
    fs.writeFileSync(file, SMALL_TREE_CSV);
    const { out, err, output } = capture();
    const report = await runUnitImport(
      kit.service,
      { file, format: 'csv', dryRun: true, lang: 'en' },
      output,
    );
    expect(report.applied).toBe(false);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^LINE\s+ID\s+CHANGE\s+DETAILS$/);
    expect(out[1]).toMatch(/^2\s+root\s+create$/);
    expect(out).toContain('7 to create, 0 to update, 0 to move, 0 to close, 0 unchanged.');
    expect(out.at(-1)).toBe('Dry run: nothing was saved.');
    expect(await kit.service.getUnit('root')).toBeUndefined();
  });

  test('errors are printed as "line N: field: message" and nothing is saved', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, `${SMALL_TREE_CSV}\nextra,ghost,unit,Orpo,,,,,\nextra2,root,unit,,,,,,`);
    const { err, output } = capture();
    const report = await runUnitImport(
      kit.service,
      { file, format: 'csv', dryRun: false, lang: 'en' },
      output,
    );
    expect(report.applied).toBe(false);
    expect(err).toEqual([
      'line 9: parent_id: Parent unit ghost is neither in the file nor in the database.',
      'line 10: name_fi: The Finnish name is missing.',
      '2 error(s): nothing was saved.',
    ]);
    expect(await kit.service.getUnit('root')).toBeUndefined();
  });
});
