// RFC 4180 CSV for labelled training data: UTF-8 (a byte order mark is dropped), a header row, quoted fields with
// doubled quotes, CRLF or LF line ends, comma or semicolon as the separator (Excel in Finland writes ';').

export interface CsvTable {
  header: string[];
  rows: string[][];
}

function detectSeparator(text: string): string {
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === separator) {
      record.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new Error('CSV: a quoted field is not closed');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  if (!header) throw new Error('CSV: the file is empty (a header row is required)');
  return { header: header.map((h) => h.trim()), rows };
}

function quote(value: string): string {
  return /[",;\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

export interface LabelledRow {
  text: string;
  labels: string[];
  tone: string | null;
}

/** Rows of a training/evaluation CSV: columns text, labels ("a;b", may be empty) and optional tone. */
export function parseLabelledCsv(input: string): { rows: LabelledRow[]; hasTone: boolean } {
  const table = parseCsv(input);
  const column = (name: string) => table.header.findIndex((h) => h.toLowerCase() === name);
  const text = column('text');
  const labels = column('labels');
  const tone = column('tone');
  if (text < 0) throw new Error('CSV: the header has no "text" column');
  const rows = table.rows.map((row) => ({
    text: row[text] ?? '',
    labels:
      labels < 0
        ? []
        : [
            ...new Set(
              (row[labels] ?? '')
                .split(';')
                .map((l) => l.trim())
                .filter((l) => l.length > 0),
            ),
          ],
    tone: tone < 0 ? null : (row[tone] ?? '').trim() || null,
  }));
  return { rows, hasTone: tone >= 0 && rows.some((r) => r.tone !== null) };
}
