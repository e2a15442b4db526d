// Text analysis figures: (1) training time of the theme + tone model on N labelled comments (aim < 60 s at
// 10,000), with macro-F1 against the baseline (TF-IDF word unigrams + linear SVM, C tuned by 3-fold CV) on a
// held-out 20 %, in the same run; (2) comments per second through the whole built-in pipeline (language →
// redaction → tone → themes → key phrases) on one core (aim ≥ 1,000/s); (3) memory of the loaded models.
// The labelled data is synthetic: the seed phrases of src/server/modules/analysis/data, with each theme × polarity
// as its own label (~30 labels, Zipf-distributed so that some are rare), words dropped, filler sentences from
// other themes, and 10 % of the labels wrong or missing, like hand-labelled real feedback.
//   BENCH_ANALYSIS_ROWS=10000 BENCH_ANALYSIS_PIPELINE=5000 npm run bench:analysis
import { hardExamples } from './analysis-data.ts';
import { trainTextModel, predictText } from '../src/server/modules/analysis/classifier/model.ts';
import { scoreMultiLabel } from '../src/server/modules/analysis/classifier/metrics.ts';
import { serialiseModel } from '../src/server/modules/analysis/classifier/model-store.ts';
import { createAnalysisEngine, createBaseFormer } from '../src/server/modules/analysis/index.ts';
import { detectLanguage } from '../src/server/modules/intake/index.ts';
import { openVoikko } from '../src/server/adapters/voikko/voikko.ts';
import { printTable } from './lib.ts';

const rows = Number(process.env.BENCH_ANALYSIS_ROWS ?? 10_000);
const pipelineRows = Number(process.env.BENCH_ANALYSIS_PIPELINE ?? 5_000);

// The machine is shared: CPU time of this (single-threaded) process is the fairer "one core" figure.
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function main() {
  const voikko = openVoikko();
  const baseForm = createBaseFormer({ morphology: voikko });
  const all = hardExamples(Math.round(rows * 1.25), 42);
  const train = all.slice(0, rows);
  const test = all.slice(rows);
  const figures: Record<string, string | number>[] = [];
  for (const kind of ['kuulo', 'baseline'] as const) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const model = trainTextModel(train, { kind, baseForm });
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuSecondsSince(cpu);
    const predicted = test.map((e) => predictText(model, e, baseForm).labels);
    const scores = scoreMultiLabel(
      test.map((e) => e.labels),
      predicted,
      [...new Set(all.flatMap((e) => e.labels))],
    );
    figures.push({
      model:
        kind === 'kuulo'
          ? 'Kuulo (base forms, char n-grams, tuned C + thresholds)'
          : 'baseline (TF-IDF + linear SVM)',
      'train rows': train.length,
      labels: model.labels.length,
      'train wall s': seconds.toFixed(1),
      'train CPU s': cpuSeconds.toFixed(1),
      'macro-F1': scores.macroF1.toFixed(3),
      'micro-F1': scores.microF1.toFixed(3),
      'model MB': (serialiseModel(model).length / 1e6).toFixed(1),
    });
  }
  printTable(figures);

  // Run with --expose-gc (npm run bench:analysis does) so that the heap is measured after collection.
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const engine = createAnalysisEngine({ morphology: voikko, detectLanguage });
  const loaded = engine.currentModel();
  collect();
  const heapAfter = process.memoryUsage().heapUsed;
  void loaded;
  const texts = hardExamples(pipelineRows, 7).map((e) => `${e.text} Soita 040 123 4567.`);
  for (const text of texts.slice(0, 200)) await engine.analyse(text);
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const text of texts) await engine.analyse(text);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  console.log('');
  printTable([
    {
      stage: 'whole pipeline (language, redaction, tone, themes, key phrases)',
      comments: texts.length,
      'comments/s (wall)': Math.round(texts.length / seconds),
      'comments per CPU s': Math.round(texts.length / cpuSeconds),
      'built-in model heap MB': ((heapAfter - heapBefore) / 1e6).toFixed(1),
      'process RSS MB': (process.memoryUsage().rss / 1e6).toFixed(0),
    },
  ]);
  voikko.close();
}

await main();
