// Statements run thousands of times a second (the intake batch insert) start with this mark so that both engines
// plan them once per connection instead of once per call: PostgreSQL through a named protocol-level statement
// (database.ts), PGlite through PREPARE/EXECUTE in its worker (pglite-worker.ts). A name stands for one SQL text.
const PREPARE_MARK = /^\/\* prepare:([a-z0-9_]+) \*\//;

/** The prepared statement's name if the SQL carries the mark, else undefined. */
export function preparedName(sql: string): string | undefined {
  return PREPARE_MARK.exec(sql)?.[1];
}
