import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// staff_identities: OpenID Connect (issuer, subject) pairs linked to staff accounts.
export interface IdentitiesRepository {
  findUserId(issuer: string, subject: string, executor?: Kysely<DB>): Promise<string | undefined>;
  /** Links the identity; an existing link for the same (issuer, subject) is kept as it is. */
  link(executor: Kysely<DB>, identity: { issuer: string; subject: string; userId: string }): Promise<void>;
  recordLogin(executor: Kysely<DB>, issuer: string, subject: string): Promise<void>;
  listOfUser(userId: string): Promise<{ issuer: string; subject: string; lastLoginAt: Date | null }[]>;
}

export function createIdentitiesRepository(db: Kysely<DB>): IdentitiesRepository {
  return {
    async findUserId(issuer, subject, executor = db) {
      const row = await executor
        .selectFrom('staff_identities')
        .select('user_id')
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst();
      return row?.user_id;
    },

    async link(executor, identity) {
      await executor
        .insertInto('staff_identities')
        .values({ issuer: identity.issuer, subject: identity.subject, user_id: identity.userId })
        .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
        .execute();
    },

    async recordLogin(executor, issuer, subject) {
      await executor
        .updateTable('staff_identities')
        .set({ last_login_at: sql<Date>`now()` })
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .execute();
    },

    listOfUser: (userId) =>
      db
        .selectFrom('staff_identities')
        .select(['issuer', 'subject', 'last_login_at as lastLoginAt'])
        .where('user_id', '=', userId)
        .orderBy('issuer')
        .execute(),
  };
}
