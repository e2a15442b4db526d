// The dashboard's state lives in the query string (unit, period, grain, filters, sort), so every link, chart and
// export carries it and a page works without JavaScript. Pure functions: parsed on the server, written in links.

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';
export type GrainKind = 'week' | 'month' | 'quarter';
export type SortKey = 'name' | 'n' | 'nps';

export interface DashboardQuery {
  unit: string | null;
  period: PeriodKind;
  /** YYYY-MM, YYYYQn, YYYY, or from/to (YYYY-MM-DD) for custom. */
  month: string;
  quarter: string;
  year: string;
  from: string;
  to: string;
  grain: GrainKind;
  channel: string[];
  rtype: string[];
  language: string[];
  age: string[];
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export type RawQuery = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9_]{1,32}$/.test(s));

function pick<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Defaults follow "today": this month, this quarter, this year. */
export function parseDashboardQuery(raw: RawQuery, today: string): DashboardQuery {
  const year = today.slice(0, 4);
  const month = today.slice(0, 7);
  const quarter = `${year}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const q = {
    month: one(raw.month),
    quarter: one(raw.quarter).toUpperCase(),
    year: one(raw.year),
    from: one(raw.from),
    to: one(raw.to),
  };
  return {
    unit: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(one(raw.unit)) ? one(raw.unit) : null,
    period: pick(one(raw.period), ['month', 'quarter', 'year', 'custom'] as const, 'year'),
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(q.month) ? q.month : month,
    quarter: /^\d{4}Q[1-4]$/.test(q.quarter) ? q.quarter : quarter,
    year: /^\d{4}$/.test(q.year) ? q.year : year,
    from: isDate(q.from) ? q.from : `${year}-01-01`,
    to: isDate(q.to) ? q.to : today,
    grain: pick(one(raw.grain), ['week', 'month', 'quarter'] as const, 'month'),
    channel: many(raw.channel),
    rtype: many(raw.rtype),
    language: many(raw.language),
    age: many(raw.age),
    sort: pick(one(raw.sort), ['name', 'n', 'nps'] as const, 'name'),
    dir: one(raw.dir) === 'desc' ? 'desc' : 'asc',
  };
}

function lastDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

/** The inclusive local dates of the chosen period. */
export function periodRange(q: DashboardQuery): { from: string; to: string } {
  if (q.period === 'month') {
    const [y, m] = q.month.split('-').map(Number) as [number, number];
    return { from: `${q.month}-01`, to: lastDay(y, m) };
  }
  if (q.period === 'quarter') return quarterRange(q.quarter);
  if (q.period === 'year') return { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
  return q.from <= q.to ? { from: q.from, to: q.to } : { from: q.to, to: q.from };
}

export function quarterRange(quarter: string): { from: string; to: string } {
  const y = Number(quarter.slice(0, 4));
  const n = Number(quarter.slice(5));
  const first = (n - 1) * 3 + 1;
  return { from: `${y}-${String(first).padStart(2, '0')}-01`, to: lastDay(y, first + 2) };
}

/** The query string for the state with some fields changed; defaults are written too so links are stable. */
export function queryString(
  q: DashboardQuery,
  changes: Partial<DashboardQuery> = {},
  extra: Record<string, string> = {},
): string {
  const s = { ...q, ...changes };
  const params = new URLSearchParams();
  if (s.unit) params.set('unit', s.unit);
  params.set('period', s.period);
  if (s.period === 'month') params.set('month', s.month);
  if (s.period === 'quarter') params.set('quarter', s.quarter);
  if (s.period === 'year') params.set('year', s.year);
  if (s.period === 'custom') {
    params.set('from', s.from);
    params.set('to', s.to);
  }
  params.set('grain', s.grain);
  for (const key of ['channel', 'rtype', 'language', 'age'] as const)
    for (const v of s[key]) params.append(key, v);
  if (s.sort !== 'name' || s.dir !== 'asc') {
    params.set('sort', s.sort);
    params.set('dir', s.dir);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export function hasFilters(q: DashboardQuery): boolean {
  return q.channel.length + q.rtype.length + q.language.length + q.age.length > 0;
}
