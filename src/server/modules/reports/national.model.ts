// The national data set (docs/national-export.md): one row per unit OID × month × channel × respondent type with
// n, the 0–10 distribution of the recommendation question and each national statement's 1–5 and "can't say"
// counts. Rows are sorted and numbers are integers, so the same database gives byte-identical files.

export const NATIONAL_FORMAT_VERSION = 1;

export interface NationalStatementCounts {
  /** null when fewer than minGroupSize respondents answered the statement in this row (their counts hidden). */
  counts: [number, number, number, number, number] | null;
  cantSay: number | null;
}

export interface NationalRow {
  unitOid: string | null;
  /** The unit the row is about: the OID holder, or (no OID anywhere above) the unit the responses were given to. */
  unitId: string;
  month: string;
  channel: string;
  respondentType: string;
  /** 'small_group' | 'secondary' when the whole row is hidden; then every count is null. */
  suppressed: string | null;
  n: number | null;
  recommendation: number[] | null;
  statements: Record<string, NationalStatementCounts>;
}

export interface NationalDataSet {
  formatVersion: number;
  month: string;
  minGroupSize: number;
  statementIds: string[];
  rows: NationalRow[];
}
