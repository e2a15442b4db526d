// Extension points of the quarterly review: sections that other features fill (themes from text analysis,
// handled open feedback, formal objections). A provider returns plain structured content – never HTML – so a
// feature cannot break the report's markup or accessibility. Until a feature registers its provider, the
// placeholder says in words that the section is not available yet.
import type { Language } from '../../../shared/languages.ts';

export interface QuarterlyContext {
  unitId: string;
  /** All unit ids of the subtree (merged and closed included). */
  subtreeIds: readonly string[];
  quarter: string;
  from: string;
  to: string;
  lang: Language;
  minGroupSize: number;
}

/** A table of a section; with rowHeaders the first cell of each row is its header (th scope="row"). */
export interface SectionTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
  rowHeaders?: boolean;
}

export type SectionContent =
  | { kind: 'unavailable' }
  | {
      kind: 'content';
      paragraphs: string[];
      table?: SectionTable;
      /** Further tables, shown after `table`. */
      tables?: SectionTable[];
    };

export interface QuarterlySectionProvider {
  /** Stable id; registering a provider with the id of a placeholder replaces it. */
  id: string;
  /** The section heading in the report's language. */
  title(lang: Language): string;
  build(context: QuarterlyContext): Promise<SectionContent>;
}

export const PLACEHOLDER_SECTIONS = ['themes', 'open_feedback', 'formal_objections'] as const;

export function placeholderSection(id: string, title: (lang: Language) => string): QuarterlySectionProvider {
  return { id, title, build: async () => ({ kind: 'unavailable' }) };
}

/** An ordered registry: placeholders first, replaced in place by real providers as features register them. */
export function createSectionRegistry(initial: QuarterlySectionProvider[]) {
  const providers = [...initial];
  return {
    register(provider: QuarterlySectionProvider): void {
      const at = providers.findIndex((p) => p.id === provider.id);
      if (at >= 0) providers[at] = provider;
      else providers.push(provider);
    },
    list(): readonly QuarterlySectionProvider[] {
      return providers;
    },
  };
}

export type SectionRegistry = ReturnType<typeof createSectionRegistry>;
