import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Logger } from '../../logger.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { BUILTIN_MODEL, type AnalysisEngine } from './analysis.engine.ts';
import { parseModel, serialiseModel } from './classifier/model-store.ts';
import { trainTextModel, type TextModel, type TrainingExample } from './classifier/model.ts';
import { seedTrainingExamples } from './builtin.ts';
import { crossValidate, type Evaluation } from './labelled-files.ts';
import { TONES, type Tone } from './tone.ts';
import * as repo from './analysis.repository.ts';
import type { ItemRef, ResultRow, SourceText } from './analysis.repository.ts';
import * as themes from './analysis.themes.repository.ts';

// Decides what is analysed and when: the pending queue (filled by triggers on the sources), re-analysis of old
// data, staff corrections (applied at once and kept as training data) and the organisation's model.

export interface CorrectionInput {
  ref: ItemRef;
  themes?: string[];
  tone?: Tone;
  actorId: string | null;
}

export interface AnalysisService {
  /** Analyses up to `limit` pending texts; returns how many items were taken from the queue. */
  analysePending(limit?: number): Promise<number>;
  /** Analyses all stored texts again (or those since a date); returns how many. */
  reanalyse(options?: {
    since?: string;
    onProgress?: (done: number, total: number) => void;
  }): Promise<number>;
  correct(input: CorrectionInput): Promise<void>;
  /** Trains on corrections + seed knowledge, stores the model and starts using it. */
  trainOrganisationModel(): Promise<{ model: TextModel; corrections: number; seed: number; id: number }>;
  crossValidateOrganisationModel(folds: number): Promise<Evaluation>;
  /** Loads the newest stored organisation model, if any (at start-up). */
  loadStoredModel(): Promise<boolean>;
  organisationExamples(): Promise<{ examples: TrainingExample[]; corrections: number; seed: number }>;
}

export interface AnalysisServiceDeps {
  db: Kysely<DB>;
  engine: AnalysisEngine;
  logger?: Logger;
}

const BATCH = 200;

function keyOf(ref: ItemRef): string {
  return repo.isFeedbackRef(ref) ? `f:${ref.feedbackId}` : `r:${ref.responseId}:${ref.questionId}`;
}

