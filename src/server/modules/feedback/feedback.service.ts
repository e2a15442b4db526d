import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { decrypt } from '../../adapters/crypto/data-key.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { AuditLog } from '../audit/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { FeedbackContact, FeedbackService, SubmitHook, SubmitResult, TrackingView } from './index.ts';
import { cleanImages } from './feedback.images.ts';
import { toFeedbackProblems } from './feedback.messages.ts';
import { prepareFeedback } from './feedback.prepare.ts';
import * as repo from './feedback.repository.ts';
import { checkFeedback, type Problem } from './feedback.validation.ts';
import { API_PER_MINUTE, WEB_PER_MINUTE, type SubmitLimiter } from './feedback.rate-limit.ts';

export interface FeedbackServiceDeps {
  db: Kysely<DB>;
  organisation: OrganisationService;
  audit: AuditLog;
  dataKey: Buffer;
  now: () => Date;
  limiter?: SubmitLimiter;
}

async function unitProblem(
  organisation: OrganisationService,
  unitId: string | null,
  now: Date,
): Promise<Problem[]> {
  if (unitId === null) return [];
  const unit = await organisation.getUnit(unitId);
  const today = now.toISOString().slice(0, 10);
  const closed = !unit || unit.mergedIntoId !== null || (unit.validTo !== null && unit.validTo < today);
  return closed ? [{ field: 'unitId', code: 'unknown_unit' }] : [];
}

export function createFeedbackService(deps: FeedbackServiceDeps): FeedbackService {
  const { db } = deps;
  const hooks: SubmitHook[] = [];

  async function existing(submissionId: string): Promise<SubmitResult | undefined> {
    const row = await repo.findBySubmission(db, submissionId);
    return row && { id: row.id, publicId: row.public_id, trackingToken: row.tracking_token, created: false };
  }

  return {
    onSubmit(hook) {
      hooks.push(hook);
    },

    async submit(input, context) {
      const lang = context.lang ?? 'fi';
      const { value, problems } = checkFeedback(input);
      // A resubmission (double click, refresh, a client's retry) answers with what was stored the first time.
      if (!problems.some((p) => p.field === 'submissionId')) {
        const before = await existing(input.submissionId);
        if (before) return before;
      }
      const key = context.source === 'api' ? `api:${context.apiClientId ?? ''}` : context.clientKey;
      if (key) deps.limiter?.take(key, context.source === 'api' ? API_PER_MINUTE : WEB_PER_MINUTE);
      if (context.source === 'api' && !context.apiClientId)
        problems.push({ field: 'apiClientId', code: 'invalid' });
      problems.push(...(await unitProblem(deps.organisation, value.unitId, deps.now())));
      const files = (input.attachments ?? []).slice(0, 10);
      const { images, problems: imageProblems } = await cleanImages(
        problems.some((p) => p.field === 'attachments') ? [] : files,
      );
      problems.push(...imageProblems);
      if (problems.length > 0)
        throw new ValidationError(
          'invalid_feedback',
          'feedback.error_invalid_feedback',
          { count: problems.length },
          toFeedbackProblems(lang, problems),
        );
      const prepared = prepareFeedback(
        {
          submissionId: input.submissionId,
          checked: value,
          language: input.language,
          source: context.source,
          apiClientId: context.apiClientId ?? null,
          images,
          now: deps.now(),
        },
        deps.dataKey,
      );
      const created = await db.transaction().execute(async (trx) => {
        if (!(await repo.insertFeedback(trx, prepared))) return false;
        const item = await repo.getItem(trx, { id: prepared.item.id });
        if (item) for (const hook of hooks) await hook(item, trx);
        return true;
      });
      if (!created) {
        const first = await existing(input.submissionId);
        if (first) return first;
      }
      return {
        id: prepared.item.id,
        publicId: prepared.item.public_id,
        trackingToken: prepared.item.tracking_token,
        created: true,
      };
    },

    get: (id) => repo.getItem(db, { id }),
    getByPublicId: (publicId) => repo.getItem(db, { publicId }),

    async track(token): Promise<TrackingView | undefined> {
      if (token.length < 20 || token.length > 64) return undefined;
      const row = await repo.getByToken(db, token);
      return (
        row && {
          publicId: row.public_id,
          type: row.type,
          unitId: row.unit_id,
          status: row.status,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          publicReply: row.public_reply,
          publicReplyAt: row.public_reply_at,
          wantsReply: row.wants_reply,
        }
      );
    },

    listPublic: (query) => repo.listPublic(db, query),

    async importState(id, state) {
      if ((await repo.setState(db, id, state)) === 0)
        throw new NotFoundError('feedback_not_found', 'feedback.error_not_found');
    },

    async readOriginal(id, reader) {
      const item = await repo.getItem(db, { id });
      if (!item) throw new NotFoundError('feedback_not_found', 'feedback.error_not_found');
      const row = await repo.getOriginal(db, id);
      await deps.audit.record({
        actorId: reader.actorId,
        action: 'feedback.original_read',
        targetType: 'feedback',
        targetId: id,
        details: { purpose: reader.purpose ?? null },
      });
      return row ? decrypt(deps.dataKey, row.ciphertext) : item.descriptionRedacted;
    },

    async readContact(id, reader): Promise<FeedbackContact | null> {
      const row = await repo.getContact(db, id);
      if (!row) return null;
      await deps.audit.record({
        actorId: reader.actorId,
        action: 'feedback.contact_read',
        targetType: 'feedback',
        targetId: id,
        details: { purpose: reader.purpose ?? null },
      });
      return JSON.parse(decrypt(deps.dataKey, row.ciphertext)) as FeedbackContact;
    },

    async getAttachment(id, options) {
      const row = await repo.getAttachment(db, id);
      if (!row) return undefined;
      if (options.publicOnly && (row.withheld || row.moderation !== 'published')) return undefined;
      return {
        id: row.id,
        feedbackId: row.feedback_id,
        position: row.position,
        mime: row.mime,
        sizeBytes: row.size_bytes,
        width: row.width,
        height: row.height,
        withheld: row.withheld,
        content: Buffer.from(row.content),
      };
    },
  };
}
