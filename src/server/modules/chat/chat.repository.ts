import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface RatingRow {
  id: string;
  system: string;
  externalId: string;
  unitId: string;
  ratedAt: Date;
  localDate: string;
  rating: number;
  commentRedacted: string | null;
  commentOriginal: Buffer | null;
  language: 'fi' | 'sv' | 'en' | null;
  source: 'api' | 'csv';
}

/** Ratings of one unit × month × band (RATING_BANDS index), with their sum for means. */
export interface RatingGroup {
  unitId: string;
  month: string;
  band: number;
  ratings: number;
  sum: number;
}

export function createChatRepository(db: Kysely<DB>) {
  return {
    /** One statement: every new rating is stored or none; existing (system, id) pairs are skipped. */
    async insertRatings(rows: RatingRow[]): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await db
        .insertInto('chat_ratings')
        .values(
          rows.map((r) => ({
            id: r.id,
            system: r.system,
            external_id: r.externalId,
            unit_id: r.unitId,
            rated_at: r.ratedAt,
            local_date: r.localDate,
            rating: r.rating,
            comment_redacted: r.commentRedacted,
            comment_original: r.commentOriginal,
            language: r.language,
            source: r.source,
          })),
        )
        .onConflict((oc) => oc.columns(['system', 'external_id']).doNothing())
        .returning('id')
        .execute();
      return inserted.length;
    },

    async groups(unitIds: string[], from: string, to: string): Promise<RatingGroup[]> {
      if (unitIds.length === 0) return [];
      const rows = await db
        .selectFrom('chat_ratings')
        .where('unit_id', 'in', unitIds)
        .where('local_date', '>=', from)
        .where('local_date', '<=', to)
        .select([
          'unit_id',
          sql<string>`to_char(local_date, 'YYYY-MM')`.as('month'),
          sql<number>`least(rating / 20, 4)`.as('band'),
          (eb) => eb.fn.countAll<number>().as('ratings'),
          (eb) => eb.fn.sum<number>('rating').as('sum'),
        ])
        .groupBy(['unit_id', 'month', 'band'])
        .execute();
      return rows.map((r) => ({
        unitId: r.unit_id,
        month: r.month,
        band: Number(r.band),
        ratings: Number(r.ratings),
        sum: Number(r.sum),
      }));
    },
  };
}

export type ChatRepository = ReturnType<typeof createChatRepository>;
