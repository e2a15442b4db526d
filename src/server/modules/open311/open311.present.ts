import type { Language } from '../../../shared/languages.ts';
import type { FeedbackItem, FeedbackStatus } from '../feedback/index.ts';
import type { UnitNames } from '../organisation/index.ts';
import type { PublicLogEntry } from './index.ts';
import { SERVICE_CODES, serviceView } from './open311.services.ts';

// One published feedback item as a GeoReport v2 request (plus the CitySDK and request-log extensions when asked).
// Only public fields: the redacted description, the public reply and public images. Fields without a value are
// left out rather than sent as null: the 6Aika definition has no nullable fields, the JSON Schemas allow both.

export type RequestView = Record<string, unknown>;

export interface PresentContext {
  locale: Language;
  publicUrl: string;
  extensions: boolean;
  unitNames: Map<string, UnitNames>;
  log: Map<string, PublicLogEntry[]>;
}

const CLOSED: FeedbackStatus[] = ['done', 'duplicate', 'rejected'];
/** GeoReport's request.json allows at most this many characters of description; ours allow 5,000. */
export const DESCRIPTION_LIMIT = 4000;
export const SERVICE_OBJECT_TYPE = 'urn:kuulo:unit';
const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as Record<
  string,
  string
>;

export function openOrClosed(status: FeedbackStatus): 'open' | 'closed' {
  return CLOSED.includes(status) ? 'closed' : 'open';
}

/** ISO 8601 in UTC without milliseconds, e.g. 2026-11-22T08:20:10Z. */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function unitName(names: UnitNames | undefined, locale: Language): string | undefined {
  if (!names) return undefined;
  return (locale === 'fi' ? names.fi : names[locale]) ?? names.fi;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function titleOf(item: FeedbackItem): string {
  if (item.title) return item.title;
  const firstLine = publicText(item).split('\n')[0] ?? '';
  return truncate(firstLine, 80);
}

/** What the public sees: the moderator's wording when there is one, else the redacted text. */
function publicText(item: FeedbackItem): string {
  return item.publicDescription ?? item.descriptionRedacted;
}

/** The request_log extension knows three statuses: received is not logged, duplicate and rejected end as done. */
const LOG_STATUS: Partial<Record<FeedbackStatus, 'allocated' | 'handling' | 'done'>> = {
  allocated: 'allocated',
  handling: 'handling',
  done: 'done',
  duplicate: 'done',
  rejected: 'done',
};

function compact(view: Record<string, unknown>): RequestView {
  return Object.fromEntries(
    Object.entries(view).filter(([, value]) => value !== undefined && value !== null),
  );
}

export function presentRequest(item: FeedbackItem, ctx: PresentContext): RequestView {
  const status = openOrClosed(item.status);
  const media = item.attachments
    .filter((a) => !a.withheld)
    .map((a) => `${ctx.publicUrl}/feedback/media/${a.id}.${EXTENSIONS[a.mime] ?? 'jpg'}`);
  const agencyUnit = item.routedUnitId ?? item.unitId;
  const base = {
    service_request_id: item.publicId,
    status,
    status_notes: item.publicReply,
    service_name: serviceView(item.type, ctx.locale).service_name,
    service_code: SERVICE_CODES[item.type],
    description: truncate(publicText(item), DESCRIPTION_LIMIT),
    agency_responsible: agencyUnit ? unitName(ctx.unitNames.get(agencyUnit), ctx.locale) : undefined,
    requested_datetime: isoTime(item.createdAt),
    updated_datetime: isoTime(item.updatedAt),
    expected_datetime: status === 'open' && item.replyDueAt ? isoTime(item.replyDueAt) : undefined,
    address: item.address,
    lat: item.lat,
    long: item.long,
    media_url: media[0],
  };
  if (!ctx.extensions) return compact(base);
  const log = (ctx.log.get(item.id) ?? []).flatMap((entry) => {
    const status = LOG_STATUS[entry.status];
    return status ? [compact({ time: isoTime(entry.time), status, note: entry.note })] : [];
  });
  return compact({
    ...base,
    title: titleOf(item),
    media_urls: media,
    service_object_id: item.unitId ?? undefined,
    service_object_type: item.unitId ? SERVICE_OBJECT_TYPE : undefined,
    log,
  });
}
