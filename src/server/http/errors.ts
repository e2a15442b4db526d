import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '../errors.ts';
import { t } from '../../i18n/index.ts';
import { renderErrorPage } from '../../web/ui/error-page.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

interface Mapped {
  status: number;
  code: string;
  messageKey: string;
  params?: Record<string, string | number>;
  details?: unknown;
}

function statusOf(error: DomainError): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof RateLimitedError) return 429;
  return 400;
}

type FastifyValidation = { instancePath?: string; message?: string; params?: Record<string, unknown> };

function fieldName(entry: FastifyValidation, context: string | undefined): string {
  const missing = entry.params?.missingProperty;
  const pathPart = (entry.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const name = [pathPart, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.');
  return name || context || 'body';
}

const FRAMEWORK_CODES: Record<string, Omit<Mapped, 'details'>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    messageKey: 'errors.payload_too_large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    messageKey: 'errors.unsupported_media_type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', messageKey: 'errors.bad_request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', messageKey: 'errors.invalid_json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', messageKey: 'errors.invalid_json' },
};

/** Every error becomes a status, a stable code and a message key: the one place that knows HTTP statuses. */
export function mapError(error: unknown): Mapped {
  if (error instanceof DomainError) {
    return {
      status: statusOf(error),
      code: error.code,
      messageKey: error.messageKey,
      params: error.params,
      details: error.details,
    };
  }
  const e = error as FastifyError & {
    validation?: FastifyValidation[];
    validationContext?: string;
    type?: string;
  };
  if (e.validation) {
    const fields = [...new Set(e.validation.map((v) => fieldName(v, e.validationContext)))];
    const details = e.validation.map((v) => ({
      field: fieldName(v, e.validationContext),
      problem: v.message,
    }));
    return {
      status: 400,
      code: 'validation_failed',
      messageKey: 'errors.validation_failed',
      params: { fields: fields.join(', ') },
      details,
    };
  }
  const known = e.code ? FRAMEWORK_CODES[e.code] : undefined;
  if (known) return known;
  if (e instanceof SyntaxError || e.type === 'entity.parse.failed') {
    return { status: 400, code: 'invalid_json', messageKey: 'errors.invalid_json' };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413) return FRAMEWORK_CODES.FST_ERR_CTP_BODY_TOO_LARGE as Mapped;
    if (e.statusCode === 415) return FRAMEWORK_CODES.FST_ERR_CTP_INVALID_MEDIA_TYPE as Mapped;
    if (e.statusCode === 404) return { status: 404, code: 'not_found', messageKey: 'errors.not_found' };
    return { status: e.statusCode, code: 'bad_request', messageKey: 'errors.bad_request' };
  }
  return { status: 500, code: 'internal_error', messageKey: 'errors.internal_error' };
}

/** API clients get JSON; browsers on HTML routes get a page in their language. */
function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const mapped = mapError(error);
  if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: mapped.code, status: mapped.status }, 'request rejected');
  const message = t(request.lang)(mapped.messageKey, mapped.params);
  if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
  if (wantsHtml(request)) {
    return reply
      .status(mapped.status)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(request.lang, mapped.status, message).value);
  }
  const body: ErrorBody = { error: { code: mapped.code, message } };
  if (mapped.details !== undefined) body.error.details = mapped.details;
  return reply.status(mapped.status).send(body);
}
