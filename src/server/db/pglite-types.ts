// Both engines must hand rows to the application in the same shapes: counts as numbers, dates as
// 'YYYY-MM-DD' strings, timestamps as Date. pg (postgres.ts) and PGlite (here) are configured alike.
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;

export const parseInt8 = (value: string): number => Number(value);
export const parseNumeric = (value: string): number => Number(value);
export const parseDate = (value: string): string => value;
