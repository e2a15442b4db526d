// Inbox: the staff side of open feedback — routing, statuses, assignment, notes, tags, history, replies to the
// writer (e-mail or SMS, from templates), the public reply and moderation for Open311, deadlines, escalation and
// the daily digest. Owns the inbox_* tables; updates only the workflow columns of feedback_items (the feedback
// module owns the rest). Every call takes the signed-in principal and checks its scope here. docs/inbox.md.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RouteRegistrar } from '../../http/app.ts';
import type { Language } from '../../../shared/languages.ts';
import type { Mailer } from '../../adapters/mail/mailer.ts';
import type { SmsGateway } from '../../adapters/sms/sms-gateway.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { Logger } from '../../logger.ts';
import type { AuditLog } from '../audit/index.ts';
import type { OrganisationService, UnitNames } from '../organisation/index.ts';
import type { StaffAuth, StaffPrincipal, StaffService } from '../staff/index.ts';
import type {
  FeedbackContact,
  FeedbackService,
  FeedbackStatus,
  FeedbackType,
  Moderation,
  SubmitHook,
} from '../feedback/index.ts';
import type { DeadlineRule } from './inbox.deadlines.ts';
import type { InboxEventKind } from '../../db/tables/inbox.ts';
import type { QuarterlySectionProvider } from '../reports/index.ts';

export type { FeedbackStatus, FeedbackType, InboxEventKind };

/** What one principal may do with one item (computed on the server for every request). */
export interface ItemAccess {
  /** See the item's existence, type, status, unit, dates and history kinds. */
  view: boolean;
  /** The redacted text, the public reply and tags. */
  readText: boolean;
  /** Contact details and the unredacted original (each read audited). */
  readPersonal: boolean;
  /** Status, assignment, routing, notes, tags, replies, publishing. */
  act: boolean;
}

export interface InboxFilters {
  statuses?: FeedbackStatus[];
  types?: FeedbackType[];
  /** Items routed to this unit or anywhere below it. */
  unitId?: string;
  overdue?: boolean;
  /** 'me', 'none' or a staff user id. */
  assignee?: string;
  tag?: string;
  /** 1-based. */
  page?: number;
}

export interface InboxListItem {
  id: string;
  publicId: string;
  type: FeedbackType;
  status: FeedbackStatus;
  moderation: Moderation;
  language: Language;
  routedUnitId: string | null;
  routedUnitNames: UnitNames | null;
  assigneeId: string | null;
  assigneeName: string | null;
  wantsReply: boolean;
  replyChannel: 'email' | 'sms' | null;
  /** Redacted, shortened; null when the principal may not read text. */
  excerpt: string | null;
  tags: string[];
  createdAt: Date;
  replyDueAt: Date | null;
  overdue: boolean;
}

