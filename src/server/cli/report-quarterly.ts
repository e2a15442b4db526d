import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import { isLanguage, type Language } from '../../shared/languages.ts';
import type { CliLogger, WithKuulo } from './index.ts';

function quarter(value: string): string {
  const upper = value.toUpperCase();
  if (!/^\d{4}Q[1-4]$/.test(upper)) throw new InvalidArgumentError('must be a quarter such as 2026Q3');
  return upper;
}

function language(value: string): Language {
  if (!isLanguage(value)) throw new InvalidArgumentError('must be fi, sv or en');
  return value;
}

/** `kuulo report quarterly --unit ID --quarter 2026Q3 --lang fi --out file.pdf` (or .html for the HTML). */
export function reportCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  const report = program.command('report').description('reports for people (quarterly review)');
  report
    .command('quarterly')
    .description(
      'the quarterly review of a unit and everything below it, as PDF (or HTML when --out ends .html)',
    )
    .requiredOption('--unit <id>', 'the unit at the top of the subtree')
    .requiredOption('--quarter <quarter>', 'the quarter, e.g. 2026Q3', quarter)
    .option('--lang <lang>', 'fi, sv or en', language, 'fi' as Language)
    .requiredOption('--out <file>', 'where to write the PDF (.pdf) or HTML (.html)')
    .action(async (options: { unit: string; quarter: string; lang: Language; out: string }) => {
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const input = { unitId: options.unit, quarter: options.quarter, lang: options.lang };
        const body = options.out.endsWith('.html')
          ? await kuulo.reports.quarterly.html(input)
          : await kuulo.reports.quarterly.pdf(input);
        fs.writeFileSync(options.out, body);
        process.stderr.write(
          `Wrote the quarterly review ${options.quarter} of ${options.unit} to ${options.out}.\n`,
        );
      });
    });
}
