// Feedback: open feedback that residents write in their own words, from the web form (/feedback) and from
// registered Open311 clients. One write path: validate → deduplicate (submissionId) → redact → encrypt originals
// and contact → re-encode images (metadata stripped) → insert in one transaction → run submit hooks (routing,
// deadline: the inbox) in that same transaction. Owns feedback_items (inserts and content columns),
// feedback_originals, feedback_contacts, feedback_attachments (open311_clients: the open311 module). The inbox updates the workflow
// columns of feedback_items (status, routed_unit_id, assignee_id, duplicate_of_id, moderation, published_at,
// public_reply, public_reply_at, reply_due_at, updated_at). docs/open-feedback.md.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Language } from '../../../shared/languages.ts';
import type { AuditLog } from '../audit/index.ts';
import type { OrganisationService } from '../organisation/index.ts';

import { FEEDBACK_STATUSES, FEEDBACK_TYPES } from './feedback.constants.ts';

export {
  FEEDBACK_TYPES,
  FEEDBACK_STATUSES,
  DESCRIPTION_MIN,
  DESCRIPTION_MAX,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_COUNT,
  ATTACHMENT_TYPES,
} from './feedback.constants.ts';
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export type Moderation = 'pending' | 'published' | 'withheld';
export type FeedbackSource = 'web' | 'api';

export interface FeedbackContact {
  name?: string;
  email?: string;
  phone?: string;
}

/** An uploaded file as received; its bytes are checked and re-encoded before anything is stored. */
export interface UploadedFile {
  filename: string;
  /** What the client claimed; the real type is read from the bytes. */
  mime: string;
  data: Buffer;
  /** Set by the HTTP layer when it stopped reading at the size limit: data is incomplete. */
  tooLarge?: boolean;
}

export interface FeedbackInput {
  /** A uuid the client makes once per submission: sending it again stores nothing new. */
  submissionId: string;
  type: FeedbackType;
  /** The unit concerned; null or undefined: "I don't know". */
  unitId?: string | null;
  description: string;
  /** Open311 title (CitySDK); the web form has none. */
  title?: string | null;
  language: Language;
  wantsReply?: boolean;
  contact?: FeedbackContact | null;
  attachments?: UploadedFile[];
  lat?: number | null;
  long?: number | null;
  address?: string | null;
}

export interface SubmitContext {
  source: FeedbackSource;
  /** The Open311 client, required when source is 'api'. */
  apiClientId?: string | null;
  /** The language of error messages; Finnish by default. */
  lang?: Language;
  /** Who is sending, for the rate limit (the client's IP address on the form; API clients by their id). */
  clientKey?: string;
}

export interface SubmitResult {
  id: string;
  publicId: string;
  trackingToken: string;
  /** false when the submissionId had been stored before: nothing new was written. */
  created: boolean;
}

/** One entry of a ValidationError('invalid_feedback') details list. */
export interface FeedbackProblem {
  /** 'type', 'unitId', 'description', 'contact.email', 'contact.phone', 'contact.name', 'wantsReply', 'attachments', 'lat', … */
  field: string;
  code: string;
  /** In the request's language. */
  message: string;
}

/** Staff and Open311 view of one item: redacted text only, never contact details. */
export interface FeedbackItem {
  id: string;
  publicId: string;
  type: FeedbackType;
  unitId: string | null;
  routedUnitId: string | null;
  title: string | null;
  descriptionRedacted: string;
  /** The moderator's public wording (inbox); null: the public text is descriptionRedacted. */
  publicDescription: string | null;
  redactions: Record<string, number>;
  /** True when an unredacted original is stored (readable through readOriginal). */
  hasOriginal: boolean;
  language: Language;
  wantsReply: boolean;
  replyChannel: 'email' | 'sms' | null;
  status: FeedbackStatus;
  duplicateOfId: string | null;
  assigneeId: string | null;
  moderation: Moderation;
  publishedAt: Date | null;
  publicReply: string | null;
  publicReplyAt: Date | null;
  replyDueAt: Date | null;
  lat: number | null;
  long: number | null;
  address: string | null;
  source: FeedbackSource;
  apiClientId: string | null;
  createdAt: Date;
  updatedAt: Date;
  attachments: AttachmentInfo[];
}

