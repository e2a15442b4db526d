// The national data set as CSV and JSON (docs/national-export.md is the specification; change both together).
// Deterministic: fixed column and key order, integers only, LF-free CSV lines (CRLF), no timestamps.
import type { NationalDataSet, NationalRow } from './national.model.ts';
import { csvCell } from '../responses/index.ts';

export const SUPPRESSED_MARK = 'suppressed';

export function nationalColumns(set: NationalDataSet): string[] {
  return [
    'unit_oid',
    'unit_id',
    'month',
    'channel',
    'respondent_type',
    'suppressed',
    'n',
    ...Array.from({ length: 11 }, (_, i) => `recommendation_${i}`),
    ...set.statementIds.flatMap((id) => [1, 2, 3, 4, 5].map((v) => `${id}_${v}`).concat(`${id}_cant_say`)),
  ];
}

function rowCells(row: NationalRow, set: NationalDataSet): (string | number)[] {
  const hidden = (value: number | null | undefined) =>
    value === null || value === undefined ? SUPPRESSED_MARK : value;
  const recommendation = Array.from({ length: 11 }, (_, i) => hidden(row.recommendation?.[i]));
  const statements = set.statementIds.flatMap((id) => {
    const s = row.statements[id];
    return [0, 1, 2, 3, 4].map((i) => hidden(s?.counts?.[i])).concat(hidden(s?.cantSay));
  });
  return [
    row.unitOid ?? '',
    row.unitId,
    row.month,
    row.channel,
    row.respondentType,
    row.suppressed ?? '',
    hidden(row.n),
    ...recommendation,
    ...statements,
  ];
}

export function nationalCsv(set: NationalDataSet): string {
  const lines = [nationalColumns(set), ...set.rows.map((r) => rowCells(r, set))];
  return lines.map((cells) => `${cells.map((c) => csvCell(c)).join(',')}\r\n`).join('');
}

export function nationalJson(set: NationalDataSet): string {
  const body = {
    format: 'kuulo-national',
    format_version: set.formatVersion,
    month: set.month,
    min_group_size: set.minGroupSize,
    statements: set.statementIds,
    rows: set.rows.map((r) => ({
      unit_oid: r.unitOid,
      unit_id: r.unitId,
      month: r.month,
      channel: r.channel,
      respondent_type: r.respondentType,
      suppressed: r.suppressed,
      n: r.n,
      recommendation: r.recommendation,
      statements: Object.fromEntries(
        set.statementIds.map((id) => [
          id,
          { counts: r.statements[id]?.counts ?? null, cant_say: r.statements[id]?.cantSay ?? null },
        ]),
      ),
    })),
  };
  return `${JSON.stringify(body, null, 1)}\n`;
}
