import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { createAuditLog } from '../audit/index.ts';
import type { ExportFilter, ResponsesDeps, ResponsesService } from './index.ts';
import { createResponsesRepository, type PageCursor } from './responses.repository.ts';
import {
  NATIONAL_SLUG,
  csvHeader,
  csvLine,
  exportColumns,
  headerNames,
  jsonLine,
  recordCells,
  type ExportRecord,
} from './export.format.ts';
import { xlsxSink } from './xlsx-sink.ts';

const PAGE_SIZE = 1000;

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function checkExportFilter(filter: ExportFilter): void {
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value !== undefined && !isRealDate(value)) {
      throw new ValidationError('invalid_date', 'responses.invalid_date', { field, value });
    }
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw new ValidationError('invalid_date_range', 'responses.invalid_date_range', {
      from: filter.from,
      to: filter.to,
    });
  }
}

async function write(out: Writable, text: string): Promise<void> {
  // Respect backpressure: a slow pipe (stdout to gzip, a network share) must not make the export buffer it all.
  if (!out.write(text)) await once(out, 'drain');
}

export function createResponsesService(deps: ResponsesDeps): ResponsesService {
  const repository = createResponsesRepository(deps.db);
  const audit = createAuditLog(deps.db);

  return {
    async exportResponses(format, filter, out, onProgress, context) {
      checkExportFilter(filter);
      if (filter.unitId !== undefined && !(await repository.unitExists(filter.unitId))) {
        throw new NotFoundError('unit_not_found', 'responses.unit_not_found', { id: filter.unitId });
      }
      const total = await repository.count(filter);
      const used = await repository.usedVersions(filter);
      const fallback = used.length === 0 ? await repository.currentVersion(NATIONAL_SLUG) : undefined;
      const columns = exportColumns(fallback ? [fallback] : used);
      if (format === 'csv') await write(out, csvHeader(columns));
      const sheet = format === 'xlsx' ? xlsxSink(out, 'responses', headerNames(columns)) : null;

      let written = 0;
      let cursor: PageCursor | null = null;
      for (;;) {
        const rows = await repository.page(filter, cursor, PAGE_SIZE);
        if (rows.length === 0) break;
        const texts = await repository.redactedTexts(rows.map((r) => r.id));
        const byResponse = new Map<string, Record<string, string>>();
        for (const t of texts) {
          const entry = byResponse.get(t.response_id) ?? {};
          entry[t.question_id] = t.text_redacted;
          byResponse.set(t.response_id, entry);
        }
        const records: ExportRecord[] = rows.map((row) => ({ ...row, texts: byResponse.get(row.id) ?? {} }));
        if (sheet) for (const record of records) sheet.addRow(recordCells(record, columns));
        else {
          const encode = format === 'csv' ? (r: ExportRecord) => csvLine(r, columns) : jsonLine;
          await write(out, records.map(encode).join(''));
        }
        written += rows.length;
        // Responses that arrive during the export may be included; the total then grows with them.
        onProgress?.(written, Math.max(total, written));
        const last = rows[rows.length - 1] as (typeof rows)[number];
        cursor = { localDate: last.local_date, id: last.id };
        if (rows.length < PAGE_SIZE) break;
      }
      if (written === 0) onProgress?.(0, 0);
      // Exported free text may still hold personal data that redaction could not see: who exported is logged.
      await audit.record({
        actorId: context?.actorId ?? null,
        action: 'responses.export',
        targetType: 'responses',
        targetId: filter.unitId ?? null,
        details: { format, from: filter.from ?? null, to: filter.to ?? null, rows: written },
      });
      // Closing the workbook ends the stream: audit first, so a finished download is always on record.
      await sheet?.close();
      return { rows: written };
    },
  };
}
