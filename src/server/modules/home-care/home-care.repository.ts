import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AffectedBy, OnTime } from './index.ts';

/** One group of visits: month × client face (null: no answer) × declined × assessment. */
export interface VisitGroup {
  month: string;
  face: number | null;
  declined: boolean;
  onTime: OnTime | null;
  affectedBy: AffectedBy | null;
  visits: number;
}

export function createHomeCareRepository(db: Kysely<DB>) {
  return {
    /** Inserts the visit unless it exists; returns the stored row's unit and staff member. */
    async ensureVisit(visit: {
      id: string;
      unitId: string;
      staffId: string;
      responseId: string | null;
      declined: boolean;
      localDate: string;
    }) {
      await db
        .insertInto('home_care_visits')
        .values({
          id: visit.id,
          unit_id: visit.unitId,
          staff_id: visit.staffId,
          response_id: visit.responseId,
          client_declined: visit.declined,
          local_date: visit.localDate,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return this.findVisit(visit.id);
    },

    findVisit(id: string) {
      return db
        .selectFrom('home_care_visits')
        .select(['id', 'unit_id', 'staff_id', 'response_id'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async insertAssessment(a: {
      visitId: string;
      onTime: OnTime;
      affectedBy: AffectedBy;
      note: string | null;
    }) {
      await db
        .insertInto('home_care_assessments')
        .values({ visit_id: a.visitId, on_time: a.onTime, affected_by: a.affectedBy, note_redacted: a.note })
        .onConflict((oc) => oc.column('visit_id').doNothing())
        .execute();
    },

    async visitGroups(unitIds: string[], from: string, to: string): Promise<VisitGroup[]> {
      if (unitIds.length === 0) return [];
      const rows = await db
        .selectFrom('home_care_visits as v')
        // Flagged responses (test answers) are kept but never counted.
        .leftJoin('responses as r', (join) =>
          join.onRef('r.id', '=', 'v.response_id').on('r.flag', 'is', null),
        )
        .leftJoin('home_care_assessments as a', 'a.visit_id', 'v.id')
        .where('v.unit_id', 'in', unitIds)
        .where('v.local_date', '>=', from)
        .where('v.local_date', '<=', to)
        .select([
          sql<string>`to_char(v.local_date, 'YYYY-MM')`.as('month'),
          sql<number | null>`(r.answers ->> 'visit')::int`.as('face'),
          'v.client_declined as declined',
          'a.on_time',
          'a.affected_by',
          (eb) => eb.fn.countAll<number>().as('visits'),
        ])
        .groupBy(['month', 'face', 'v.client_declined', 'a.on_time', 'a.affected_by'])
        .execute();
      return rows.map((r) => ({
        month: r.month,
        face: r.face === null ? null : Number(r.face),
        declined: r.declined,
        onTime: r.on_time,
        affectedBy: r.affected_by,
        visits: Number(r.visits),
      }));
    },
  };
}

export type HomeCareRepository = ReturnType<typeof createHomeCareRepository>;
