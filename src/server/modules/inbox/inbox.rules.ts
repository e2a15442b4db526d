// Routing rules: kept in order; a coordinator may add or remove rules that send feedback into their subtree.
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { StaffPrincipal } from '../staff/index.ts';
import { FEEDBACK_TYPES, type FeedbackType } from '../feedback/index.ts';
import type { RoutingRule } from './index.ts';
import { forbidden, type InboxContext } from './inbox.context.ts';
import { canEditRoutingRule } from './inbox.policy.ts';
import * as repo from './inbox.repository.ts';

function toRule(row: Awaited<ReturnType<typeof repo.listRules>>[number]): RoutingRule {
  return {
    id: row.id,
    position: row.position,
    feedbackType: row.feedback_type as FeedbackType | null,
    serviceAreaId: row.service_area_id,
    targetUnitId: row.target_unit_id,
  };
}

export function createRulesService(ctx: InboxContext) {
  const { db } = ctx.deps;
  return {
    async list(): Promise<RoutingRule[]> {
      return (await repo.listRules(db)).map(toRule);
    },

    async add(
      principal: StaffPrincipal,
      input: { feedbackType: FeedbackType | null; serviceAreaId: string | null; targetUnitId: string },
    ): Promise<RoutingRule> {
      if (
        input.feedbackType !== null &&
        !(FEEDBACK_TYPES as readonly string[]).includes(input.feedbackType)
      ) {
        throw new ValidationError('invalid_type', 'inbox.error_invalid_type');
      }
      const target = await ctx.deps.organisation.getUnit(input.targetUnitId);
      const area = input.serviceAreaId ? await ctx.deps.organisation.getUnit(input.serviceAreaId) : null;
      if (!target || area === undefined)
        throw new ValidationError('unknown_unit', 'inbox.error_unknown_unit');
      if (!canEditRoutingRule(principal, await ctx.ancestorIds(target.id))) throw forbidden();
      const row = await repo.insertRule(db, {
        feedbackType: input.feedbackType,
        serviceAreaId: area?.id ?? null,
        targetUnitId: target.id,
        actorId: principal.userId,
      });
      await ctx.deps.audit.record({
        actorId: principal.userId,
        action: 'inbox.routing_rule_added',
        targetType: 'routing_rule',
        targetId: row.id,
        details: {
          targetUnitId: target.id,
          feedbackType: input.feedbackType,
          serviceAreaId: area?.id ?? null,
        },
      });
      return toRule(row);
    },

    async remove(principal: StaffPrincipal, id: string): Promise<void> {
      const rule = /^[0-9a-f-]{36}$/i.test(id) ? await repo.getRule(db, id) : undefined;
      if (!rule) throw new NotFoundError('rule_not_found', 'inbox.error_rule_not_found');
      if (!canEditRoutingRule(principal, await ctx.ancestorIds(rule.target_unit_id))) throw forbidden();
      await repo.deleteRule(db, id);
      await ctx.deps.audit.record({
        actorId: principal.userId,
        action: 'inbox.routing_rule_removed',
        targetType: 'routing_rule',
        targetId: id,
      });
    },
  };
}
