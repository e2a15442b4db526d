// Tables of aggregates written as CSV (RFC 4180, UTF-8 with BOM, like the responses export) or as an XLSX
// workbook with one sheet per table. A suppressed figure is written as the word "suppressed" – never a number,
// never an empty cell that could be mistaken for zero.
import ExcelJS from 'exceljs';
import { csvCell } from '../responses/index.ts';

export const SUPPRESSED = 'suppressed';

export type TableCell = string | number | boolean | null | typeof SUPPRESSED_CELL;
export const SUPPRESSED_CELL = { suppressed: true } as const;

export interface Table {
  /** Sheet name and the `table=` value: a–z and _ only. */
  name: string;
  columns: string[];
  rows: TableCell[][];
}

function plain(cell: TableCell): string | number | boolean | null {
  return typeof cell === 'object' && cell !== null ? SUPPRESSED : cell;
}

export function tableToCsv(table: Table): string {
  const lines = [table.columns, ...table.rows.map((r) => r.map(plain))].map(
    (cells) => `${cells.map((c) => csvCell(c)).join(',')}\r\n`,
  );
  return `\uFEFF${lines.join('')}`;
}

export async function tablesToXlsx(tables: readonly Table[], about: [string, string][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kuulo';
  // A fixed date keeps the same figures byte-for-byte comparable between downloads.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const info = workbook.addWorksheet('about');
  for (const row of about) info.addRow(row);
  info.getColumn(1).font = { bold: true };
  info.getColumn(1).width = 28;
  info.getColumn(2).width = 60;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(row.map(plain));
      row.forEach((cell, i) => {
        if (typeof cell === 'object' && cell !== null)
          added.getCell(i + 1).font = { italic: true, color: { argb: 'FF4A5563' } };
      });
    }
    table.columns.forEach(
      (c, i) => (sheet.getColumn(i + 1).width = Math.max(10, Math.min(40, c.length + 2))),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
