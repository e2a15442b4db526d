// SQL for reading the rollups (docs/adr/0008-compact-aggregates.md). Subtrees are given as `= any(array(…))`: the
// planner then uses the primary keys instead of a parallel scan of a whole rollup (whose workers alone cost ~10 ms). A read sums insights_month's fitting slice for
// the whole months of a period and insights_day for the days at its edges, restricted to the subtree through
// org_unit_closure inside each branch (so each primary key serves its branch), then groups as asked. Only what
// the slices cannot answer (two dimensions at once, a dimension over part of a month) counts raw responses.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { InsightsFilters } from './index.ts';
import { splitPeriod } from './insights.dates.ts';

export const COUNT_COLUMNS = [
  'nx',
  'n0',
  'n1',
  'n2',
  'n3',
  'n4',
  'n5',
  'n6',
  'n7',
  'n8',
  'n9',
  'n10',
] as const;

/** Sums of one group: nx ("can't say" / no recommendation) and n0…n10 by answer value. */
export interface Counts {
  nx: number;
  /** Index = value 0…10. */
  values: number[];
}

export interface ReadQuery {
  unitId: string;
  from: string;
  to: string;
  filters: InsightsFilters;
  /** Read only the daily rollup (weekly buckets cross month boundaries). */
  dailyOnly?: boolean;
}

export type GroupColumn =
  | 'unit_id'
  | 'channel'
  | 'language'
  | 'respondent_type'
  | 'age_group'
  | 'survey_id'
  | 'month'
  | 'week'
  | 'quarter'
  | 'child';

export interface GroupedRow {
  keys: Record<string, string | null>;
  questionId: string;
  counts: Counts;
}

function unknownAsEmpty(values: string[]): string[] {
  return values.map((v) => (v === 'unknown' ? '' : v));
}

function filterSql(filters: InsightsFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  const list = (column: string, values: string[] | undefined, mapUnknown = false) => {
    if (!values || values.length === 0) return;
    const vals = mapUnknown ? unknownAsEmpty(values) : values;
    parts.push(sql`and ${sql.ref(column)} = any(${vals}::text[])`);
  };
  list('channel', filters.channels);
  list('language', filters.languages);
  list('respondent_type', filters.respondentTypes, true);
  list('age_group', filters.ageGroups, true);
  if (filters.surveyId) parts.push(sql`and survey_id = ${filters.surveyId}::uuid`);
  return sql.join(parts, sql` `);
}

const DIMENSIONS = ['channel', 'language', 'respondent_type', 'age_group'] as const;
type Dimension = (typeof DIMENSIONS)[number];

const ROLLUP_COUNTS = sql.raw(COUNT_COLUMNS.join(', '));

/** The day rollup is the '' slice of question '' only: no dimension, so null in every dimension column. */
const DAY_COLUMNS = sql.raw(
  `unit_id, day, survey_id, ${DIMENSIONS.map((d) => `null::text as ${d}`).join(', ')}, ''::text as question_id, ${COUNT_COLUMNS.join(', ')}`,
);

/** A month slice carries one dimension; the others are null in its rows (they are summed over). */
function monthColumns(dim: Dimension | '', unitColumn = 'unit_id'): RawBuilder<unknown> {
  const columns = DIMENSIONS.map((d) =>
    d === dim ? sql.raw(`dim_value as ${d}`) : sql.raw(`null::text as ${d}`),
  );
  return sql`${sql.raw(unitColumn)} as unit_id, day, survey_id, ${sql.join(columns, sql`, `)}, question_id, ${ROLLUP_COUNTS}`;
}

/**
 * Month rows of a slice for the subtree. Grouped by unit, every unit's own rows. Otherwise the pre-summed
 * subtrees: the scope unit's own rows plus its subtree sum (and, grouped by child, each child's own rows plus
 * its subtree sum, reported under the child's id) — a few rows per month instead of one per unit. While a tree
 * change has left the sums stale, the same statement adds up the unit rows instead (one snapshot decides).
 */
function monthBranch(
  query: ReadQuery,
  dim: Dimension | '',
  groupBy: readonly string[],
  conditions: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const subtree = sql`unit_id = any(array(select descendant_id from org_unit_closure where ancestor_id = ${query.unitId}))`;
  const perUnit = sql`select ${monthColumns(dim)} from insights_month where dim = ${dim} and ${subtree} ${conditions}`;
  if (groupBy.includes('unit_id')) return perUnit;
  // Own rows: the scope unit (and its children). Subtree sums: the scope unit's — or, grouped by child, each
  // child's, so the scope unit's own row stays its own.
  const children = sql`select id from org_units where parent_id = ${query.unitId}`;
  const byChild = groupBy.includes('child');
  const heads = byChild
    ? sql`any(array(select ${query.unitId}::text union all ${children}))`
    : sql`${query.unitId}`;
  const sums = byChild ? sql`any(array(${children}))` : sql`${query.unitId}`;
  const stale = sql`exists (select 1 from insights_tree_dirty)`;
  return sql`${perUnit} and ${stale}
    union all select ${monthColumns(dim)} from insights_month where dim = ${dim} and unit_id = ${heads} ${conditions} and not ${stale}
    union all select ${monthColumns(dim, 'ancestor_id')} from insights_tree_month where dim = ${dim} and ancestor_id = ${sums} ${conditions} and not ${stale}`;
}

