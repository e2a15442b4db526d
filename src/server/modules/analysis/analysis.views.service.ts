import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { TextProvider } from '../../adapters/llm/text-provider.ts';
import type { ToneColumn } from '../../db/tables/analysis.ts';
import * as views from './analysis.views.repository.ts';
import { listThemes, saveTheme, type Theme } from './analysis.themes.repository.ts';
import { findEmergingThemes, type EmergingOptions } from './emerging.ts';
import { TONES } from './tone.ts';
import { suppressCells } from '../insights/index.ts';

// Theme views for a subtree and period: share of texts per theme, tone split, the change against the previous
// period of the same length, key phrases, and the redacted comments behind them. Groups of 1 … minGroupSize − 1
// texts are suppressed: their figures are never returned, only `suppressed: true`. A zero is shown as 0.

export type Suppressed = { suppressed: true };
/** Texts per tone; null where that tone's texts are a small group (or hidden so that one cannot be worked out). */
export type ToneMix = Record<ToneColumn, number | null>;

export interface ThemeFigure {
  key: string;
  names: Theme['names'];
  n: number;
  share: number;
  tones: ToneMix;
  /** Share in the previous period of the same length; null when that period or the theme's hits in it were a
   * small group, or the period had no texts. */
  previousShare: number | null;
  suppressed: false;
}

export interface ThemeSummary {
  scope: views.PeriodScope;
  total: { n: number; suppressed: false } | { n: null; suppressed: true };
  tones: ToneMix | null;
  themes: (ThemeFigure | (Suppressed & { key: string; names: Theme['names'] }))[];
  keyPhrases: { phrase: string; n: number }[];
}

