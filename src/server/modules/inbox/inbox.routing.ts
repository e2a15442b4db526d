// Where a new item goes: the unit the writer chose, unless it is too broad to handle (a division or a service
// area) or missing; then the first routing rule whose type and service area match; failing that, the writer's
// unit as it is (or nowhere: only global coordinators see unrouted items).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FeedbackType } from '../feedback/index.ts';

export const TOO_BROAD_TO_HANDLE: readonly string[] = ['division', 'service_area'];

export interface RuleLike {
  id: string;
  feedbackType: string | null;
  serviceAreaId: string | null;
  targetUnitId: string;
}

export interface ChosenUnit {
  id: string;
  type: string;
  /** Root first, the unit itself included. */
  ancestorIds: readonly string[];
}

export type Route =
  | { via: 'writer'; unitId: string }
  | { via: 'rule'; unitId: string; ruleId: string }
  | { via: 'fallback'; unitId: string | null };

export function chooseRoute(
  type: FeedbackType,
  chosen: ChosenUnit | null,
  rules: readonly RuleLike[],
): Route {
  if (chosen && !TOO_BROAD_TO_HANDLE.includes(chosen.type)) return { via: 'writer', unitId: chosen.id };
  const rule = rules.find(
    (r) =>
      (r.feedbackType === null || r.feedbackType === type) &&
      (r.serviceAreaId === null || (chosen?.ancestorIds.includes(r.serviceAreaId) ?? false)),
  );
  if (rule) return { via: 'rule', unitId: rule.targetUnitId, ruleId: rule.id };
  return { via: 'fallback', unitId: chosen?.id ?? null };
}

/**
 * The chosen unit's type and ancestors, read with the submission's own transaction. The organisation service
 * cannot be called here: on PGlite the transaction holds the only connection, so a second query would wait for
 * it forever.
 */
export async function chosenUnitIn(trx: Kysely<DB>, unitId: string | null): Promise<ChosenUnit | null> {
  if (unitId === null) return null;
  const unit = await trx
    .selectFrom('org_units')
    .select(['id', 'type'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) return null;
  const ancestors = await trx
    .selectFrom('org_unit_closure')
    .select(['ancestor_id', 'depth'])
    .where('descendant_id', '=', unitId)
    .orderBy('depth', 'desc')
    .execute();
  return { id: unit.id, type: unit.type, ancestorIds: ancestors.map((a) => a.ancestor_id) };
}

export async function rulesIn(trx: Kysely<DB>): Promise<RuleLike[]> {
  const rows = await trx
    .selectFrom('inbox_routing_rules')
    .select(['id', 'feedback_type', 'service_area_id', 'target_unit_id'])
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    feedbackType: r.feedback_type,
    serviceAreaId: r.service_area_id,
    targetUnitId: r.target_unit_id,
  }));
}