function filterValues(filters: InsightsFilters, dim: Dimension): string[] | undefined {
  const values = {
    channel: filters.channels,
    language: filters.languages,
    respondent_type: filters.respondentTypes && unknownAsEmpty(filters.respondentTypes),
    age_group: filters.ageGroups && unknownAsEmpty(filters.ageGroups),
  }[dim];
  return values && values.length > 0 ? values : undefined;
}

/**
 * Which month slice can answer the query: '' when it neither filters nor groups by a dimension, that dimension
 * when it uses exactly one, null when it crosses two (then only the responses themselves have the answer).
 */
export function monthSlice(filters: InsightsFilters, groupBy: readonly string[]): Dimension | '' | null {
  const used = new Set<Dimension>();
  for (const dim of DIMENSIONS) if (filterValues(filters, dim) || groupBy.includes(dim)) used.add(dim);
  if (used.size === 0) return '';
  if (used.size === 1) return [...used][0] as Dimension;
  return null;
}

const RAW_SUMS = sql.raw(
  [-1, ...Array.from({ length: 11 }, (_, i) => i)]
    .map((v, i) => `count(*) filter (where v.value = ${v}) as ${COUNT_COLUMNS[i]}`)
    .join(', '),
);

/**
 * The same rows counted from the responses of the subtree and days (through the (unit_id, local_date) index), for
 * what no rollup keeps: a dimension over part of a month, or two dimensions at once. Responses still pending are
 * left out, exactly as the rollups leave them out until they are folded, so every branch agrees.
 */
function rawSql(
  unitId: string,
  range: { from: string; to: string },
  questions: RawBuilder<unknown>,
  filters: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`select r.unit_id, r.day, r.survey_id, r.channel, r.language, r.respondent_type, r.age_group,
      v.question_id, ${RAW_SUMS}
    from (
      select x.id, x.unit_id, x.local_date as day, x.survey_id, x.channel, x.language,
        coalesce(x.respondent_type, '') as respondent_type, coalesce(x.age_group, '') as age_group,
        x.recommendation, x.answers
      from responses x
      where x.unit_id = any(array(select descendant_id from org_unit_closure where ancestor_id = ${unitId})) and x.local_date between ${range.from}::date and ${range.to}::date and x.flag is null
        and not exists (select 1 from insights_pending p where p.response_id = x.id)
    ) r
    cross join lateral insights_answer_values(r.recommendation, r.answers) v
    where true ${questions} ${filters}
    group by 1, 2, 3, 4, 5, 6, 7, 8`;
}

/** Which questions a branch should count: those asked (all when none are named), within a subset. */
function questionSql(
  asked: string[] | undefined,
  only: 'all' | 'response' | 'statements',
): RawBuilder<unknown> | null {
  if (only === 'response') return !asked || asked.includes('') ? sql`and question_id = ''` : null;
  if (only === 'statements') {
    if (asked && !asked.some((q) => q !== '')) return null;
    return asked
      ? sql`and question_id = any(${asked}::text[]) and question_id <> ''`
      : sql`and question_id <> ''`;
  }
  return asked ? sql`and question_id = any(${asked}::text[])` : sql``;
}

/**
 * The counted rows of the subtree and period, from the cheapest source that is exact:
 * - no dimension: whole months from the '' month slice; the edge days (or every day, for weeks) from the day
 *   rollup for question '' and from the responses for statements;
 * - one dimension: whole months from its month slice for question ''; statements, and question '' on the edge
 *   days (or every day, for weeks), from the responses;
 * - two or more dimensions: everything from the responses.
 */
export function sourceSql(
  query: ReadQuery,
  questionIds?: string[],
  groupBy: readonly string[] = [],
): RawBuilder<unknown> {
  const slice = monthSlice(query.filters, groupBy);
  const whole = { from: query.from, to: query.to };
  const parts =
    slice === null || query.dailyOnly ? { months: null, days: [whole] } : splitPeriod(query.from, query.to);
  const subtree = sql`unit_id = any(array(select descendant_id from org_unit_closure where ancestor_id = ${query.unitId}))`;
  const survey = query.filters.surveyId ? sql`and survey_id = ${query.filters.surveyId}::uuid` : sql``;
  const filters = filterSql(query.filters);
  const raw = (range: { from: string; to: string }, questions: RawBuilder<unknown> | null) =>
    questions ? [rawSql(query.unitId, range, questions, filters)] : [];
  const branches: RawBuilder<unknown>[] = [];
  if (slice === null) {
    branches.push(...raw(whole, questionSql(questionIds, 'all')));
  } else if (slice === '') {
    const months = parts.months;
    const all = questionSql(questionIds, 'all');
    if (months) {
      const period = sql`and day between ${months.first}::date and ${months.last}::date`;
      branches.push(monthBranch(query, '', groupBy, sql`${period} ${survey} ${all}`));
    }
    for (const range of parts.days) {
      if (questionSql(questionIds, 'response')) {
        branches.push(sql`select ${DAY_COLUMNS} from insights_day where ${subtree}
          and day between ${range.from}::date and ${range.to}::date ${survey}`);
      }
      branches.push(...raw(range, questionSql(questionIds, 'statements')));
    }
  } else {
    const months = parts.months;
    const response = questionSql(questionIds, 'response');
    if (months && response) {
      const values = filterValues(query.filters, slice);
      const valueFilter = values ? sql`and dim_value = any(${values}::text[])` : sql``;
      const period = sql`and day between ${months.first}::date and ${months.last}::date`;
      branches.push(
        monthBranch(query, slice, groupBy, sql`${period} ${valueFilter} ${survey} and question_id = ''`),
      );
    }
    for (const range of parts.days) branches.push(...raw(range, response));
    branches.push(...raw(whole, questionSql(questionIds, 'statements')));
  }
  // An empty union still has to yield the columns: nothing was asked that any source holds.
  if (branches.length === 0) branches.push(sql`select ${DAY_COLUMNS} from insights_day where false`);
  return sql.join(branches, sql` union all `);
}

