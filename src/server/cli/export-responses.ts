import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { CliLogger, WithKuulo } from './index.ts';
import { progressReporter } from './progress.ts';

interface ExportOptions {
  format: 'csv' | 'jsonl';
  unit?: string;
  from?: string;
  to?: string;
  out?: string;
}

function format(value: string): 'csv' | 'jsonl' {
  if (value === 'csv' || value === 'jsonl') return value;
  throw new InvalidArgumentError('must be csv or jsonl');
}

function localDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(date.getTime()) ||
    !date.toISOString().startsWith(value)
  ) {
    throw new InvalidArgumentError('must be a date as YYYY-MM-DD');
  }
  return value;
}

/** Data goes to stdout (or --out), progress to stderr, so `kuulo export-responses … > file.csv` just works. */
export function exportResponsesCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  program
    .command('export-responses')
    .description('export responses as CSV or JSON Lines (redacted free text only, never contact details)')
    .requiredOption('--format <format>', 'csv or jsonl', format)
    .option('--unit <id>', 'only this unit and everything below it')
    .option('--from <date>', 'first local date to include (YYYY-MM-DD)', localDate)
    .option('--to <date>', 'last local date to include (YYYY-MM-DD)', localDate)
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: ExportOptions) => {
      if (options.from && options.to && options.from > options.to) {
        throw new InvalidArgumentError(`--from ${options.from} is after --to ${options.to}`);
      }
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
        const progress = options.out || !process.stdout.isTTY ? progressReporter('export') : () => undefined;
        try {
          const { rows } = await kuulo.responses.exportResponses(
            options.format,
            { unitId: options.unit, from: options.from, to: options.to, excludeFlagged: true },
            out,
            progress,
          );
          if (out !== process.stdout) {
            out.end();
            await finished(out);
          }
          process.stderr.write(`Exported ${rows} responses${options.out ? ` to ${options.out}` : ''}.\n`);
        } catch (error) {
          if (out !== process.stdout) {
            out.destroy();
            fs.rmSync(options.out as string, { force: true });
          }
          throw error;
        }
      });
    });
}
