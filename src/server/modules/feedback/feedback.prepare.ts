import { randomBytes } from 'node:crypto';
import { uuidv7 } from '../../ids.ts';
import { encrypt } from '../../adapters/crypto/data-key.ts';
import { redactText } from '../../../shared/redaction.ts';
import type { Language } from '../../../shared/languages.ts';
import type { FeedbackSource } from './index.ts';
import type { CleanImage } from './feedback.images.ts';
import type { PreparedFeedback } from './feedback.repository.ts';
import type { CheckedFeedback } from './feedback.validation.ts';

// Turns one accepted submission into its rows: the item with redacted text, the encrypted original (only where
// redaction changed something), the encrypted contact and the cleaned images. Pure apart from random ids.

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 20 random base-32 characters (100 bits): the Open311 service_request_id, in the style of Helsinki's. */
export function newPublicId(): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const byte of bytes) out += BASE32.charAt(byte & 31);
  return out;
}

/** 32 url-safe characters (192 bits): the secret of the tracking link. */
export function newTrackingToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface PrepareInput {
  submissionId: string;
  checked: CheckedFeedback;
  language: Language;
  source: FeedbackSource;
  apiClientId: string | null;
  images: CleanImage[];
  now: Date;
}

export function prepareFeedback(input: PrepareInput, dataKey: Buffer): PreparedFeedback {
  const { checked } = input;
  const id = uuidv7(input.now.getTime());
  const redacted = redactText(checked.description);
  // A title is free text too: it is redacted alike (Open311 clients send one).
  const title = checked.title === null ? null : redactText(checked.title).text;
  const contact = checked.contact;
  return {
    item: {
      id,
      submission_id: input.submissionId,
      public_id: newPublicId(),
      tracking_token: newTrackingToken(),
      type: checked.type,
      unit_id: checked.unitId,
      routed_unit_id: checked.unitId,
      title,
      description_redacted: redacted.text,
      redactions: JSON.stringify(redacted.redactions),
      language: input.language,
      wants_reply: checked.wantsReply,
      reply_channel: contact?.email ? 'email' : contact?.phone ? 'sms' : null,
      lat: checked.lat,
      long: checked.long,
      address: checked.address === null ? null : redactText(checked.address).text,
      source: input.source,
      api_client_id: input.apiClientId,
      created_at: input.now,
      updated_at: input.now,
    },
    original: redacted.changed
      ? { feedback_id: id, ciphertext: encrypt(dataKey, checked.description) }
      : null,
    contact: contact ? { feedback_id: id, ciphertext: encrypt(dataKey, JSON.stringify(contact)) } : null,
    attachments: input.images.map((image, position) => ({
      id: uuidv7(input.now.getTime()),
      feedback_id: id,
      position,
      mime: image.mime,
      size_bytes: image.data.length,
      width: image.width,
      height: image.height,
      content: image.data,
    })),
  };
}
