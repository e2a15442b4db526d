// Column helper types shared by every table file (schema.ts and db/tables/*.ts).
import type { ColumnType, JSONColumnType } from 'kysely';

/** A timestamptz with a database default: optional on insert. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
export type DateOnly = string;
export type Json<T extends object | null> = JSONColumnType<T, string, string>;
/** A jsonb column with a database default: optional on insert. */
export type JsonDefault<T> = ColumnType<T, string | undefined, string>;