const SUMS = sql.raw(COUNT_COLUMNS.map((c) => `sum(${c})::bigint as ${c}`).join(', '));

function groupExpression(column: GroupColumn, unitId: string): RawBuilder<unknown> {
  switch (column) {
    case 'month':
      return sql`to_char(date_trunc('month', f.day), 'YYYY-MM-DD')`;
    case 'week':
      return sql`to_char(date_trunc('week', f.day), 'YYYY-MM-DD')`;
    case 'quarter':
      return sql`to_char(date_trunc('quarter', f.day), 'YYYY-MM-DD')`;
    case 'child':
      // The child of the scope unit that the response's unit lies under; null for the scope unit itself.
      return sql`(select c.ancestor_id from org_unit_closure c join org_units u on u.id = c.ancestor_id
        where c.descendant_id = f.unit_id and u.parent_id = ${unitId} limit 1)`;
    case 'survey_id':
      return sql`f.survey_id::text`;
    default:
      return sql.ref(`f.${column}`);
  }
}

function toCounts(row: Record<string, unknown>): Counts {
  return {
    nx: Number(row.nx ?? 0),
    values: COUNT_COLUMNS.slice(1).map((c) => Number(row[c] ?? 0)),
  };
}

export function createInsightsRepository(db: Kysely<DB>) {
  return {
    /**
     * Sums grouped by the given columns and the question. For 'child', rows are first summed per unit (small),
     * then mapped to the child they lie under.
     */
    async grouped(query: ReadQuery, groupBy: GroupColumn[], questionIds?: string[]): Promise<GroupedRow[]> {
      const source = sourceSql(query, questionIds, groupBy);
      const needsUnit = groupBy.includes('child');
      const inner = groupBy.filter((c) => c !== 'child');
      const innerCols = [...inner, ...(needsUnit ? ['unit_id' as const] : [])];
      const selects = innerCols.map((c) => sql`${groupExpression(c, query.unitId)} as ${sql.ref(c)}`);
      const groupIndexes = sql.raw(
        [...innerCols.map((_, i) => String(i + 1)), String(innerCols.length + 1)].join(', '),
      );
      let text = sql`select ${sql.join([...selects, sql`f.question_id`], sql`, `)}, ${SUMS}
        from (${source}) f group by ${groupIndexes}`;
      if (needsUnit) {
        const outerKeys = inner.map((c) => sql.ref(`g.${c}`));
        const childExpr = sql`(select c.ancestor_id from org_unit_closure c join org_units u on u.id = c.ancestor_id
          where c.descendant_id = g.unit_id and u.parent_id = ${query.unitId} limit 1)`;
        const outerSums = sql.raw(COUNT_COLUMNS.map((c) => `sum(g.${c})::bigint as ${c}`).join(', '));
        const keyList = [...outerKeys, sql`${childExpr} as child`, sql`g.question_id`];
        const groupList = sql.raw(keyList.map((_, i) => String(i + 1)).join(', '));
        text = sql`select ${sql.join(keyList, sql`, `)}, ${outerSums} from (${text}) g group by ${groupList}`;
      }
      const result = await text.execute(db);
      return (result.rows as Record<string, unknown>[]).map((row) => {
        const keys: Record<string, string | null> = {};
        for (const c of groupBy) keys[c] = row[c] === null || row[c] === undefined ? null : String(row[c]);
        return { keys, questionId: String(row.question_id), counts: toCounts(row) };
      });
    },

    async unitExists(id: string): Promise<boolean> {
      const row = await db.selectFrom('org_units').select('id').where('id', '=', id).executeTakeFirst();
      return row !== undefined;
    },

    /** Ids of units with at least one child, among the given ones. */
    async withChildren(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('org_units')
        .select('parent_id')
        .where('parent_id', 'in', ids)
        .distinct()
        .execute();
      return new Set(rows.map((r) => r.parent_id).filter((id): id is string => id !== null));
    },
  };
}

export type InsightsRepository = ReturnType<typeof createInsightsRepository>;
