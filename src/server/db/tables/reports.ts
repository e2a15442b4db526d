// Tables of the reports feature (see migrations 20261122031000–20261122031099).
import type { DateOnly, NullableTimestamp, Timestamp } from '../column-types.ts';
import type { Generated } from 'kysely';

export interface ReportChangesTable {
  id: Generated<string>;
  unit_id: string;
  text_fi: string;
  text_sv: string | null;
  text_en: string | null;
  changed_on: DateOnly;
  created_by: string | null;
  created_at: Timestamp;
  removed_at: NullableTimestamp;
}

export interface ReportsTables {
  report_changes: ReportChangesTable;
}
