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
}

export interface ResponsesService {
  /** Streams responses as CSV or JSON Lines in pages; reports progress as rows written of the total. */
  exportResponses(
    format: 'csv' | 'jsonl',
    filter: ExportFilter,
    out: Writable,
    onProgress?: (written: number, total: number) => void,
  ): Promise<{ rows: number }>;
}

export interface ResponsesDeps {
  db: Kysely<DB>;
}

export { createResponsesService } from './responses.service.ts';
