// Open311: the public GeoReport v2 API with the CitySDK / 6Aika extensions under /open311/v2/
// (contracts/open311/ in the shared contracts). Reads only published feedback through FeedbackService and never
// shows contact details or unredacted text; registered third-party clients (API keys) may POST requests, which
// go through the same write path as the web form. Owns open311_clients. docs/open311.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { FeedbackService, FeedbackStatus } from '../feedback/index.ts';
import type { OrganisationService } from '../organisation/index.ts';

export interface Open311Client {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface Open311ClientService {
  /** Registers a client; the API key is returned once and only its hash is stored. */
  create(name: string): Promise<{ client: Open311Client; apiKey: string }>;
  /** The active (not revoked) client owning the key, or undefined. */
  authenticate(apiKey: string): Promise<Open311Client | undefined>;
  list(): Promise<Open311Client[]>;
  /** Revoked keys stop working at once; the client's earlier requests keep pointing at it. */
  revoke(id: string): Promise<void>;
}

/** A status change as the public request log (request_log extension) shows it. */
export interface PublicLogEntry {
  time: Date;
  /** Every status change; the log extension shows allocated, handling and done (duplicate/rejected as done). */
  status: FeedbackStatus;
  note?: string;
}

/** Provided by the inbox (status history); without it the log extension is empty. */
export type PublicLogSource = (feedbackIds: string[]) => Promise<Map<string, PublicLogEntry[]>>;

export interface Open311Module {
  clients: Open311ClientService;
  routes: RouteRegistrar;
}

export interface Open311Deps {
  db: Kysely<DB>;
  feedback: FeedbackService;
  organisation: OrganisationService;
  /** KUULO_PUBLIC_URL: media and discovery addresses are absolute. */
  publicUrl: string;
  publicLog?: PublicLogSource;
}

export { createOpen311Module, createOpen311ClientService } from './open311.module.ts';
export { SERVICE_CODES } from './open311.services.ts';