export function createAnalysisService(deps: AnalysisServiceDeps): AnalysisService {
  const { db, engine } = deps;
  let storedModelChecked = false;

  /** The newest stored organisation model, looked up once per process before the first analysis. */
  async function ensureStoredModel(): Promise<void> {
    if (storedModelChecked) return;
    storedModelChecked = true;
    const row = await repo.latestModelRow(db);
    if (row) engine.useModel(parseModel(row.model), `org-${row.id}`);
  }

  async function analyseTexts(texts: SourceText[]): Promise<void> {
    if (!texts.length) return;
    await ensureStoredModel();
    const corrections = new Map(
      (
        await repo.correctionsFor(
          db,
          texts.map((t) => t.ref),
        )
      ).map((c) => [keyOf(c.ref), c]),
    );
    const rows: ResultRow[] = [];
    for (const [i, text] of texts.entries()) {
      // Analysis is CPU work on the server's only thread: let requests through every few texts.
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
      const result = await engine.analyse(text.text, text.language);
      const correction = corrections.get(keyOf(text.ref));
      rows.push({
        ref: text.ref,
        unitId: text.unitId,
        occurredOn: text.occurredOn,
        language: result.language,
        tone: correction?.tone ?? result.tone,
        toneScore: result.toneScore,
        themes: correction?.themes ?? result.themes,
        keyPhrases: result.keyPhrases,
        model: result.model,
      });
    }
    await repo.upsertResults(db, rows);
  }

  async function textsOf(refs: ItemRef[]): Promise<SourceText[]> {
    const wanted = new Set(refs.map(keyOf));
    const responseIds = [...new Set(refs.flatMap((r) => (repo.isFeedbackRef(r) ? [] : [r.responseId])))];
    const feedbackIds = [...new Set(refs.flatMap((r) => (repo.isFeedbackRef(r) ? [r.feedbackId] : [])))];
    const texts = [
      ...(await repo.responseTexts(db, responseIds)),
      ...(await repo.feedbackTexts(db, feedbackIds)),
    ];
    return texts.filter((t) => wanted.has(keyOf(t.ref)));
  }

  async function organisationExamples() {
    const corrected = await repo.correctedTexts(db);
    const seed = seedTrainingExamples();
    const examples: TrainingExample[] = [
      ...corrected.map((c) => ({ text: c.text, language: c.language, labels: c.themes ?? [], tone: c.tone })),
      ...seed,
    ];
    return { examples, corrections: corrected.length, seed: seed.length };
  }

  return {
    organisationExamples,

    async analysePending(limit = BATCH) {
      if (!(await repo.hasPending(db))) return 0;
      const refs = await repo.listPending(db, limit);
      await analyseTexts(await textsOf(refs));
      await repo.deletePending(db, refs);
      return refs.length;
    },

    async reanalyse(options = {}) {
      const total = await repo.countTextsSince(db, options.since);
      let done = 0;
      for (const source of ['responses', 'feedback'] as const) {
        let after: string | null = null;
        for (;;) {
          const ids =
            source === 'responses'
              ? await repo.responseIdsSince(db, options.since, after, BATCH)
              : await repo.feedbackIdsSince(db, options.since, after, BATCH);
          if (!ids.length) break;
          after = ids.at(-1) as string;
          const texts =
            source === 'responses' ? await repo.responseTexts(db, ids) : await repo.feedbackTexts(db, ids);
          await analyseTexts(texts);
          done += texts.length;
          options.onProgress?.(done, total);
        }
      }
      return done;
    },

    async correct(input) {
      if (input.themes === undefined && input.tone === undefined) {
        throw new ValidationError('empty_correction', 'analysis.error_empty_correction');
      }
      if (input.tone !== undefined && !(TONES as readonly string[]).includes(input.tone)) {
        throw new ValidationError('invalid_tone', 'analysis.error_invalid_tone', {
          tone: String(input.tone),
        });
      }
      let themeKeys: string[] | null = null;
      if (input.themes !== undefined) {
        const known = new Set((await themes.listThemes(db)).map((t) => t.key));
        const unknown = input.themes.find((t) => !known.has(t));
        if (unknown !== undefined) {
          throw new ValidationError('unknown_theme', 'analysis.error_unknown_theme', { theme: unknown });
        }
        themeKeys = [...new Set(input.themes)].sort();
      }
      if (!(await textsOf([input.ref])).length)
        throw new NotFoundError('item_not_found', 'analysis.error_item_not_found');
      await repo.saveCorrection(db, {
        ref: input.ref,
        themes: themeKeys,
        tone: input.tone ?? null,
        actorId: input.actorId,
      });
    },

    async trainOrganisationModel() {
      const { examples, corrections, seed } = await organisationExamples();
      const model = trainTextModel(examples, { baseForm: engine.baseForm });
      const scored = model.cvF1.filter((f) => Number.isFinite(f));
      const id = await repo.saveModelRow(db, {
        model: serialiseModel(model),
        trainingRows: examples.length,
        corrections,
        cvMacroF1: scored.length ? scored.reduce((a, b) => a + b, 0) / scored.length : null,
      });
      engine.useModel(model, `org-${id}`);
      storedModelChecked = true;
      deps.logger?.info({ modelId: id, corrections, rows: examples.length }, 'analysis model trained');
      return { model, corrections, seed, id };
    },

    async crossValidateOrganisationModel(folds) {
      const { examples } = await organisationExamples();
      return crossValidate(examples, { baseForm: engine.baseForm, detectLanguage: async () => null }, folds);
    },

    async loadStoredModel() {
      storedModelChecked = false;
      await ensureStoredModel();
      return engine.currentModelName() !== BUILTIN_MODEL;
    },
  };
}
