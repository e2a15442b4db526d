// The handling states of a feedback item and the moves allowed between them. done, duplicate and rejected close
// an item (no deadline, not overdue); any closed item can be taken back into handling.
import type { FeedbackStatus } from '../feedback/index.ts';

export const ALLOWED_TRANSITIONS: Readonly<Record<FeedbackStatus, readonly FeedbackStatus[]>> = {
  received: ['allocated', 'handling', 'done', 'duplicate', 'rejected'],
  allocated: ['received', 'handling', 'done', 'duplicate', 'rejected'],
  handling: ['allocated', 'done', 'duplicate', 'rejected'],
  done: ['handling'],
  duplicate: ['handling'],
  rejected: ['handling'],
};

export const CLOSED_STATUSES: readonly FeedbackStatus[] = ['done', 'duplicate', 'rejected'];

export function canMove(from: FeedbackStatus, to: FeedbackStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function isClosed(status: FeedbackStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}