export interface AttachmentInfo {
  id: string;
  position: number;
  mime: string;
  sizeBytes: number;
  width: number;
  height: number;
  withheld: boolean;
}

export interface Attachment extends AttachmentInfo {
  feedbackId: string;
  content: Buffer;
}

/** What the writer's tracking link shows. */
export interface TrackingView {
  publicId: string;
  type: FeedbackType;
  unitId: string | null;
  status: FeedbackStatus;
  createdAt: Date;
  updatedAt: Date;
  publicReply: string | null;
  publicReplyAt: Date | null;
  wantsReply: boolean;
}

/** Filters of the public list (Open311 GET /requests); only published items are ever returned. */
export interface PublicQuery {
  types?: FeedbackType[];
  publicIds?: string[];
  /** Open311 open/closed mapped to statuses by the caller. */
  statuses?: FeedbackStatus[];
  createdFrom?: Date;
  createdTo?: Date;
  updatedFrom?: Date;
  updatedTo?: Date;
  /** Great-circle distance in metres from a point. */
  near?: { lat: number; long: number; radiusMetres: number };
  /** [west, south, east, north] in degrees. */
  bbox?: [number, number, number, number];
  /** Items in the unit's subtree (service_object_id). */
  unitId?: string;
  limit: number;
}

/** A handling state set directly, for demo data and for feedback moved over from another system. */
export interface ImportedState {
  status: FeedbackStatus;
  moderation: Moderation;
  publicReply?: string | null;
  publicReplyAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who is reading personal data, for the audit log. Scope checks are the caller's (the inbox routes). */
export interface Reader {
  actorId: string;
  /** Why, kept in the audit entry (e.g. 'reply', 'inbox-view'). */
  purpose?: string;
}

/** Called inside the submission's transaction after the rows are inserted (routing, deadline, history). */
export type SubmitHook = (item: FeedbackItem, trx: Transaction<DB>) => Promise<void>;

export interface FeedbackService {
  /**
   * Validates, deduplicates, redacts, encrypts and stores one submission with its images, then runs the submit
   * hooks in the same transaction. Throws ValidationError('invalid_feedback', details: FeedbackProblem[]) when
   * any field is wrong — nothing is written then — and RateLimitedError when a client sends too much.
   */
  submit(input: FeedbackInput, context: SubmitContext): Promise<SubmitResult>;
  get(id: string): Promise<FeedbackItem | undefined>;
  getByPublicId(publicId: string): Promise<FeedbackItem | undefined>;
  /** undefined for an unknown token. */
  track(token: string): Promise<TrackingView | undefined>;
  /** Published items only, newest first. */
  listPublic(query: PublicQuery): Promise<FeedbackItem[]>;
  /** The unredacted description (the redacted one when nothing was redacted); audited as feedback.original_read. */
  readOriginal(id: string, reader: Reader): Promise<string>;
  /** Decrypted contact, or null; audited as feedback.contact_read. */
  readContact(id: string, reader: Reader): Promise<FeedbackContact | null>;
  /** Attachment bytes; publicOnly refuses withheld images and unpublished items (NotFound). */
  getAttachment(id: string, options: { publicOnly: boolean }): Promise<Attachment | undefined>;
  /**
   * Sets an item's status, moderation, public reply and times without any history: only for demo data and
   * imports (the inbox is the one place where staff change these).
   */
  importState(id: string, state: ImportedState): Promise<void>;
  /** Adds a hook run inside every submission's transaction (wired in composition). */
  onSubmit(hook: SubmitHook): void;
}

export interface FeedbackModule {
  service: FeedbackService;
  /** The public form (/feedback), tracking page and public attachment route. */
  routes: RouteRegistrar;
}

export interface FeedbackDeps {
  db: Kysely<DB>;
  organisation: OrganisationService;
  audit: AuditLog;
  /** 32-byte key for encrypting originals and contact details (adapters/crypto/data-key.ts). */
  dataKey: Buffer;
  /** KUULO_PUBLIC_URL: tracking links are absolute. */
  publicUrl: string;
  now?: () => Date;
}

export { createFeedbackModule } from './feedback.module.ts';
// For Open311 POST /requests: the same multipart reading and limits as the form.
export { registerMultipart, readFormParts, type FormParts } from './feedback.multipart.ts';
export { feedbackErasureTarget, feedbackRetentionTargets } from './feedback.retention.ts';
