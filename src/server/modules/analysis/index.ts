// Text analysis: language → redaction → tone → themes → key phrases for every free-text answer and feedback
// item, an editable taxonomy, learning from staff corrections, theme views and emerging-theme alerts.
// docs/text-analysis.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Logger } from '../../logger.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { StaffAuth } from '../staff/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { FinnishMorphology } from './text/base-forms.ts';
import type { TextProvider } from '../../adapters/llm/text-provider.ts';
import type { SentenceEmbedder } from '../../adapters/embeddings/sentence-embedder.ts';
import type { SimilarityService } from './analysis.similarity.service.ts';
import type { AnalysisService } from './analysis.service.ts';
import type { AnalysisViews } from './analysis.views.service.ts';
import type { AnalysisEngine } from './analysis.engine.ts';

export interface AnalysisModule {
  service: AnalysisService;
  views: AnalysisViews;
  engine: AnalysisEngine;
  /** Similarity search and clustering with the optional local embedding model (409 when it is off). */
  similarity: SimilarityService;
  routes: RouteRegistrar;
  /** Registers the background jobs (analyse pending texts, train the model daily, detect emerging themes). */
  registerJobs(): void;
}

export interface AnalysisDeps {
  db: Kysely<DB>;
  logger: Logger;
  jobs: JobQueue;
  auth: StaffAuth;
  organisation: OrganisationService;
  minGroupSize: number;
  /** Finnish morphology (adapters/voikko); without it Finnish words fall back to a suffix stripper. */
  morphology?: FinnishMorphology;
  detectLanguage(text: string): Promise<string | null>;
  /** Optional OpenAI-compatible language model for theme summaries (adapters/llm); off when undefined. */
  textProvider?: TextProvider;
  /** Optional local sentence-embedding model (adapters/embeddings); off when undefined. */
  embedder?: SentenceEmbedder;
  now?: () => Date;
}

export { createAnalysisModule } from './analysis.module.ts';
export { themesSection } from './analysis.quarterly.ts';
export { themesPanel } from './analysis.dashboard.ts';
export type { AnalysisService, CorrectionInput } from './analysis.service.ts';
export type { AnalysisViews, ThemeSummary, ToneMix } from './analysis.views.service.ts';
export type { SimilarityService, CommentCluster, SimilarComment } from './analysis.similarity.service.ts';
export type { AnalysedText, AnalysisEngine } from './analysis.engine.ts';
export { createAnalysisEngine } from './analysis.engine.ts';
export { createBaseFormer, type BaseFormer, type FinnishMorphology } from './text/base-forms.ts';
export {
  readLabelledFile,
  trainModel,
  evaluateModel,
  crossValidate,
  predictFile,
  formatScores,
  evaluationSummary,
  type FileDeps,
  type Evaluation,
} from './labelled-files.ts';
export { saveModel, loadModel } from './classifier/model-store.ts';
export type { TextModel, TrainingExample } from './classifier/model.ts';
export { TONES, type Tone } from './tone.ts';
export { findEmergingThemes, twoProportionTest, holmRejections } from './emerging.ts';
