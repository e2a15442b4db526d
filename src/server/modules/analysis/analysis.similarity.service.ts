import { ConflictError } from '../../errors.ts';
import type { SentenceEmbedder } from '../../adapters/embeddings/sentence-embedder.ts';
import { cosine } from '../../adapters/embeddings/sentence-embedder.ts';
import type { TextProvider } from '../../adapters/llm/text-provider.ts';
import type { Logger } from '../../logger.ts';
import type { AnalysisViews } from './analysis.views.service.ts';
import type { CommentRow, PeriodScope } from './analysis.views.repository.ts';
import { clusterVectors } from './clustering.ts';

// Similarity search and clustering of a subtree's redacted comments with the optional local sentence-embedding
// model (docs/text-analysis.md "Local sentence embeddings"). Off unless KUULO_ANALYSIS_EMBEDDINGS_DIR is set: then
// 409 embeddings_not_configured. The texts are the stored redacted texts, and the embedder redacts again.
// Clusters smaller than minGroupSize are not shown; their texts are only counted (when that count is not small).

/** The most recent texts of a scope that one request embeds (the rest are not searched). */
export const MAX_TEXTS = 500;
const CACHE_SIZE = 20_000;
const EXAMPLES = 3;

export interface SimilarComment extends CommentRow {
  score: number;
}

export interface CommentCluster {
  size: number;
  /** The texts nearest the cluster's centre. */
  examples: CommentRow[];
  keyPhrases: string[];
  themes: string[];
  /** From the optional language model; null without one or when it failed. */
  name: string | null;
}

export interface SimilarityDeps {
  views: Pick<AnalysisViews, 'comments'>;
  embedder?: SentenceEmbedder;
  textProvider?: TextProvider;
  minGroupSize: number;
  logger?: Pick<Logger, 'warn'>;
}

function commonest(lists: string[][], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const item of new Set(list)) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([item]) => item);
}

export function createSimilarityService(deps: SimilarityDeps) {
  const cache = new Map<string, Float32Array>();

  async function vectors(texts: string[]): Promise<Float32Array[]> {
    const embedder = deps.embedder;
    if (!embedder)
      throw new ConflictError('embeddings_not_configured', 'analysis.error_embeddings_not_configured');
    const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
    if (missing.length > 0) {
      let fresh: Float32Array[];
      try {
        fresh = await embedder.embed(missing);
      } catch (error) {
        // The reason (a missing file, a model the runtime refuses) is for the operator; no text is logged.
        deps.logger?.warn({ reason: (error as Error).message }, 'sentence embeddings failed');
        throw new ConflictError('embeddings_unavailable', 'analysis.error_embeddings_unavailable');
      }
      missing.forEach((text, i) => {
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(text, fresh[i] as Float32Array);
      });
    }
    return texts.map((t) => cache.get(t) as Float32Array);
  }

  async function scopeTexts(scope: PeriodScope & { theme?: string }): Promise<CommentRow[]> {
    const rows = await deps.views.comments({ ...scope, limit: MAX_TEXTS });
    return rows.filter((r) => r.text.trim().length > 0);
  }

  /** The comments of the scope most like the given text, best first. */
  async function similar(
    scope: PeriodScope & { theme?: string },
    text: string,
    limit = 10,
  ): Promise<SimilarComment[]> {
    if (!deps.embedder)
      throw new ConflictError('embeddings_not_configured', 'analysis.error_embeddings_not_configured');
    const rows = await scopeTexts(scope);
    const [query, ...others] = await vectors([text, ...rows.map((r) => r.text)]);
    return rows
      .map((row, i) => ({ ...row, score: cosine(query as Float32Array, others[i] as Float32Array) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, Math.min(Math.max(limit, 1), 50));
  }

  /** Groups of similar comments (spherical k-means); small groups are counted only. */
  async function clusters(
    scope: PeriodScope & { theme?: string },
    options: { k?: number; language?: 'fi' | 'sv' | 'en' } = {},
  ): Promise<{ texts: number; clusters: CommentCluster[]; unclustered: number | null }> {
    if (!deps.embedder)
      throw new ConflictError('embeddings_not_configured', 'analysis.error_embeddings_not_configured');
    const rows = await scopeTexts(scope);
    const found = clusterVectors(await vectors(rows.map((r) => r.text)), {
      minGroupSize: deps.minGroupSize,
      ...(options.k ? { k: options.k } : {}),
    });
    const shown = found.filter((c) => c.members.length >= deps.minGroupSize);
    const hidden = rows.length - shown.reduce((s, c) => s + c.members.length, 0);
    const result: CommentCluster[] = [];
    for (const cluster of shown) {
      const members = cluster.members.map((i) => rows[i] as CommentRow);
      const examples = cluster.nearest.slice(0, EXAMPLES).map((i) => rows[i] as CommentRow);
      let name: string | null = null;
      if (deps.textProvider) {
        name = await deps.textProvider
          .nameCluster({ language: options.language ?? 'fi', comments: examples.map((e) => e.text) })
          .catch(() => null);
      }
      result.push({
        size: members.length,
        examples,
        keyPhrases: commonest(
          members.map((m) => m.keyPhrases),
          5,
        ),
        themes: commonest(
          members.map((m) => m.themes),
          3,
        ),
        name,
      });
    }
    return {
      texts: rows.length,
      clusters: result,
      unclustered: hidden > 0 && hidden < deps.minGroupSize ? null : hidden,
    };
  }

  return { similar, clusters, enabled: () => deps.embedder !== undefined };
}

export type SimilarityService = ReturnType<typeof createSimilarityService>;
