// Responses (read side): exports of stored responses for analysts and the CLI. Redacted free text only;
// never contact details or original texts. Read-only.
import type { Kysely } from 'kysely';
import type { Writable } from 'node:stream';
import type { DB } from '../../db/schema.ts';

export interface ExportFilter {
  unitId?: string;
  /** Inclusive local dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** The dashboard's filters: each list narrows the export; absent or empty means all. 'unknown' in
   * respondentTypes or ageGroups matches responses without one. */
  channels?: string[];
  respondentTypes?: string[];
  languages?: string[];
  ageGroups?: string[];
  /** Leave out responses flagged 'repeat' or 'test' (exports of results do; a full data export need not). */
  excludeFlagged?: boolean;
}

export type ExportFormat = 'csv' | 'jsonl' | 'xlsx';

export interface ResponsesService {
  /**
   * Streams responses as CSV, JSON Lines or an XLSX workbook in pages; reports progress as rows written of the
   * total. The audit entry names the actor when one is given.
   */
  exportResponses(
    format: ExportFormat,
    filter: ExportFilter,
    out: Writable,
    onProgress?: (written: number, total: number) => void,
    context?: { actorId: string | null },
  ): Promise<{ rows: number }>;
}

export interface ResponsesDeps {
  db: Kysely<DB>;
}

export { createResponsesService } from './responses.service.ts';
export { csvCell } from './export.format.ts';
