export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fi';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Picks fi, sv or en from an Accept-Language header, honouring q-values; falls back to Finnish. */
export function negotiateLanguage(
  header: string | undefined,
  fallback: Language = DEFAULT_LANGUAGE,
): Language {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  // Norwegian and Danish readers are better served by Swedish than by Finnish.
  const aliases: Record<string, Language> = { nb: 'sv', nn: 'sv', no: 'sv', da: 'sv' };
  for (const { base } of ranked) {
    if (isLanguage(base)) return base;
    const alias = aliases[base];
    if (alias) return alias;
  }
  return fallback;
}
