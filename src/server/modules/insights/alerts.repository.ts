// SQL for alert rules and alerts.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Alert, AlertRule, AlertRuleKind } from './index.ts';

type RuleRow = {
  id: string;
  kind: string;
  unit_id: string;
  include_descendants: boolean;
  threshold: number | null;
  period_days: number;
  active: boolean;
};

function toRule(row: RuleRow): AlertRule {
  return {
    id: row.id,
    kind: row.kind as AlertRuleKind,
    unitId: row.unit_id,
    includeDescendants: row.include_descendants,
    threshold: row.threshold === null ? null : Number(row.threshold),
    periodDays: Number(row.period_days),
    active: row.active,
  };
}

export function createAlertsRepository(db: Kysely<DB>) {
  return {
    async insertRule(rule: Omit<AlertRule, 'id' | 'active'>, actorId: string | null): Promise<AlertRule> {
      const row = await db
        .insertInto('insights_alert_rules')
        .values({
          kind: rule.kind,
          unit_id: rule.unitId,
          include_descendants: rule.includeDescendants,
          threshold: rule.threshold,
          period_days: rule.periodDays,
          created_by: actorId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRule(row);
    },

    async listRules(unitId?: string, activeOnly = false): Promise<AlertRule[]> {
      let query = db.selectFrom('insights_alert_rules').selectAll().orderBy('created_at');
      if (unitId) query = query.where('unit_id', '=', unitId);
      if (activeOnly) query = query.where('active', '=', true);
      return (await query.execute()).map(toRule);
    },

    async subtreeIds(unitId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('org_unit_closure')
        .select('descendant_id')
        .where('ancestor_id', '=', unitId)
        .orderBy('depth')
        .orderBy('descendant_id')
        .execute();
      return rows.map((r) => r.descendant_id);
    },

    /** Stores an alert unless this rule already raised one for the unit and period end; returns its id if new. */
    async insertAlert(alert: {
      ruleId: string;
      unitId: string;
      periodFrom: string;
      periodTo: string;
      figures: Record<string, number>;
    }): Promise<string | null> {
      const row = await db
        .insertInto('insights_alerts')
        .values({
          rule_id: alert.ruleId,
          unit_id: alert.unitId,
          period_from: alert.periodFrom,
          period_to: alert.periodTo,
          figures: JSON.stringify(alert.figures),
        })
        .onConflict((oc) => oc.columns(['rule_id', 'unit_id', 'period_to']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async markEmailed(id: string): Promise<void> {
      await db.updateTable('insights_alerts').set({ emailed_at: new Date() }).where('id', '=', id).execute();
    },

    async listAlerts(rootIds: string[] | null, limit: number): Promise<Alert[]> {
      let query = db
        .selectFrom('insights_alerts as a')
        .innerJoin('insights_alert_rules as r', 'r.id', 'a.rule_id')
        .innerJoin('org_units as u', 'u.id', 'a.unit_id')
        .select([
          'a.id',
          'a.rule_id',
          'r.kind',
          'a.unit_id',
          'u.name_fi',
          'u.name_sv',
          'u.name_en',
          'a.period_from',
          'a.period_to',
          'a.figures',
          'a.created_at',
          'a.emailed_at',
        ])
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id')
        .limit(limit);
      if (rootIds !== null) {
        if (rootIds.length === 0) return [];
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('org_unit_closure as c')
              .select(sql`1`.as('one'))
              .whereRef('c.descendant_id', '=', 'a.unit_id')
              .where('c.ancestor_id', 'in', rootIds),
          ),
        );
      }
      const rows = await query.execute();
      return rows.map((row) => ({
        id: row.id,
        ruleId: row.rule_id,
        kind: row.kind as AlertRuleKind,
        unitId: row.unit_id,
        unitNames: { fi: row.name_fi, sv: row.name_sv, en: row.name_en },
        periodFrom: row.period_from,
        periodTo: row.period_to,
        figures: row.figures as Record<string, number>,
        createdAt: row.created_at,
        emailedAt: row.emailed_at,
      }));
    },
  };
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;
