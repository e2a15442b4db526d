import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../../errors.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import type { StaffPrincipal } from '../staff/index.ts';

export function principalOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
  return request.staff;
}

/** ?lang= wins, then the person's own setting. */
export function langOf(request: FastifyRequest, principal: StaffPrincipal): Language {
  const fromQuery = (request.query as { lang?: unknown } | undefined)?.lang;
  return isLanguage(fromQuery) ? fromQuery : principal.locale;
}

/** Today in Europe/Helsinki as YYYY-MM-DD: periods and months follow local dates, as responses do. */
export function helsinkiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);
}

/** A file name part that is safe in a Content-Disposition header. */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
}
