// SQL for reading the rollups. Every read sums insights_month for the whole months of a period and insights_day
// for the days at its edges, restricted to the subtree through org_unit_closure inside each branch (so the
// primary key (unit_id, day, …) serves every branch), then groups as asked. Never reads raw responses.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { InsightsFilters } from './index.ts';
import { monthEnd, splitPeriod } from './insights.dates.ts';

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

const DAY_COLUMNS = sql.raw(
  `unit_id, day, survey_id, channel, language, respondent_type, age_group, question_id, ${COUNT_COLUMNS.join(', ')}`,
);

/** A month slice carries one dimension; the others are null in its rows (they are summed over). */
function monthColumns(dim: Dimension | ''): RawBuilder<unknown> {
  const columns = DIMENSIONS.map((d) =>
    d === dim ? sql.raw(`dim_value as ${d}`) : sql.raw(`null::text as ${d}`),
  );
  return sql`unit_id, day, survey_id, ${sql.join(columns, sql`, `)}, question_id, ${sql.raw(COUNT_COLUMNS.join(', '))}`;
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
 * when it uses exactly one, null when it crosses two (then only insights_day has the rows).
 */
export function monthSlice(filters: InsightsFilters, groupBy: readonly string[]): Dimension | '' | null {
  const used = new Set<Dimension>();
  for (const dim of DIMENSIONS) if (filterValues(filters, dim) || groupBy.includes(dim)) used.add(dim);
  if (used.size === 0) return '';
  if (used.size === 1) return [...used][0] as Dimension;
  return null;
}

/** The rollup rows of the subtree and period, from the monthly slices where whole months allow. */
export function sourceSql(
  query: ReadQuery,
  questionIds?: string[],
  groupBy: readonly string[] = [],
): RawBuilder<unknown> {
  const slice = query.dailyOnly ? null : monthSlice(query.filters, groupBy);
  const parts =
    slice === null
      ? { months: null, days: [{ from: query.from, to: query.to }] }
      : splitPeriod(query.from, query.to);
  const subtree = sql`unit_id in (select descendant_id from org_unit_closure where ancestor_id = ${query.unitId})`;
  const questions = questionIds ? sql`and question_id = any(${questionIds}::text[])` : sql``;
  const branches: RawBuilder<unknown>[] = [];
  const filters = filterSql(query.filters);
  if (parts.months && slice !== null) {
    const values = slice === '' ? undefined : filterValues(query.filters, slice);
    const valueFilter = values ? sql`and dim_value = any(${values}::text[])` : sql``;
    const survey = query.filters.surveyId ? sql`and survey_id = ${query.filters.surveyId}::uuid` : sql``;
    // A dimension's slice holds only question '' (n and recommendation); its statements come from the days.
    const sliceQuestions = slice === '' ? questions : sql`and question_id = ''`;
    branches.push(sql`select ${monthColumns(slice)} from insights_month where dim = ${slice} and ${subtree}
      and day between ${parts.months.first}::date and ${parts.months.last}::date ${valueFilter} ${survey} ${sliceQuestions}`);
    const needsStatements = slice !== '' && (!questionIds || questionIds.some((q) => q !== ''));
    if (needsStatements) {
      const last = monthEnd(parts.months.last);
      branches.push(sql`select ${DAY_COLUMNS} from insights_day where ${subtree}
        and day between ${parts.months.first}::date and ${last}::date and question_id <> '' ${questions} ${filters}`);
    }
  }
  for (const range of parts.days) {
    branches.push(sql`select ${DAY_COLUMNS} from insights_day where ${subtree}
      and day between ${range.from}::date and ${range.to}::date ${questions} ${filters}`);
  }
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
