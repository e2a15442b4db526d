// Writes export rows into a streaming XLSX workbook, so a large export is never held in memory. Cells hold plain
// values (strings are never formulas in XLSX), dates as dates; the workbook is finished by close().
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface XlsxSink {
  addRow(values: unknown[]): void;
  close(): Promise<void>;
}

function cellValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String).join(';');
  return String(value);
}

export function xlsxSink(out: Writable, sheetName: string, headers: string[]): XlsxSink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();
  return {
    addRow(values) {
      sheet.addRow(values.map(cellValue)).commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
