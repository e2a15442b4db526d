/** A real calendar date written as YYYY-MM-DD. */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The last day of a month (1–12; 0 and 13 roll over). */
export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** '2026Q3' → its first and last day, or null when it is not a quarter. */
export function quarterDates(quarter: string): { from: string; to: string } | null {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const year = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3 + 1;
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: lastDayOfMonth(year, first + 2) };
}

/** '2026-10' → its first and last day, or null. */
export function monthDates(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  return { from: `${month}-01`, to: lastDayOfMonth(Number(m[1]), Number(m[2])) };
}
