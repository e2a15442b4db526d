import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { openVoikko } from '../adapters/voikko/voikko.ts';
import {
  createBaseFormer,
  crossValidate,
  evaluateModel,
  evaluationSummary,
  formatScores,
  loadModel,
  predictFile,
  readLabelledFile,
  saveModel,
  trainModel,
  type Evaluation,
  type FileDeps,
} from '../modules/analysis/index.ts';
import { detectLanguage } from '../modules/intake/index.ts';
import type { CliLogger, WithKuulo } from './index.ts';
import { progressReporter } from './progress.ts';
import { loadConfig } from '../config.ts';

// `kuulo analysis train|evaluate|predict|run`. With --data the commands work on labelled CSV files and need no
// database: an organisation's history or an external benchmark. Without it they work on the organisation's
// own corrections in the database. Tables go to stdout, progress to stderr; evaluate's last line is JSON.

function fileDeps(): FileDeps & { close(): void } {
  const voikko = openVoikko();
  const progress = new Map<string, (done: number, total: number) => void>();
  return {
    baseForm: createBaseFormer({ morphology: voikko }),
    detectLanguage,
    onProgress: (stage, done, total) => {
      if (!progress.has(stage)) progress.set(stage, progressReporter(stage));
      progress.get(stage)?.(done, total);
    },
    close: () => voikko.close(),
  };
}

function folds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 || n > 20)
    throw new InvalidArgumentError('must be a whole number from 2 to 20');
  return n;
}

function printEvaluation(evaluation: Evaluation, title: string, baseline?: Evaluation): void {
  for (const line of formatScores(evaluation.scores, title)) console.log(line);
  if (evaluation.toneAccuracy !== null) console.log(`tone accuracy ${evaluation.toneAccuracy.toFixed(3)}`);
  if (baseline) {
    console.log('');
    for (const line of formatScores(
      baseline.scores,
      'Baseline: TF-IDF (word unigrams) + linear SVM, C tuned by CV',
    ))
      console.log(line);
    const gain = evaluation.scores.macroF1 - baseline.scores.macroF1;
    console.log(
      `macro-F1 Kuulo ${evaluation.scores.macroF1.toFixed(3)} vs baseline ${baseline.scores.macroF1.toFixed(3)} (${gain >= 0 ? '+' : ''}${gain.toFixed(3)})`,
    );
  }
  console.log(JSON.stringify(evaluationSummary(evaluation, baseline)));
}

interface TrainOptions {
  data?: string;
  out?: string;
}

interface EvaluateOptions {
  model?: string;
  data?: string;
  baseline?: string | boolean;
  folds: number;
}

interface PredictOptions {
  model: string;
  data: string;
  out: string;
}

async function withFileDeps<T>(fn: (deps: FileDeps) => Promise<T>): Promise<T> {
  const deps = fileDeps();
  try {
    return await fn(deps);
  } finally {
    deps.close();
  }
}

export function analysisCommand(program: Command, withKuulo: WithKuulo, logger: CliLogger): void {
  const analysis = program
    .command('analysis')
    .description('text analysis: train, evaluate and run the theme and tone models');

  analysis
    .command('train')
    .description(
      "train a model from a labelled CSV (--data, --out), or the organisation's model from corrections",
    )
    .option(
      '--data <file>',
      'UTF-8 CSV with a header and columns text, labels (";"-separated) and optional tone',
    )
    .option('--out <dir>', 'model directory to write')
    .action(async (options: TrainOptions) => {
      if (options.data) {
        if (!options.out) throw new InvalidArgumentError('--out <dir> is required with --data');
        const out = options.out;
        const data = options.data;
        await withFileDeps(async (deps) => {
          const started = Date.now();
          const examples = await readLabelledFile(data, deps);
          const model = trainModel(examples, deps);
          const file = saveModel(out, model);
          console.log(
            `Trained on ${examples.length} texts, ${model.labels.length} labels${model.tone ? `, tone (${model.tone.classes.join(', ')})` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${file}`,
          );
        });
        return;
      }
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const result = await kuulo.analysis.service.trainOrganisationModel();
        if (options.out) saveModel(options.out, result.model);
        console.log(
          `Trained the organisation's model on ${result.corrections} corrected and ${result.seed} seed texts.`,
        );
      });
    });

  analysis
    .command('evaluate')
    .description('per-label precision, recall and F1; the last line is JSON with macroF1 and microF1')
    .option('--model <dir>', 'model directory (from train); without it: cross-validation')
    .option('--data <file>', 'labelled CSV to evaluate on (with --model) or to cross-validate (without)')
    .option(
      '--baseline [train.csv]',
      'also score the baseline (TF-IDF + linear SVM, C tuned): trained on train.csv with --model, cross-validated without',
    )
    .option('--folds <n>', 'folds for cross-validation', folds, 5)
    .action(async (options: EvaluateOptions) => {
      if (options.model && !options.data)
        throw new InvalidArgumentError('--data <file> is required with --model');
      if (options.data) {
        const data = options.data;
        await withFileDeps(async (deps) => {
          const examples = await readLabelledFile(data, deps);
          if (options.model) {
            const evaluation = evaluateModel(loadModel(options.model), examples, deps);
            let baseline: Evaluation | undefined;
            if (typeof options.baseline === 'string') {
              const training = await readLabelledFile(options.baseline, deps);
              baseline = evaluateModel(trainModel(training, deps, 'baseline'), examples, deps);
            } else if (options.baseline) {
              throw new InvalidArgumentError('--baseline needs the training CSV when --model is given');
            }
            printEvaluation(evaluation, `Model ${options.model} on ${data}`, baseline);
            return;
          }
          const evaluation = crossValidate(examples, deps, options.folds);
          const baseline = options.baseline
            ? crossValidate(examples, deps, options.folds, 'baseline')
            : undefined;
          printEvaluation(evaluation, `${options.folds}-fold cross-validation on ${data}`, baseline);
        });
        return;
      }
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const evaluation = await kuulo.analysis.service.crossValidateOrganisationModel(options.folds);
        printEvaluation(evaluation, `${options.folds}-fold cross-validation of the organisation's model`);
      });
    });

  analysis
    .command('predict')
    .description('write the CSV with predicted labels and tone for each row, in order')
    .requiredOption('--model <dir>', 'model directory (from train)')
    .requiredOption('--data <file>', 'CSV with a text column')
    .requiredOption('--out <file>', 'CSV to write')
    .action(async (options: PredictOptions) => {
      await withFileDeps(async (deps) => {
        const rows = await predictFile(loadModel(options.model), options.data, options.out, deps);
        console.log(`Predicted ${rows} rows: ${options.out}`);
      });
    });

  analysis
    .command('run')
    .description('analyse stored free-text answers again (all, or those since a date)')
    .option('--since <date>', 'only texts of responses submitted on or after this date (YYYY-MM-DD)')
    .action(async (options: { since?: string }) => {
      if (options.since && !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) {
        throw new InvalidArgumentError('--since must be a date as YYYY-MM-DD');
      }
      await withKuulo(loadConfig(), logger(), async (kuulo) => {
        const progress = progressReporter('analysis');
        const done = await kuulo.analysis.service.reanalyse({ since: options.since, onProgress: progress });
        console.log(`Analysed ${done} texts.`);
      });
    });
}
