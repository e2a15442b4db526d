import { redactText } from '../../../shared/redaction.ts';
import { predictText, type TextModel } from './classifier/model.ts';
import { createBaseFormer, type BaseFormer, type FinnishMorphology } from './text/base-forms.ts';
import { combineTone, lexiconPolarity, type Tone } from './tone.ts';
import { keyPhrases } from './keyphrases.ts';
import { seedTrainingExamples } from './builtin.ts';
import { trainTextModel } from './classifier/model.ts';

// The built-in pipeline for one text: language → redaction → tone → themes → key phrases. Pure CPU work on one
// thread; the model is swapped atomically when the organisation's model is retrained.

export interface AnalysedText {
  language: string | null;
  /** The text after redaction: the only form that any later step or view sees. */
  redacted: string;
  tone: Tone;
  toneScore: number;
  themes: string[];
  keyPhrases: string[];
  /** Which model produced the themes ("builtin" or "org-<id>"). */
  model: string;
}

export interface AnalysisEngine {
  analyse(text: string, knownLanguage?: string | null): Promise<AnalysedText>;
  /** Uses this model from now on. */
  useModel(model: TextModel, name: string): void;
  /** The model in use (the built-in one is trained from the seed on first use). */
  currentModel(): { model: TextModel; name: string };
  /** The name of the model in use, without training the built-in one. */
  currentModelName(): string;
  baseForm: BaseFormer;
}

export interface EngineDeps {
  /** Finnish morphology (Voikko); without it Finnish falls back to a suffix stripper. */
  morphology?: FinnishMorphology;
  detectLanguage: (text: string) => Promise<string | null>;
}

export const BUILTIN_MODEL = 'builtin';

export function trainBuiltinModel(baseForm: BaseFormer): TextModel {
  return trainTextModel(seedTrainingExamples(), { baseForm, training: { folds: 3, cGrid: [0.3, 1] } });
}

export function createAnalysisEngine(deps: EngineDeps): AnalysisEngine {
  const baseForm = createBaseFormer({ morphology: deps.morphology });
  let current: { model: TextModel; name: string } | undefined;
  const currentModel = () => {
    current ??= { model: trainBuiltinModel(baseForm), name: BUILTIN_MODEL };
    return current;
  };
  return {
    baseForm,
    currentModel,
    currentModelName: () => current?.name ?? BUILTIN_MODEL,
    useModel(model, name) {
      current = { model, name };
    },
    async analyse(text, knownLanguage) {
      const redacted = redactText(text).text;
      const language = knownLanguage ?? (await deps.detectLanguage(redacted));
      const { model, name } = currentModel();
      const doc = { text: redacted, language };
      const prediction = predictText(model, doc, baseForm);
      const tone = combineTone(
        model.tone ? { classes: model.tone.classes, scores: prediction.toneScores } : null,
        lexiconPolarity(redacted, language, baseForm),
      );
      return {
        language,
        redacted,
        tone: tone.tone,
        toneScore: tone.score,
        themes: prediction.labels,
        keyPhrases: keyPhrases(redacted, language, baseForm),
        model: name,
      };
    },
  };
}
