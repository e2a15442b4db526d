import { composeSeedExamples } from './data/seed.ts';
import { trainTextModel, type TextModel, type TrainingExample } from './classifier/model.ts';
import type { BaseFormer } from './text/base-forms.ts';

// The built-in model: trained at start-up (a few seconds, once per process) from the seed phrases of the default
// taxonomy, so themes and tone work before any staff correction exists. An organisation's own model (trained
// from its corrections plus this seed) replaces it once `kuulo analysis train` or the scheduled job has run.

export const SEED_EXAMPLE_COUNT = 1500;

export function seedTrainingExamples(count = SEED_EXAMPLE_COUNT): TrainingExample[] {
  return composeSeedExamples({ count, seed: 11 }).map((e) => ({
    text: e.text,
    language: e.language,
    labels: e.labels,
    tone: e.tone,
  }));
}

/** A model with tone classes only (no themes), for labelled files that carry no tone column. */
export function trainSeedToneModel(baseForm: BaseFormer): TextModel {
  const examples = seedTrainingExamples(800).map((e) => ({ ...e, labels: [] }));
  return trainTextModel(examples, { baseForm, training: { folds: 2, cGrid: [0.3] } });
}
