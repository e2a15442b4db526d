import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ToneColumn } from '../../db/tables/analysis.ts';
import type { ThemeCounts } from './emerging.ts';

// Read side of the analysis: results of a subtree (through org_unit_closure) and period, flagged responses left
// out. Counts only; suppression of small groups is the service's decision.

export interface PeriodScope {
  unitId: string;
  from: string;
  to: string;
}

function inScope(db: Kysely<DB>, scope: PeriodScope) {
  return db
    .selectFrom('analysis_results as ar')
    .innerJoin('org_unit_closure as c', 'c.descendant_id', 'ar.unit_id')
    .leftJoin('responses as r', 'r.id', 'ar.response_id')
    .leftJoin('feedback_items as fi', 'fi.id', 'ar.feedback_id')
    .where('c.ancestor_id', '=', scope.unitId)
    .where('ar.occurred_on', '>=', scope.from)
    .where('ar.occurred_on', '<=', scope.to)
    .where(sql<boolean>`((r.id is not null and r.flag is null) or fi.id is not null)`);
}

export async function countTexts(db: Kysely<DB>, scope: PeriodScope): Promise<number> {
  const row = await inScope(db, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface ThemeToneCount {
  theme: string;
  tone: ToneColumn;
  n: number;
}

const SCOPED = (scope: PeriodScope) => sql`
  from analysis_results ar
  join org_unit_closure c on c.descendant_id = ar.unit_id
  left join responses r on r.id = ar.response_id
  left join feedback_items fi on fi.id = ar.feedback_id
  where c.ancestor_id = ${scope.unitId} and ar.occurred_on between ${scope.from}::date and ${scope.to}::date
    and ((r.id is not null and r.flag is null) or fi.id is not null)`;

export async function themeToneCounts(db: Kysely<DB>, scope: PeriodScope): Promise<ThemeToneCount[]> {
  const rows = await sql<{ theme: string; tone: ToneColumn; n: number }>`
    select theme, tone, count(*) as n from (
      select unnest(ar.themes) as theme, ar.tone ${SCOPED(scope)}
    ) x group by theme, tone`.execute(db);
  return rows.rows.map((r) => ({ theme: r.theme, tone: r.tone, n: Number(r.n) }));
}

export async function toneCounts(
  db: Kysely<DB>,
  scope: PeriodScope,
): Promise<{ tone: ToneColumn; n: number }[]> {
  const rows = await inScope(db, scope)
    .select(['ar.tone', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('ar.tone')
    .execute();
  return rows.map((r) => ({ tone: r.tone, n: Number(r.n) }));
}

export async function keyPhraseCounts(db: Kysely<DB>, scope: PeriodScope, limit: number) {
  const rows = await sql<{ phrase: string; n: number }>`
    select phrase, count(*) as n from (
      select unnest(ar.key_phrases) as phrase ${SCOPED(scope)}
    ) x group by phrase order by n desc, phrase limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ phrase: r.phrase, n: Number(r.n) }));
}

export interface CommentFilter extends PeriodScope {
  theme?: string;
  tone?: ToneColumn;
  language?: string;
  limit: number;
  offset: number;
}

export interface CommentRow {
  responseId: string | null;
  questionId: string | null;
  feedbackId: string | null;
  unitId: string | null;
  occurredOn: string;
  language: string | null;
  tone: ToneColumn;
  toneScore: number;
  themes: string[];
  keyPhrases: string[];
  text: string;
  corrected: boolean;
}

export async function listComments(db: Kysely<DB>, filter: CommentFilter): Promise<CommentRow[]> {
  let query = inScope(db, filter)
    .leftJoin('response_texts as t', (j) =>
      j.onRef('t.response_id', '=', 'ar.response_id').onRef('t.question_id', '=', 'ar.question_id'),
    )
    .leftJoin('feedback_items as f', 'f.id', 'ar.feedback_id')
    .select([
      'ar.response_id',
      'ar.question_id',
      'ar.feedback_id',
      'ar.unit_id',
      'ar.occurred_on',
      'ar.language',
      'ar.tone',
      'ar.tone_score',
      'ar.themes',
      'ar.key_phrases',
      sql<string>`coalesce(t.text_redacted, f.description_redacted, '')`.as('text'),
      sql<boolean>`exists (select 1 from analysis_corrections ac where (ac.response_id = ar.response_id and ac.question_id = ar.question_id) or ac.feedback_id = ar.feedback_id)`.as(
        'corrected',
      ),
    ])
    .orderBy('ar.occurred_on', 'desc')
    .orderBy('ar.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.theme) query = query.where(sql<boolean>`ar.themes @> array[${filter.theme}]::text[]`);
  if (filter.tone) query = query.where('ar.tone', '=', filter.tone);
  if (filter.language) query = query.where('ar.language', '=', filter.language);
  const rows = await query.execute();
  return rows.map((r) => ({
    responseId: r.response_id,
    questionId: r.question_id,
    feedbackId: r.feedback_id,
    unitId: r.unit_id,
    occurredOn: r.occurred_on,
    language: r.language,
    tone: r.tone,
    toneScore: r.tone_score,
    themes: r.themes,
    keyPhrases: r.key_phrases,
    text: r.text,
    corrected: r.corrected,
  }));
}

/** The unit of an item's result, for scope checks before a correction. */
export async function unitOfItem(
  db: Kysely<DB>,
  ref: { responseId: string; questionId: string } | { feedbackId: string },
): Promise<string | null | undefined> {
  if ('feedbackId' in ref) {
    const row = await db
      .selectFrom('feedback_items')
      .select(sql<string | null>`coalesce(routed_unit_id, unit_id)`.as('unit'))
      .where('id', '=', ref.feedbackId)
      .executeTakeFirst();
    return row ? row.unit : undefined;
  }
  const row = await db
    .selectFrom('response_texts as t')
    .innerJoin('responses as r', 'r.id', 't.response_id')
    .select('r.unit_id')
    .where('t.response_id', '=', ref.responseId)
    .where('t.question_id', '=', ref.questionId)
    .executeTakeFirst();
  return row ? row.unit_id : undefined;
}

/** Per subtree (every ancestor) × theme: texts and theme hits in the recent and the baseline period. */
export async function emergingCounts(
  db: Kysely<DB>,
  recent: { from: string; to: string },
  baseline: { from: string; to: string },
): Promise<ThemeCounts[]> {
  const result = await sql<{
    unit_id: string;
    theme: string;
    recent_texts: number;
    recent_hits: number;
    baseline_texts: number;
    baseline_hits: number;
  }>`
    with scoped as (
      select c.ancestor_id as unit_id, ar.themes, ar.occurred_on >= ${recent.from}::date as is_recent
      from analysis_results ar
      join org_unit_closure c on c.descendant_id = ar.unit_id
      left join responses r on r.id = ar.response_id
      left join feedback_items fi on fi.id = ar.feedback_id
      where ar.occurred_on between ${baseline.from}::date and ${recent.to}::date
        and not (ar.occurred_on > ${baseline.to}::date and ar.occurred_on < ${recent.from}::date)
        and ((r.id is not null and r.flag is null) or fi.id is not null)
    ),
    totals as (
      select unit_id, count(*) filter (where is_recent) as recent_texts, count(*) filter (where not is_recent) as baseline_texts
      from scoped group by unit_id
    ),
    hits as (
      select unit_id, theme, count(*) filter (where is_recent) as recent_hits, count(*) filter (where not is_recent) as baseline_hits
      from scoped cross join lateral unnest(themes) as theme group by unit_id, theme
    )
    select h.unit_id, h.theme, t.recent_texts, h.recent_hits, t.baseline_texts, h.baseline_hits
    from hits h join totals t using (unit_id)
    order by h.unit_id, h.theme`.execute(db);
  return result.rows.map((r) => ({
    unitId: r.unit_id,
    theme: r.theme,
    recentTexts: Number(r.recent_texts),
    recentHits: Number(r.recent_hits),
    baselineTexts: Number(r.baseline_texts),
    baselineHits: Number(r.baseline_hits),
  }));
}

export async function saveAlerts(
  db: Kysely<DB>,
  alerts: {
    unitId: string;
    theme: string;
    periodStart: string;
    periodEnd: string;
    n: number;
    share: number;
    baselineN: number;
    baselineShare: number;
    z: number;
    pValue: number;
  }[],
): Promise<void> {
  if (!alerts.length) return;
  await db
    .insertInto('analysis_alerts')
    .values(
      alerts.map((a) => ({
        unit_id: a.unitId,
        theme: a.theme,
        period_start: a.periodStart,
        period_end: a.periodEnd,
        n: a.n,
        share: a.share,
        baseline_n: a.baselineN,
        baseline_share: a.baselineShare,
        z: a.z,
        p_value: a.pValue,
      })),
    )
    .onConflict((oc) => oc.columns(['unit_id', 'theme', 'period_start']).doNothing())
    .execute();
}

export async function listAlerts(db: Kysely<DB>, unitId: string, limit: number) {
  const rows = await db
    .selectFrom('analysis_alerts as a')
    .innerJoin('org_unit_closure as c', 'c.descendant_id', 'a.unit_id')
    .selectAll('a')
    .where('c.ancestor_id', '=', unitId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((a) => ({
    unitId: a.unit_id,
    theme: a.theme,
    periodStart: a.period_start,
    periodEnd: a.period_end,
    n: a.n,
    share: a.share,
    baselineN: a.baseline_n,
    baselineShare: a.baseline_share,
    z: a.z,
    pValue: a.p_value,
    createdAt: a.created_at,
  }));
}
