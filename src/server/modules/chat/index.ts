// Chat satisfaction: 0–100 ratings (with an optional comment) from the chat systems of services, sent in batches
// by the chat system (an integration key) or uploaded as CSV by staff, stored once per (system, id), comments
// redacted like every channel's free text, and reported as their own measure (n, mean, bands, months, child
// units) with small groups suppressed. Owns chat_ratings. docs/chat-satisfaction.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Language } from '../../../shared/languages.ts';
import type { OrgUnit, OrganisationService } from '../organisation/index.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';

export interface ChatRatingInput {
  /** The chat system's own id for the rating (or the conversation); with `system` it makes the rating unique. */
  id: string;
  /** Which chat system sent it; default 'default'. */
  system?: string;
  /** Kuulo unit id or the unit's national OID. */
  unit: string;
  /** ISO 8601 with a time zone. */
  ratedAt: string;
  /** 0–100. */
  rating: number;
  comment?: string;
  language?: 'fi' | 'sv' | 'en';
}

/** One problem of a batch or CSV file: the item (0-based) or the CSV line, the field, a code and a message. */
export interface ChatProblem {
  item?: number;
  line?: number;
  field: string;
  code: string;
  message: string;
}

export interface ChatIngestResult {
  stored: number;
  /** Ratings that had been stored before (same system and id): nothing new was written for them. */
  duplicates: number;
}

export type Count = { suppressed: false; n: number } | { suppressed: true };
export type Mean = { suppressed: false; n: number; mean: number } | { suppressed: true };

export interface ChatReport {
  unit: OrgUnit;
  from: string;
  to: string;
  minGroupSize: number;
  ratings: Count;
  mean: Mean;
  /** Counts in RATING_BANDS (0–19, 20–39, 40–59, 60–79, 80–100). */
  bands: Count[];
  months: { month: string; ratings: Count; mean: Mean }[];
  children: { unit: OrgUnit; ratings: Count; mean: Mean }[];
}

export interface ChatService {
  /**
   * Validates every rating first and stores all or none (ValidationError `chat_ratings_invalid` with
   * ChatProblem[] as details, in `lang`). Ratings stored before are counted as duplicates, not stored again.
   */
  ingest(items: ChatRatingInput[], source: 'api' | 'csv', lang: Language): Promise<ChatIngestResult>;
  /** Reads a CSV file (columns id, system, unit, rated_at, rating, comment, language); dry run stores nothing. */
  importCsv(
    content: string,
    options: { dryRun: boolean; lang: Language },
    principal: StaffPrincipal,
  ): Promise<ChatIngestResult & { rows: number; problems: ChatProblem[]; applied: boolean }>;
  report(query: { unitId: string; from: string; to: string }, principal: StaffPrincipal): Promise<ChatReport>;
}

export interface ChatDeps {
  db: Kysely<DB>;
  organisation: OrganisationService;
  auth: StaffAuth;
  dataKey: Buffer;
  minGroupSize: number;
  /** Checks an integration key (`Authorization: Bearer …`); throws UnauthorizedError when it is not valid. */
  authenticate: (key: string | undefined) => Promise<string>;
}

export interface ChatModule {
  service: ChatService;
  routes: RouteRegistrar;
}

export { createChatModule } from './chat.module.ts';
export { RATING_BANDS } from './chat.validation.ts';
