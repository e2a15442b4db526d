// The kinds of personal data that have a retention period, and the defaults (docs/privacy.md says why).
/**
 * contact_details: names, e-mail addresses and phone numbers given for a reply or "contact me".
 * text_originals: unredacted free text (kept only where redaction changed it).
 * free_text: redacted free text. attachments: images and files. scores: answers and ratings.
 */
export type RetentionKind = 'contact_details' | 'text_originals' | 'free_text' | 'attachments' | 'scores';
export const RETENTION_KINDS: readonly RetentionKind[] = [
  'contact_details',
  'text_originals',
  'free_text',
  'attachments',
  'scores',
];

/** Days to keep each kind; null keeps it until someone deletes it. */
export type RetentionSettings = Record<RetentionKind, number | null>;

export const DEFAULT_RETENTION: RetentionSettings = {
  contact_details: 365,
  text_originals: 90,
  free_text: 1825,
  attachments: 730,
  scores: null,
};
