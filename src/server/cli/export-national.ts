import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { CliLogger, WithKuulo } from './index.ts';

function month(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError('must be a month as YYYY-MM');
  return value;
}

function format(value: string): 'csv' | 'json' {
  if (value === 'csv' || value === 'json') return value;
  throw new InvalidArgumentError('must be csv or json');
}

/** `kuulo export national --month 2026-10 --format csv --out FILE` (docs/national-export.md); stdout without --out. */
export function exportNationalCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  const exportCommand =
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('exports of aggregated data sets');
  exportCommand
    .command('national')
    .description(
      'the national data set of one month (unit OID × channel × respondent type), small groups suppressed',
    )
    .requiredOption('--month <month>', 'the month, YYYY-MM', month)
    .option('--format <format>', 'csv or json', format, 'csv' as const)
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { month: string; format: 'csv' | 'json'; out?: string }) => {
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const set = await kuulo.reports.national.build(options.month);
        const text = kuulo.reports.national.encode(set, options.format);
        if (options.out) {
          fs.writeFileSync(options.out, text);
          process.stderr.write(`Wrote ${set.rows.length} rows of ${options.month} to ${options.out}.\n`);
        } else process.stdout.write(text);
      });
    });
}