export interface ViewsDeps {
  db: Kysely<DB>;
  minGroupSize: number;
  unitExists(id: string): Promise<boolean>;
  now?: () => Date;
  /** Optional language model for summaries (off by default). */
  textProvider?: TextProvider;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function emptyTones(): Record<ToneColumn, number> {
  return { positive: 0, neutral: 0, negative: 0, mixed: 0 };
}

/** The tone split of a group with small cells hidden as in the insights figures (primary and secondary). */
function suppressTones(counts: Record<ToneColumn, number>, minGroupSize: number): ToneMix {
  const hidden = suppressCells(
    TONES.map((tone) => counts[tone]),
    minGroupSize,
  );
  const mix = { ...counts } as ToneMix;
  TONES.forEach((tone, i) => {
    if (hidden[i] !== null) mix[tone] = null;
  });
  return mix;
}

/** No texts reveal nothing: a zero is shown as 0; only 1 … minGroupSize − 1 texts are hidden. */
export function isSmallGroup(n: number, minGroupSize: number): boolean {
  return n > 0 && n < minGroupSize;
}

export function createViewsService(deps: ViewsDeps) {
  const { db, minGroupSize } = deps;
  const now = deps.now ?? (() => new Date());

  async function checkScope(scope: views.PeriodScope): Promise<void> {
    for (const field of ['from', 'to'] as const) {
      const value = scope[field];
      if (
        !DATE.test(value) ||
        Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
        !new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
      ) {
        throw new ValidationError('invalid_date', 'analysis.error_invalid_date', { field, value });
      }
    }
    if (scope.from > scope.to)
      throw new ValidationError('invalid_date_range', 'analysis.error_invalid_date_range');
    if (daysBetween(scope.from, scope.to) > 3700)
      throw new ValidationError('period_too_long', 'analysis.error_period_too_long');
    if (!(await deps.unitExists(scope.unitId)))
      throw new NotFoundError('unit_not_found', 'analysis.error_unit_not_found');
  }

  async function themeSummary(scope: views.PeriodScope): Promise<ThemeSummary> {
    await checkScope(scope);
    const taxonomy = await listThemes(db);
    const n = await views.countTexts(db, scope);
    if (isSmallGroup(n, minGroupSize)) {
      return {
        scope,
        total: { n: null, suppressed: true },
        tones: null,
        themes: taxonomy.map((t) => ({ key: t.key, names: t.names, suppressed: true })),
        keyPhrases: [],
      };
    }
    const length = daysBetween(scope.from, scope.to) + 1;
    const previousScope = {
      unitId: scope.unitId,
      from: addDays(scope.from, -length),
      to: addDays(scope.from, -1),
    };
    const [counts, tones, previousN, previousCounts, phrases] = await Promise.all([
      views.themeToneCounts(db, scope),
      views.toneCounts(db, scope),
      views.countTexts(db, previousScope),
      views.themeToneCounts(db, previousScope),
      views.keyPhraseCounts(db, scope, 30),
    ]);
    const toneTotals = emptyTones();
    for (const t of tones) toneTotals[t.tone] = t.n;
    const themes = taxonomy.map((theme) => {
      const rows = counts.filter((c) => c.theme === theme.key);
      const hits = rows.reduce((s, r) => s + r.n, 0);
      if (isSmallGroup(hits, minGroupSize))
        return { key: theme.key, names: theme.names, suppressed: true as const };
      const byTone = emptyTones();
      for (const r of rows) byTone[r.tone] = r.n;
      const previousHits = previousCounts.filter((c) => c.theme === theme.key).reduce((s, r) => s + r.n, 0);
      return {
        key: theme.key,
        names: theme.names,
        n: hits,
        share: n === 0 ? 0 : hits / n,
        tones: suppressTones(byTone, minGroupSize),
        // The previous share is hidden when that period's texts or the theme's hits there were a small group.
        previousShare:
          previousN === 0 || isSmallGroup(previousN, minGroupSize) || isSmallGroup(previousHits, minGroupSize)
            ? null
            : previousHits / previousN,
        suppressed: false as const,
      };
    });
    return {
      scope,
      total: { n, suppressed: false },
      tones: suppressTones(toneTotals, minGroupSize),
      themes,
      keyPhrases: phrases.filter((p) => p.n >= minGroupSize),
    };
  }

  async function comments(
    filter: Omit<views.CommentFilter, 'limit' | 'offset'> & { limit?: number; offset?: number },
  ) {
    await checkScope(filter);
    if (filter.tone && !(TONES as readonly string[]).includes(filter.tone)) {
      throw new ValidationError('invalid_tone', 'analysis.error_invalid_tone', { tone: filter.tone });
    }
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    const offset = Math.max(filter.offset ?? 0, 0);
    return views.listComments(db, { ...filter, limit, offset });
  }

  /** Tests the latest 28 days against the 180 days before them; stores significant rises as alerts. */
  async function detectEmerging(
    options: EmergingOptions & { recentDays?: number; baselineDays?: number } = {},
  ) {
    const today = now().toISOString().slice(0, 10);
    const recentTo = addDays(today, -1);
    const recentFrom = addDays(recentTo, -((options.recentDays ?? 28) - 1));
    const baselineTo = addDays(recentFrom, -1);
    const baselineFrom = addDays(baselineTo, -((options.baselineDays ?? 180) - 1));
    const counts = await views.emergingCounts(
      db,
      { from: recentFrom, to: recentTo },
      { from: baselineFrom, to: baselineTo },
    );
    const found = findEmergingThemes(counts, { minGroupSize, ...options });
    await views.saveAlerts(
      db,
      found.map((f) => ({
        unitId: f.unitId,
        theme: f.theme,
        periodStart: recentFrom,
        periodEnd: recentTo,
        n: f.recentTexts,
        share: f.recentShare,
        baselineN: f.baselineTexts,
        baselineShare: f.baselineShare,
        z: f.z,
        pValue: f.pValue,
      })),
    );
    return found;
  }

  async function updateTheme(theme: Theme): Promise<void> {
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(theme.key)) {
      throw new ValidationError('invalid_theme_key', 'analysis.error_invalid_theme_key');
    }
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const name = theme.names[lang].trim();
      if (name.length < 1 || name.length > 200) {
        throw new ValidationError('invalid_theme_name', 'analysis.error_invalid_theme_name', { lang });
      }
      theme.names[lang] = name;
    }
    await saveTheme(db, theme);
  }

  /** A short summary of a theme's redacted comments by the optional language model; never for a small group. */
  async function summariseTheme(scope: views.PeriodScope, theme: string, language: 'fi' | 'sv' | 'en') {
    if (!deps.textProvider)
      throw new ConflictError('provider_not_configured', 'analysis.error_provider_not_configured');
    const taxonomy = await listThemes(db);
    const entry = taxonomy.find((t) => t.key === theme);
    if (!entry) throw new ValidationError('unknown_theme', 'analysis.error_unknown_theme', { theme });
    const rows = await comments({ ...scope, theme, limit: 50 });
    if (rows.length < minGroupSize) return { theme, suppressed: true as const, summary: null };
    try {
      const summary = await deps.textProvider.summariseTheme({
        theme: entry.names[language],
        language,
        comments: rows.map((r) => r.text),
      });
      return { theme, suppressed: false as const, summary, comments: rows.length };
    } catch {
      throw new ConflictError('provider_failed', 'analysis.error_provider_failed');
    }
  }

  return {
    themeSummary,
    summariseTheme,
    comments,
    detectEmerging,
    listThemes: (includeInactive = false) => listThemes(db, includeInactive),
    updateTheme,
    listAlerts: async (unitId: string, limit = 100) => {
      if (!(await deps.unitExists(unitId)))
        throw new NotFoundError('unit_not_found', 'analysis.error_unit_not_found');
      return views.listAlerts(db, unitId, limit);
    },
    unitOfItem: (ref: Parameters<typeof views.unitOfItem>[1]) => views.unitOfItem(db, ref),
  };
}

export type AnalysisViews = ReturnType<typeof createViewsService>;
