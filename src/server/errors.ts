// Domain errors carry a stable machine-readable code and an i18n message key; http/errors.ts maps them to
// HTTP statuses in one place. Services throw these, never HTTP exceptions.
export type ErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly params: ErrorParams = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {}
export class NotFoundError extends DomainError {}
export class ConflictError extends DomainError {}
export class ForbiddenError extends DomainError {}
export class UnauthorizedError extends DomainError {}
export class RateLimitedError extends DomainError {
  constructor(
    code: string,
    messageKey: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, messageKey, { seconds: retryAfterSeconds });
  }
}
