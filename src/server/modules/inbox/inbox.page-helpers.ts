// Shared by the inbox's page routes: who is asking, in which language, and how a page or an error is sent.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from '../../http/errors.ts';
import { DomainError, UnauthorizedError } from '../../errors.ts';
import { isLanguage, type Language } from '../../../shared/languages.ts';
import { t } from '../../../i18n/index.ts';
import type { SafeHtml } from '../../../web/ui/html.ts';
import type { UnitChoice } from '../../../web/staff/inbox/inbox-format.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import type { OrganisationService, OrgUnit } from '../organisation/index.ts';

export function principalOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new UnauthorizedError('unauthorized', 'errors.unauthorized');
  return request.staff;
}

export function langOf(request: FastifyRequest, principal: StaffPrincipal): Language {
  const fromQuery = (request.query as { lang?: unknown } | undefined)?.lang;
  return isLanguage(fromQuery) ? fromQuery : principal.locale;
}

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page.value);
}

export function unitLabel(unit: OrgUnit, lang: Language, depth: number): string {
  return `${'— '.repeat(depth)}${unit.names[lang] ?? unit.names.fi}`;
}

/** Units as indented choices (the list is parents before children). */
export function unitChoices(units: OrgUnit[], lang: Language): UnitChoice[] {
  const depth = new Map<string, number>();
  return units.map((unit) => {
    const d = unit.parentId ? (depth.get(unit.parentId) ?? -1) + 1 : 0;
    depth.set(unit.id, d);
    return { id: unit.id, label: unitLabel(unit, lang, d) };
  });
}

export function messageOf(error: unknown, lang: Language): { status: number; message: string } | null {
  if (!(error instanceof DomainError)) return null;
  const mapped = mapError(error);
  return { status: mapped.status, message: t(lang)(mapped.messageKey, mapped.params) };
}

/** Open units as choices: everywhere (roots null) or under the given subtree roots. */
export async function openUnits(
  organisation: OrganisationService,
  lang: Language,
  roots: string[] | null,
): Promise<UnitChoice[]> {
  if (roots === null) return unitChoices(await organisation.listUnits(), lang);
  const lists = await Promise.all(roots.map((rootId) => organisation.listUnits({ rootId })));
  return lists.flatMap((units) => unitChoices(units, lang));
}
