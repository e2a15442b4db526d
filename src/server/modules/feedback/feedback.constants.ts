// Limits and enumerations of open feedback; index.ts re-exports them (kept apart so module files can import them
// without a cycle through index.ts).
export const FEEDBACK_TYPES = ['praise', 'question', 'idea', 'complaint', 'accessibility', 'other'] as const;
export const FEEDBACK_STATUSES = [
  'received',
  'allocated',
  'handling',
  'done',
  'duplicate',
  'rejected',
] as const;
export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 5000;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MAX_COUNT = 3;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
