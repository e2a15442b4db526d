// "What we changed based on feedback": staff who answer for a unit add short public entries; the public results
// pages and quarterly reviews list them for the unit and everything below it.
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Language } from '../../../shared/languages.ts';
import type { AuditLog } from '../audit/index.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import type { ChangeRow, ChangesRepository } from './changes.repository.ts';
import { isDate } from './dates.ts';
import { CHANGE_ROLES, mayRead } from './reports.scope.ts';

export interface ChangeEntry {
  id: string;
  unitId: string;
  text: string;
  changedOn: string;
}

export interface NewChange {
  unitId: string;
  fi: string;
  sv?: string;
  en?: string;
  changedOn: string;
}

function textFor(row: ChangeRow, lang: Language): string {
  return (lang === 'sv' ? row.text_sv : lang === 'en' ? row.text_en : null) ?? row.text_fi;
}

function clean(value: string | undefined): string | null {
  const text = (value ?? '').trim();
  return text === '' ? null : text;
}

export function createChangesService(deps: {
  repository: ChangesRepository;
  organisation: Pick<OrganisationService, 'ancestors' | 'subtreeIds'>;
  audit: AuditLog;
}) {
  const { repository, organisation, audit } = deps;

  async function assertMayChange(principal: StaffPrincipal, unitId: string): Promise<void> {
    const chain = (await organisation.ancestors(unitId)).map((u) => u.id);
    if (chain.at(-1) !== unitId)
      throw new NotFoundError('unit_not_found', 'reports.unit_not_found', { id: unitId });
    if (!mayRead(principal, CHANGE_ROLES, chain)) throw new ForbiddenError('forbidden', 'errors.forbidden');
  }

  return {
    async add(input: NewChange, principal: StaffPrincipal): Promise<string> {
      const fi = clean(input.fi);
      if (!fi) throw new ValidationError('change_text_required', 'reports.change_text_required');
      const texts = [fi, clean(input.sv), clean(input.en)];
      if (texts.some((x) => x !== null && x.length > 1000)) {
        throw new ValidationError('change_text_too_long', 'reports.change_text_too_long', { max: 1000 });
      }
      if (!isDate(input.changedOn))
        throw new ValidationError('invalid_date', 'reports.invalid_date', { value: input.changedOn });
      await assertMayChange(principal, input.unitId);
      const id = await repository.insert({
        unit_id: input.unitId,
        text_fi: fi,
        text_sv: texts[1] ?? null,
        text_en: texts[2] ?? null,
        changed_on: input.changedOn,
        created_by: principal.userId,
      });
      await audit.record({
        actorId: principal.userId,
        action: 'reports.change_added',
        targetType: 'org_unit',
        targetId: input.unitId,
        details: { change: id },
      });
      return id;
    },

    async remove(id: string, principal: StaffPrincipal): Promise<void> {
      const row = await repository.get(id);
      if (!row) throw new NotFoundError('change_not_found', 'reports.change_not_found');
      await assertMayChange(principal, row.unit_id);
      await repository.remove(id);
      await audit.record({
        actorId: principal.userId,
        action: 'reports.change_removed',
        targetType: 'org_unit',
        targetId: row.unit_id,
        details: { change: id },
      });
    },

    /** Entries for the unit and every unit below it, newest first. */
    async list(unitId: string, lang: Language, limit = 20): Promise<ChangeEntry[]> {
      const ids = await organisation.subtreeIds(unitId);
      const rows = await repository.listForUnits(ids, limit);
      return rows.map((r) => ({
        id: r.id,
        unitId: r.unit_id,
        text: textFor(r, lang),
        changedOn: r.changed_on,
      }));
    },
  };
}

export type ChangesService = ReturnType<typeof createChangesService>;
