import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import { isLanguage, type Language } from '../../shared/languages.ts';
import type {
  ImportChange,
  ImportOptions,
  ImportReport,
  OrganisationService,
} from '../modules/organisation/index.ts';
import { progressReporter } from './progress.ts';
import type { CliLogger, WithKuulo } from './index.ts';

// kuulo import-units FILE: the same import as the staff UI. Changes go to stdout as a table, errors to stderr as
// "line N: field: message", and any error means exit code 1 with nothing saved.
export type ImportFormat = 'csv' | 'json';

/** Files this long get a progress line while they are checked and written. */
const PROGRESS_FROM_LINES = 2000;

export function formatOf(file: string, explicit: string | undefined): ImportFormat {
  if (explicit !== undefined) {
    if (explicit === 'csv' || explicit === 'json') return explicit;
    throw new InvalidArgumentError(`unknown format "${explicit}": use csv or json`);
  }
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (['.csv', '.txt', '.tsv'].includes(extension)) return 'csv';
  throw new InvalidArgumentError(
    `cannot tell the format of ${file} from its extension: use --format csv or json`,
  );
}

function details(change: ImportChange): string {
  return Object.entries(change.diff ?? {})
    .map(([field, d]) => `${field}: ${d.from ?? '(empty)'} → ${d.to ?? '(empty)'}`)
    .join('; ');
}

/** The changes as an aligned text table (unchanged rows only counted), then a one-line summary. */
export function formatChanges(report: ImportReport): string[] {
  const rows = report.changes.filter((c) => c.kind !== 'unchanged');
  const table = [
    ['LINE', 'ID', 'CHANGE', 'DETAILS'],
    ...rows.map((c) => [String(c.line), c.unitId, c.kind, details(c)]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  const lines =
    rows.length === 0
      ? ['No changes.']
      : table.map((r) =>
          r
            .map((cell, i) => cell.padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd(),
        );
  const count = (kind: ImportChange['kind']) => report.changes.filter((c) => c.kind === kind).length;
  lines.push(
    `${count('create')} to create, ${count('update')} to update, ${count('move')} to move, ` +
      `${count('close')} to close, ${count('unchanged')} unchanged.`,
  );
  return lines;
}

export function formatErrors(report: ImportReport): string[] {
  return report.errors.map((e) => `line ${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
}

export interface RunImportInput {
  file: string;
  format: ImportFormat;
  dryRun: boolean;
  lang: Language;
}

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Reads, imports and prints; returns the report so the caller can set the exit code. */
export async function runUnitImport(
  service: OrganisationService,
  input: RunImportInput,
  output: Output,
): Promise<ImportReport> {
  const content = await fs.readFile(input.file, 'utf8');
  const options: ImportOptions = { dryRun: input.dryRun, actorId: null, source: 'cli', lang: input.lang };
  if (content.split('\n').length > PROGRESS_FROM_LINES) {
    const reporters = { validate: progressReporter('checking'), apply: progressReporter('writing') };
    options.onProgress = (stage, done, total) => reporters[stage](done, total);
  }
  const report = await service.importUnits({ format: input.format, content }, options);
  for (const line of formatChanges(report)) output.out(line);
  if (report.errors.length > 0) {
    for (const line of formatErrors(report)) output.err(line);
    output.err(`${report.errors.length} error(s): nothing was saved.`);
  } else {
    output.out(report.applied ? 'Saved.' : 'Dry run: nothing was saved.');
  }
  return report;
}

export function importUnitsCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  program
    .command('import-units <file>')
    .description('import organisation units from CSV or JSON (see docs/organisation-import.md)')
    .option('--dry-run', 'list the changes without applying them')
    .option('--format <format>', 'csv or json (default: from the file extension)')
    .option('--lang <lang>', 'language of error messages: fi, sv or en', 'en')
    .action(async (file: string, options: { dryRun?: boolean; format?: string; lang: string }) => {
      const format = formatOf(file, options.format);
      if (!isLanguage(options.lang)) throw new InvalidArgumentError('--lang must be fi, sv or en');
      const lang = options.lang;
      await fs.access(file).catch(() => {
        throw new Error(`cannot read ${file}`);
      });
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const report = await runUnitImport(
          kuulo.organisation.service,
          { file, format, dryRun: options.dryRun === true, lang },
          { out: (line) => console.log(line), err: (line) => console.error(line) },
        );
        if (report.errors.length > 0) process.exitCode = 1;
      });
    });
}
