import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { Command } from 'commander';
import pino from 'pino';
import { analysisCommand } from './analysis.ts';
import type { WithKuulo } from './index.ts';
import { parseCsv } from '../modules/analysis/classifier/csv.ts';

// train → evaluate → predict through the CLI on constructed fi/sv/en comments with ten human-readable labels
// (not the default taxonomy's keys) and a tone column: src/server/modules/analysis/fixtures/.
const fixtures = path.join(import.meta.dirname, '../modules/analysis/fixtures');
const trainCsv = path.join(fixtures, 'labelled-train.csv');
const testCsv = path.join(fixtures, 'labelled-test.csv');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-analysis-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    lines.push(values.map(String).join(' '));
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const noDatabase = (async () => {
      throw new Error('file mode must not open the database');
    }) as unknown as WithKuulo;
    const root = new Command('kuulo').exitOverride().configureOutput({ writeErr: () => undefined });
    analysisCommand(root, noDatabase, () => pino({ level: 'silent' }));
    await root.parseAsync(['node', 'kuulo', 'analysis', ...args]);
  } finally {
    log.mockRestore();
    stderr.mockRestore();
  }
  return lines;
}

test('a model trained on a labelled CSV is evaluated with per-label scores and a JSON last line, and predicts rows in order', async () => {
  const modelDir = path.join(dir, 'model');
  const trained = await run(['train', '--data', trainCsv, '--out', modelDir]);
  expect(trained.join('\n')).toMatch(/Trained on 331 texts, 10 labels, tone/);
  const stored = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8')) as {
    format: string;
    version: number;
  };
  expect(stored).toMatchObject({ format: 'kuulo-text-model', version: 1 });

  const evaluated = await run(['evaluate', '--model', modelDir, '--data', testCsv, '--baseline', trainCsv]);
  expect(
    evaluated.some((l) => /^Phone & call-backs\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}\s+\d+$/.test(l)),
  ).toBe(true);
  const summary = JSON.parse(evaluated.at(-1) ?? '') as {
    macroF1: number;
    microF1: number;
    labels: Record<string, { f1: number }>;
    baseline: { macroF1: number };
  };
  expect(Object.keys(summary.labels)).toHaveLength(10);
  expect(summary.macroF1).toBeGreaterThan(0.8);
  expect(summary.microF1).toBeGreaterThan(0.8);
  expect(summary.baseline.macroF1).toBeGreaterThan(0.5);

  const out = path.join(dir, 'predicted.csv');
  await run(['predict', '--model', modelDir, '--data', testCsv, '--out', out]);
  const input = parseCsv(fs.readFileSync(testCsv, 'utf8'));
  const output = parseCsv(fs.readFileSync(out, 'utf8'));
  expect(output.header).toEqual(['text', 'labels', 'tone']);
  expect(output.rows.map((r) => r[0])).toEqual(input.rows.map((r) => r[0]));
  const known = new Set(Object.keys(summary.labels));
  for (const row of output.rows) {
    for (const label of (row[1] ?? '').split(';').filter(Boolean)) expect(known.has(label)).toBe(true);
    expect(['positive', 'neutral', 'negative', 'mixed']).toContain(row[2]);
  }
}, 240_000);

test('predict adds labels and tone columns to a file that has only text, using the built-in tone', async () => {
  const modelDir = path.join(dir, 'model-no-tone');
  const train = path.join(dir, 'no-tone.csv');
  fs.writeFileSync(
    train,
    'text,labels\n' +
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? `"Parkkipaikkaa ei löytynyt, kerta ${i}",Parking` : `"Kiitos, hyvä hoito ${i}",Thanks`,
      ).join('\n'),
  );
  await run(['train', '--data', train, '--out', modelDir]);
  const input = path.join(dir, 'only-text.csv');
  fs.writeFileSync(
    input,
    'id,text\n1,Kiitos ystävällisestä palvelusta!\n2,"Pysäköinti oli kallista, huono kokemus"\n',
  );
  const out = path.join(dir, 'only-text-out.csv');
  await run(['predict', '--model', modelDir, '--data', input, '--out', out]);
  const output = parseCsv(fs.readFileSync(out, 'utf8'));
  expect(output.header).toEqual(['id', 'text', 'labels', 'tone']);
  expect(output.rows[0]?.slice(2)).toEqual(['Thanks', 'positive']);
  expect(output.rows[1]?.[2]).toBe('Parking');
  expect(output.rows[1]?.[3]).toBe('negative');
}, 120_000);

test('train with --data but without --out is refused before any work', async () => {
  await expect(run(['train', '--data', trainCsv])).rejects.toThrow(/--out/);
});
