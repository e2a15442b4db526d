/** A problem found in an import file, before it is translated: line, the field's name in the file, a code. */
export interface SourceProblem {
  line: number;
  field?: string;
  code: string;
  params?: Record<string, string | number>;
}
