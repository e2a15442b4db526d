// A small RFC 4180 reader that remembers the physical line where each record starts, which a general CSV
// library does not report for quoted fields spanning lines. Accepts a UTF-8 BOM, CRLF, LF or CR line ends and
// the semicolon separator that Excel writes in Finnish and Swedish locales. Every CSV import in Kuulo reads with it.

/** A problem with the file itself, before any field is looked at. */
export interface CsvProblem {
  line: number;
  code: 'csv_unterminated_quote';
}

export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvParseResult {
  separator: ',' | ';' | '\t';
  records: CsvRecord[];
  problems: CsvProblem[];
}

/** Picks the separator that occurs most often, outside quotes, on the header line. */
export function detectSeparator(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

export function parseCsv(input: string): CsvParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;

  const endRecord = () => {
    cells.push(cell);
    // A line with nothing on it (often the last one) is not a record.
    if (!(cells.length === 1 && cells[0] === '' && !wasQuoted)) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    wasQuoted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      wasQuoted = true;
    } else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) {
    problems.push({ line: recordLine, code: 'csv_unterminated_quote' });
  } else if (cell !== '' || cells.length > 0 || wasQuoted) {
    endRecord();
  }
  return { separator, records, problems };
}
