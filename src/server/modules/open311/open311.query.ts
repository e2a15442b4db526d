import { ValidationError } from '../../errors.ts';
import type { FeedbackStatus, PublicQuery } from '../feedback/index.ts';
import { typeOfCode } from './open311.services.ts';
import { helsinkiInstant } from '../../../shared/helsinki-time.ts';

// GET /requests parameters → a query on published feedback. Every malformed value is a 400 naming the parameter;
// unknown service codes or ids simply match nothing, as in other GeoReport servers.

export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 1000;
const MAX_IDS = 200;
const DEFAULT_RADIUS_METRES = 1000;
const MAX_RADIUS_METRES = 100_000;
const OPEN: FeedbackStatus[] = ['received', 'allocated', 'handling'];
const CLOSED: FeedbackStatus[] = ['done', 'duplicate', 'rejected'];

export type Params = Record<string, string | undefined>;

function invalid(name: string): ValidationError {
  return new ValidationError('invalid_parameter', 'open311.error_parameter', { name });
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A date (YYYY-MM-DD, a whole Finnish day) or a date-time with a zone; `end` picks the day's last moment. */
export function parseTime(name: string, value: string | undefined, end: boolean): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw invalid(name);
    const start = helsinkiInstant(y, m, d, 0);
    return end ? new Date(helsinkiInstant(y, m, d + 1, 0).getTime() - 1) : start;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value))
    throw invalid(name);
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw invalid(name);
  return time;
}

function number(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) throw invalid(name);
  const n = Number(value);
  if (n < min || n > max) throw invalid(name);
  return n;
}

function statuses(value: string | undefined): FeedbackStatus[] | undefined {
  const values = list(value);
  if (!values) return undefined;
  const out = new Set<FeedbackStatus>();
  for (const v of values) {
    if (v.toLowerCase() === 'open') OPEN.forEach((s) => out.add(s));
    else if (v.toLowerCase() === 'closed') CLOSED.forEach((s) => out.add(s));
    else throw invalid('status');
  }
  return [...out];
}

function near(params: Params): PublicQuery['near'] {
  const lat = number('lat', params.lat, -90, 90);
  const long = number('long', params.long, -180, 180);
  if (lat === undefined && long === undefined) return undefined;
  if (lat === undefined || long === undefined) throw invalid(lat === undefined ? 'lat' : 'long');
  const radiusMetres = number('radius', params.radius, 1, MAX_RADIUS_METRES) ?? DEFAULT_RADIUS_METRES;
  return { lat, long, radiusMetres };
}

function bbox(value: string | undefined): PublicQuery['bbox'] {
  const values = list(value);
  if (!values) return undefined;
  if (values.length !== 4) throw invalid('bbox');
  const [west, south, east, north] = values.map((v) => number('bbox', v, -180, 180) as number) as [
    number,
    number,
    number,
    number,
  ];
  if (west > east || south > north || Math.abs(south) > 90 || Math.abs(north) > 90) throw invalid('bbox');
  return [west, south, east, north];
}

export function parseBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalid(name);
}

export function parseRequestsQuery(params: Params): PublicQuery {
  const codes = list(params.service_code);
  const ids = list(params.service_request_id);
  if (ids && ids.length > MAX_IDS) throw invalid('service_request_id');
  const objectType = params.service_object_type;
  if (objectType && objectType !== 'urn:kuulo:unit') throw invalid('service_object_type');
  const query: PublicQuery = {
    limit: number('limit', params.limit, 1, MAX_LIMIT) ?? DEFAULT_LIMIT,
  };
  if (codes) query.types = codes.map(typeOfCode).filter((t) => t !== undefined);
  if (ids) query.publicIds = ids;
  const s = statuses(params.status);
  if (s) query.statuses = s;
  const times: [keyof PublicQuery, string, boolean][] = [
    ['createdFrom', 'start_date', false],
    ['createdTo', 'end_date', true],
    ['updatedFrom', 'updated_after', false],
    ['updatedTo', 'updated_before', true],
  ];
  for (const [key, name, end] of times) {
    const time = parseTime(name, params[name], end);
    if (time) (query as unknown as Record<string, Date>)[key] = time;
  }
  const point = near(params);
  if (point) query.near = point;
  const box = bbox(params.bbox);
  if (box) query.bbox = box;
  if (params.service_object_id) query.unitId = params.service_object_id.slice(0, 64);
  return query;
}