export interface InboxList {
  items: InboxListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface InboxEvent {
  id: number;
  kind: InboxEventKind;
  actorId: string | null;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  unitId: string | null;
  unitNames: UnitNames | null;
  assigneeId: string | null;
  assigneeName: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface InboxNote {
  id: string;
  authorId: string;
  authorName: string | null;
  body: string;
  createdAt: Date;
}

export interface InboxReply {
  id: string;
  channel: 'email' | 'sms';
  language: Language;
  templateKey: string | null;
  subject: string | null;
  body: string;
  status: 'sent' | 'failed';
  errorCode: string | null;
  sentBy: string;
  sentByName: string | null;
  createdAt: Date;
}

export interface InboxItemView {
  access: ItemAccess;
  item: InboxListItem & {
    unitId: string | null;
    unitNames: UnitNames | null;
    /** Redacted description; null without readText. */
    description: string | null;
    /** What the public record shows (the moderator's edit, else the redacted text); null without readText. */
    publicDescription: string | null;
    publicReply: string | null;
    publicReplyAt: Date | null;
    publishedAt: Date | null;
    duplicateOfId: string | null;
    hasOriginal: boolean;
    deadlineRule: DeadlineRule | null;
    dueDate: string | null;
  };
  events: InboxEvent[];
  /** Empty without `act`. */
  notes: InboxNote[];
  /** Empty without `act`. */
  replies: InboxReply[];
  /** The statuses this item may move to now. */
  nextStatuses: FeedbackStatus[];
}

export interface ReplyTemplate {
  key: string;
  language: Language;
  name: string;
  subject: string;
  body: string;
  updatedAt: Date;
}

export interface RoutingRule {
  id: string;
  position: number;
  feedbackType: FeedbackType | null;
  serviceAreaId: string | null;
  targetUnitId: string;
}

export interface ReplyInput {
  subject: string;
  body: string;
  templateKey?: string | null;
  /** Also set the public reply shown in Open311 (status_notes). */
  publicReply?: string | null;
  /** Publish the (redacted) feedback in the public list. */
  publish?: boolean;
  /** Mark the item done after sending. */
  markDone?: boolean;
}

export type BulkAction =
  | { kind: 'assign'; assigneeId: string | null }
  | { kind: 'status'; status: FeedbackStatus }
  | { kind: 'tag'; tag: string }
  | { kind: 'publish' };

export interface BulkResult {
  done: string[];
  /** Items left unchanged, with the error code that stopped them. */
  refused: { id: string; code: string }[];
}

export interface Assignable {
  id: string;
  displayName: string;
}

export interface InboxService {
  /** Routing, deadline and the first history row, inside the submission's transaction. */
  onFeedbackSubmitted: SubmitHook;
  /** Status changes per item for Open311 (request_log); note = the public reply given with that change. */
  publicLog(
    feedbackIds: string[],
  ): Promise<Map<string, { time: Date; status: FeedbackStatus; note?: string }[]>>;
  /** Whether the principal may open the inbox at all. */
  canOpen(principal: StaffPrincipal): boolean;
  list(principal: StaffPrincipal, filters: InboxFilters): Promise<InboxList>;
  getItem(principal: StaffPrincipal, id: string): Promise<InboxItemView>;
  readContact(principal: StaffPrincipal, id: string): Promise<FeedbackContact | null>;
  readOriginal(principal: StaffPrincipal, id: string): Promise<string>;
  changeStatus(
    principal: StaffPrincipal,
    id: string,
    to: FeedbackStatus,
    options?: { duplicateOf?: string },
  ): Promise<void>;
  assign(principal: StaffPrincipal, id: string, assigneeId: string | null): Promise<void>;
  reroute(principal: StaffPrincipal, id: string, unitId: string): Promise<void>;
  addNote(principal: StaffPrincipal, id: string, body: string): Promise<void>;
  addTag(principal: StaffPrincipal, id: string, tag: string): Promise<void>;
  removeTag(principal: StaffPrincipal, id: string, tag: string): Promise<void>;
  reply(principal: StaffPrincipal, id: string, input: ReplyInput): Promise<{ replyId: string }>;
  setPublicReply(principal: StaffPrincipal, id: string, text: string | null): Promise<void>;
  moderate(
    principal: StaffPrincipal,
    id: string,
    input: { action: 'publish' | 'withhold'; publicText?: string | null },
  ): Promise<void>;
  bulk(principal: StaffPrincipal, ids: string[], action: BulkAction): Promise<BulkResult>;
  /** People who may handle the item (for the assignment menu). */
  assignable(principal: StaffPrincipal, id: string): Promise<Assignable[]>;
  listTemplates(): Promise<ReplyTemplate[]>;
  /** The template filled in for an item, in the writer's language. */
  draftReply(
    principal: StaffPrincipal,
    id: string,
    templateKey: string,
  ): Promise<{ subject: string; body: string }>;
  saveTemplate(
    principal: StaffPrincipal,
    input: { key: string; language: Language; name: string; subject: string; body: string },
  ): Promise<void>;
  listRoutingRules(): Promise<RoutingRule[]>;
  addRoutingRule(
    principal: StaffPrincipal,
    input: { feedbackType: FeedbackType | null; serviceAreaId: string | null; targetUnitId: string },
  ): Promise<RoutingRule>;
  removeRoutingRule(principal: StaffPrincipal, id: string): Promise<void>;
  /** Tells the managers above each newly overdue item once per deadline; returns how many items. */
  escalateOverdue(now?: Date): Promise<number>;
  /** One e-mail per handler with open items, once per Helsinki day; returns how many were sent. */
  sendDigests(now?: Date): Promise<number>;
}

/** A subtree and quarter ('2026Q3'); items are counted where they are handled (docs/quarterly-review.md). */
export interface FeedbackQuarterInput {
  unitId: string;
  quarter: string;
  minGroupSize: number;
}

/** Items received in a quarter by their status at its end. */
export interface OutcomeCounts {
  received: number;
  done: number;
  duplicate: number;
  rejected: number;
  open: number;
}

/** Deadlines that fell in the quarter: due (decided), met before the deadline; pending: not yet passed. */
export interface DeadlineShare {
  due: number;
  met: number;
  pending: number;
}

/** One unit of the breakdown: a child of the report's unit with its subtree, or the unit itself (own). */
export interface UnitFeedbackRow {
  unitId: string | null;
  own: boolean;
  received: number;
  done: number;
  openAtEnd: number;
  overdueAtEnd: number;
}

export interface FeedbackQuarterFigures {
  quarter: string;
  /** false while the quarter is still running: "at the end" then means now (asOf). */
  complete: boolean;
  asOf: Date;
  minGroupSize: number;
  /** Fewer than minGroupSize items received: only totals, no breakdown (byType, deadlines, times, units). */
  suppressed: boolean;
  received: OutcomeCounts;
  byType: Record<FeedbackType, OutcomeCounts> | null;
  deadlines: { workingDays: DeadlineShare; accessibility: DeadlineShare } | null;
  /** Working days from receipt to the first "done", for items first done in the quarter. */
  handlingDays: { n: number; median: number | null; p90: number | null } | null;
  /** Open at the quarter's end, whenever received; overdue: past the deadline then. */
  openAtEnd: number;
  overdueAtEnd: number;
  /** Replies to writers in the quarter: sent by channel, and failed. */
  replies: { email: number; sms: number; failed: number };
  /** Published in the quarter (and still public), and how many of them with a public reply. */
  published: number;
  publishedWithReply: number;
  /** Units with at least minGroupSize items received, most first. */
  units: UnitFeedbackRow[];
  /** The hidden units together (never fewer than minGroupSize items unless no unit is shown), or null. */
  otherUnits: (UnitFeedbackRow & { units: number }) | null;
}

/** Open feedback that handlers redirected to the formal objection (muistutus) process (the reserved tag). */
export interface ObjectionQuarterFigures {
  quarter: string;
  complete: boolean;
  minGroupSize: number;
  /** All items received in the quarter. */
  received: number;
  /** Of those, marked as redirected to the objection process by the quarter's end. */
  redirected: number;
  suppressed: boolean;
  byType: Record<FeedbackType, number> | null;
}

export interface InboxModule {
  service: InboxService;
  routes: RouteRegistrar;
  /** Figures for the quarterly review, suppression applied (inbox.quarterly.service.ts). */
  quarterly: {
    feedback(input: FeedbackQuarterInput): Promise<FeedbackQuarterFigures>;
    objections(input: FeedbackQuarterInput): Promise<ObjectionQuarterFigures>;
  };
  /** The review's 'open_feedback' and 'formal_objections' sections; composition registers them with reports. */
  quarterlySections: QuarterlySectionProvider[];
  /**
   * Retention of the inbox's own free text (kind 'free_text' in the privacy module): deletes internal notes and
   * blanks the text of replies written before the cutoff. The inbox keeps no addresses or phone numbers: a reply
   * reads the writer's contact from the feedback module at send time.
   */
  purgeTextsOlderThan(cutoff: Date): Promise<number>;
}

export interface InboxDeps {
  db: Kysely<DB>;
  feedback: FeedbackService;
  organisation: OrganisationService;
  staff: StaffService;
  auth: StaffAuth;
  audit: AuditLog;
  mailer: Mailer;
  /**
   * The configured SMS gateway, asked at send time (composition creates the SMS module after the inbox); none:
   * SMS replies fail with `sms_not_configured`.
   */
  sms?: () => SmsGateway | undefined;
  jobs: JobQueue;
  logger: Logger;
  /** Public address, for links in e-mails (tracking page, staff inbox). */
  publicUrl: string;
  now?: () => Date;
}

export { createInboxModule } from './inbox.module.ts';
export { replyDeadline, helsinkiDate, helsinkiMidnight } from './inbox.deadlines.ts';
export { ALLOWED_TRANSITIONS, CLOSED_STATUSES } from './inbox.status.ts';
