// The dashboard's figures as tables for CSV and XLSX: the child units, the trend, the statements and the
// breakdowns. Values come from the insights module as they are; suppressed figures stay markers.
import type { Language } from '../../../shared/languages.ts';
import type { CountFigure, NpsFigure, StatementFigure } from '../insights/index.ts';
import { unitName } from './unit-names.ts';
import type { DashboardData } from './dashboard.service.ts';
import { SUPPRESSED_CELL, type Table, type TableCell } from './tabular.ts';

export const AGGREGATE_TABLES = ['units', 'trend', 'statements', 'breakdowns'] as const;
export type AggregateTable = (typeof AGGREGATE_TABLES)[number];

const round = (x: number | null, digits = 1): number | null =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

function countCell(figure: CountFigure): TableCell {
  return figure.suppressed ? SUPPRESSED_CELL : figure.n;
}

function npsCells(figure: NpsFigure): TableCell[] {
  if (figure.suppressed) return Array(6).fill(SUPPRESSED_CELL) as TableCell[];
  return [
    round(figure.value),
    round(figure.ci95?.[0] ?? null),
    round(figure.ci95?.[1] ?? null),
    round(figure.promoters.share, 4),
    round(figure.passives.share, 4),
    round(figure.detractors.share, 4),
  ];
}
const NPS_COLUMNS = [
  'nps',
  'nps_ci_low',
  'nps_ci_high',
  'promoters_share',
  'passives_share',
  'detractors_share',
];

function agreeCell(figure: StatementFigure | undefined): TableCell {
  if (!figure) return null;
  return figure.suppressed ? SUPPRESSED_CELL : round(figure.agreeShare, 4);
}

function statementIds(data: DashboardData): string[] {
  return data.summary.statements.filter((s) => s.scale === 'agreement').map((s) => s.id);
}

export function unitsTable(data: DashboardData, lang: Language): Table {
  const ids = statementIds(data);
  return {
    name: 'units',
    columns: [
      'unit_id',
      'unit_name',
      'own_responses',
      'n',
      ...NPS_COLUMNS,
      ...ids.map((id) => `agree_share_${id}`),
    ],
    rows: data.children.rows.map((row) => [
      row.unitId,
      unitName(row.names, lang),
      row.own,
      countCell(row.count),
      ...npsCells(row.nps),
      ...ids.map((id) => agreeCell(row.statements.find((s) => s.id === id))),
    ]),
  };
}

export function trendTable(data: DashboardData): Table {
  return {
    name: 'trend',
    columns: ['period', 'start', 'end', 'n', ...NPS_COLUMNS],
    rows: data.trend.buckets.map((b) => [b.label, b.start, b.end, countCell(b.count), ...npsCells(b.nps)]),
  };
}

export function statementsTable(data: DashboardData, labels: ReadonlyMap<string, string>): Table {
  return {
    name: 'statements',
    columns: [
      'statement_id',
      'statement',
      'scale',
      'n',
      'agree_share',
      'mean',
      'n_1',
      'n_2',
      'n_3',
      'n_4',
      'n_5',
      'cant_say',
    ],
    rows: data.summary.statements.map((s) => {
      const head: TableCell[] = [s.id, labels.get(s.id) ?? s.id, s.scale];
      if (s.suppressed) return [...head, ...(Array(9).fill(SUPPRESSED_CELL) as TableCell[])];
      const d = ['1', '2', '3', '4', '5'].map((k) =>
        s.scale === 'smiley' && k === '5' ? null : (s.distribution[k] ?? 0),
      );
      return [...head, s.n, round(s.agreeShare, 4), round(s.mean, 2), ...d, s.cantSay];
    }),
  };
}

export function breakdownsTable(data: DashboardData): Table {
  const rows: TableCell[][] = [];
  for (const [dimension, list] of Object.entries(data.summary.breakdowns)) {
    for (const row of list) rows.push([dimension, row.key, countCell(row.count), ...npsCells(row.nps)]);
  }
  return { name: 'breakdowns', columns: ['dimension', 'key', 'n', ...NPS_COLUMNS], rows };
}

export function aggregateTables(
  data: DashboardData,
  lang: Language,
  labels: ReadonlyMap<string, string>,
): Table[] {
  return [unitsTable(data, lang), trendTable(data), statementsTable(data, labels), breakdownsTable(data)];
}
