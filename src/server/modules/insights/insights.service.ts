// Decides what figures a scope gets: reads rollup sums (never raw responses), builds figures and suppresses
// small groups before anything is returned.
import type {
  BreakdownDimension,
  BreakdownRow,
  CellDimension,
  ChildRow,
  Grain,
  InsightsFilters,
  InsightsScope,
  InsightsService,
  NpsShown,
  RawCell,
  SparkPoint,
} from './index.ts';
import type { FullOrganisationService } from '../organisation/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import type { GroupColumn, GroupedRow, InsightsRepository, ReadQuery } from './insights.repository.ts';
import { buckets, previousPeriod } from './insights.dates.ts';
import { checkScope, hasFilters } from './insights.scope.ts';
import { indexRows, partitionFigures, type QuestionCounts } from './figure-sets.ts';
import { emptyCounts, npsChange, responsesOf } from './figures.ts';
import { createStatementCatalogue } from './statement-catalogue.ts';

const BREAKDOWN_COLUMNS: Record<BreakdownDimension, GroupColumn> = {
  channel: 'channel',
  respondentType: 'respondent_type',
  language: 'language',
  ageGroup: 'age_group',
  survey: 'survey_id',
};

const CELL_COLUMNS: Record<CellDimension, GroupColumn> = {
  unit: 'unit_id',
  month: 'month',
  channel: 'channel',
  respondentType: 'respondent_type',
  language: 'language',
  ageGroup: 'age_group',
  survey: 'survey_id',
};

export interface InsightsServiceDeps {
  repo: InsightsRepository;
  organisation: Pick<FullOrganisationService, 'listChildren'>;
  surveys: Pick<SurveysService, 'getCurrent'>;
  minGroupSize: number;
}

function readQuery(
  scope: InsightsScope,
  filters: InsightsFilters = scope.filters ?? {},
  dailyOnly = false,
): ReadQuery {
  return { unitId: scope.unitId, from: scope.from, to: scope.to, filters, dailyOnly };
}

const displayKey = (value: string | null) => (value === null || value === '' ? 'unknown' : value);

