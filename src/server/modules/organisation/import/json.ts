// JSON.parse gives values but no positions, so after a successful parse one pass over the text finds where each
// element of the top-level array starts: that line is what error messages name.
import type { SourceProblem } from './source-problem.ts';

export interface JsonRecord {
  line: number;
  value: unknown;
}

export interface JsonParseResult {
  records: JsonRecord[];
  problems: SourceProblem[];
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** V8 names the failing offset ("… in JSON at position 42"); without one, blame the last line. */
function syntaxErrorLine(text: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message);
  if (position) return lineAt(text, Number(position[1]));
  const lineCol = /line (\d+) column/.exec(error.message);
  if (lineCol) return Number(lineCol[1]);
  return lineAt(text, text.trimEnd().length);
}

/** Start lines of the top-level array's elements, in order. Expects text that JSON.parse accepted. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (depth === 1 && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

export function parseJsonRecords(input: string): JsonParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { records: [], problems: [{ line: syntaxErrorLine(text, error as Error), code: 'invalid_json' }] };
  }
  if (!Array.isArray(value)) {
    return {
      records: [],
      problems: [{ line: lineAt(text, text.length - text.trimStart().length), code: 'json_not_array' }],
    };
  }
  const lines = elementLines(text);
  return { records: value.map((v, i) => ({ line: lines[i] ?? 1, value: v as unknown })), problems: [] };
}