export function createInsightsService(deps: InsightsServiceDeps): InsightsService {
  const { repo, minGroupSize } = deps;
  const catalogue = createStatementCatalogue(deps.surveys);
  const scoped = (scope: InsightsScope) => checkScope(scope, (id) => repo.unitExists(id));

  /**
   * Reads grouped sums filtered and, when there are filters, also unfiltered (for the complement rule). Rows of
   * question '' count every survey; statement rows only those of the statement survey.
   */
  async function read(
    scope: InsightsScope,
    groupBy: GroupColumn[],
    options: { questionIds?: string[]; statementSurveyId?: string | null; dailyOnly?: boolean } = {},
  ) {
    const keyOf = (keys: Record<string, string | null>) => groupBy.map((c) => keys[c] ?? '').join('\u0000');
    const withSurvey: GroupColumn[] = groupBy.includes('survey_id') ? groupBy : [...groupBy, 'survey_id'];
    const keep = (row: GroupedRow) =>
      row.questionId === '' || (options.statementSurveyId ?? null) === row.keys.survey_id;
    const fetch = async (filters: InsightsFilters) =>
      indexRows(
        (
          await repo.grouped(readQuery(scope, filters, options.dailyOnly), withSurvey, options.questionIds)
        ).filter(keep),
        keyOf,
      );
    const filters = scope.filters ?? {};
    const filtered = await fetch(filters);
    const unfiltered = hasFilters(filters) ? await fetch({}) : null;
    return { filtered, unfiltered };
  }

  async function statementSet(scope: InsightsScope) {
    return (await catalogue.forFilter(scope.filters?.surveyId)) ?? { surveyId: null, statements: [] };
  }

  async function totals(scope: InsightsScope, withStatements: boolean) {
    const set = withStatements ? await statementSet(scope) : { surveyId: null, statements: [] };
    const { filtered, unfiltered } = await read(scope, [], {
      statementSurveyId: set.surveyId,
      ...(withStatements ? {} : { questionIds: [''] }),
    });
    const [figures] = partitionFigures(
      [filtered.get('')],
      unfiltered ? [unfiltered.get('')] : null,
      set.statements,
      minGroupSize,
    );
    return { figures: figures!, statementSurveyId: set.surveyId, statements: set.statements };
  }

  async function breakdown(scope: InsightsScope, dimension: BreakdownDimension): Promise<BreakdownRow[]> {
    const { filtered, unfiltered } = await read(scope, [BREAKDOWN_COLUMNS[dimension]], { questionIds: [''] });
    const keys = [...filtered.keys()]
      .filter((k) => responsesOf(filtered.get(k)?.get('') ?? emptyCounts()) > 0)
      .sort();
    const figures = partitionFigures(
      keys.map((k) => filtered.get(k)),
      unfiltered ? keys.map((k) => unfiltered.get(k)) : null,
      [],
      minGroupSize,
    );
    return keys.map((key, i) => ({
      key: displayKey(key),
      count: figures[i]!.count,
      nps: figures[i]!.nps,
    }));
  }

  async function summary(input: InsightsScope) {
    const scope = await scoped(input);
    const top = await totals(scope, true);
    const dimensions = Object.keys(BREAKDOWN_COLUMNS) as BreakdownDimension[];
    const hidden = top.figures.count.suppressed;
    const breakdowns = {} as Record<BreakdownDimension, BreakdownRow[]>;
    for (const dimension of dimensions) {
      // Nothing below a suppressed total is shown: its parts would be even smaller.
      breakdowns[dimension] = hidden ? [] : await breakdown(scope, dimension);
    }
    return {
      scope,
      minGroupSize,
      count: top.figures.count,
      nps: top.figures.nps,
      statementSurveyId: top.statementSurveyId,
      statements: top.figures.statements,
      breakdowns,
    };
  }

  async function trend(input: InsightsScope, grain: Grain) {
    const scope = await scoped(input);
    const { surveyId, statements } = await statementSet(scope);
    const { filtered, unfiltered } = await read(scope, [grain], {
      statementSurveyId: surveyId,
      // Month rows carry the month's first day: weeks that cross a month boundary need the daily rows.
      dailyOnly: grain === 'week',
    });
    const list = buckets(scope.from, scope.to, grain);
    const figures = partitionFigures(
      list.map((b) => filtered.get(b.key)),
      unfiltered ? list.map((b) => unfiltered.get(b.key)) : null,
      statements,
      minGroupSize,
    );
    return {
      scope,
      grain,
      minGroupSize,
      buckets: list.map((b, i) => ({ start: b.start, end: b.end, label: b.label, ...figures[i]! })),
    };
  }

  async function children(input: InsightsScope) {
    const scope = await scoped(input);
    const top = await totals(scope, true);
    const { filtered, unfiltered } = await read(scope, ['child'], {
      statementSurveyId: top.statementSurveyId,
    });
    const series = await read(scope, ['child', 'month'], { questionIds: [''] });
    const units = await deps.organisation.listChildren(scope.unitId, { includeClosed: true });
    const withChildren = await repo.withChildren(units.map((u) => u.id));
    // Open children always; closed or merged ones only when they hold responses in the period.
    const shown = units.filter((u) => filtered.has(u.id) || (u.validTo === null && u.mergedIntoId === null));
    const ownKey = '';
    const keys = [...shown.map((u) => u.id), ownKey];
    const statements = top.statements;
    const figures = partitionFigures(
      keys.map((k) => filtered.get(k)),
      unfiltered ? keys.map((k) => unfiltered.get(k)) : null,
      statements,
      minGroupSize,
    );
    const months = buckets(scope.from, scope.to, 'month');
    const rows: ChildRow[] = keys.map((key, i) => {
      const unit = shown[i];
      const figure = figures[i]!;
      return {
        unitId: unit ? unit.id : scope.unitId,
        names: unit ? unit.names : { fi: '', sv: null, en: null },
        type: unit ? unit.type : 'unit',
        hasChildren: unit ? withChildren.has(unit.id) : false,
        own: unit === undefined,
        ...figure,
        series: figure.count.suppressed ? [] : sparkline(key, months, series),
      };
    });
    // The own row is shown only when it holds responses or a figure (so a plain parent has no empty row).
    const visibleRows = rows.filter((r) => !r.own || filtered.has(ownKey));
    return {
      scope,
      minGroupSize,
      total: { count: top.figures.count, nps: top.figures.nps },
      rows: top.figures.count.suppressed ? [] : visibleRows,
    };
  }

  function sparkline(
    childKey: string,
    months: ReturnType<typeof buckets>,
    series: { filtered: Map<string, QuestionCounts>; unfiltered: Map<string, QuestionCounts> | null },
  ): SparkPoint[] {
    const key = (m: string) => `${childKey}\u0000${m}`;
    const figures = partitionFigures(
      months.map((m) => series.filtered.get(key(m.key))),
      series.unfiltered ? months.map((m) => series.unfiltered!.get(key(m.key))) : null,
      [],
      minGroupSize,
    );
    return months.map((m, i) => {
      const nps = figures[i]!.nps;
      return {
        label: m.label,
        start: m.start,
        nps: nps.suppressed ? null : nps.value,
        suppressed: nps.suppressed,
      };
    });
  }

  async function compare(input: InsightsScope) {
    const scope = await scoped(input);
    const before = previousPeriod(scope.from, scope.to);
    const current = await totals(scope, false);
    const previous = await totals({ ...scope, ...before }, false);
    const change =
      current.figures.nps.suppressed || previous.figures.nps.suppressed
        ? null
        : npsChange(current.figures.nps as NpsShown, previous.figures.nps as NpsShown);
    return {
      scope,
      minGroupSize,
      current: { from: scope.from, to: scope.to, count: current.figures.count, nps: current.figures.nps },
      previous: { ...before, count: previous.figures.count, nps: previous.figures.nps },
      change,
    };
  }

  async function cells(input: InsightsScope, groupBy: CellDimension[]): Promise<RawCell[]> {
    const scope = await scoped(input);
    const columns = [...new Set(groupBy)].map((d) => CELL_COLUMNS[d]);
    const rows = await repo.grouped(readQuery(scope), columns);
    const dims = [...new Set(groupBy)];
    const byKey = new Map<string, RawCell>();
    for (const row of rows) {
      const key = columns.map((c) => row.keys[c] ?? '').join('\u0000');
      let cell = byKey.get(key);
      if (!cell) {
        const keys: RawCell['keys'] = {};
        dims.forEach((d, i) => {
          const value = row.keys[columns[i]!] ?? '';
          keys[d] = d === 'month' ? value.slice(0, 7) : displayKey(value);
        });
        cell = { keys, responses: 0, recommendation: Array.from({ length: 11 }, () => 0), questions: {} };
        byKey.set(key, cell);
      }
      if (row.questionId === '') {
        cell.responses += row.counts.nx + row.counts.values.reduce((a, b) => a + b, 0);
        row.counts.values.forEach((v, i) => (cell.recommendation[i] = (cell.recommendation[i] ?? 0) + v));
      } else {
        const add = (key: string, v: number) => {
          if (v === 0) return;
          const q = (cell.questions[row.questionId] ??= {});
          q[key] = (q[key] ?? 0) + v;
        };
        row.counts.values.forEach((v, i) => add(String(i), v));
        add('cant_say', row.counts.nx);
      }
    }
    // Rollup rows can drop back to zero (a response flagged or erased later): such groups are not cells.
    return [...byKey.entries()]
      .filter(([, cell]) => cell.responses > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, cell]) => cell);
  }

  return { summary, trend, children, compare, cells, minGroupSize: () => minGroupSize };
}
