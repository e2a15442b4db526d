import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  LOGIN_WINDOW_MINUTES,
  SESSION_ABSOLUTE_HOURS,
  SESSION_IDLE_MINUTES,
  SESSION_TOUCH_SECONDS,
} from './session-limits.ts';

// staff_sessions and login_attempts. Every time comparison uses the database clock, so instances with
// slightly different clocks agree on when a session expired or a rate-limit window ended.

export interface ActiveSession {
  userId: string;
  csrfToken: string;
  email: string;
  displayName: string;
  locale: 'fi' | 'sv' | 'en';
  /** last_seen_at is older than SESSION_TOUCH_SECONDS. */
  stale: boolean;
}

export interface FailureCounts {
  byEmail: number;
  byIp: number;
  /** Seconds until the oldest failure in each window leaves it. */
  emailRetryAfter: number;
  ipRetryAfter: number;
}

export interface SessionsRepository {
  insertSession(
    executor: Kysely<DB>,
    session: { tokenHash: string; userId: string; csrfToken: string },
  ): Promise<void>;
  findActiveSession(tokenHash: string): Promise<ActiveSession | undefined>;
  touchSession(tokenHash: string): Promise<void>;
  deleteSession(tokenHash: string, executor?: Kysely<DB>): Promise<boolean>;
  deleteSessionsOfUser(executor: Kysely<DB>, userId: string): Promise<void>;
  deleteExpiredSessions(executor: Kysely<DB>): Promise<void>;
  insertAttempt(
    executor: Kysely<DB>,
    attempt: { emailHash: string; ip: string; succeeded: boolean },
  ): Promise<void>;
  countRecentFailures(emailHash: string, ip: string): Promise<FailureCounts>;
  /** Attempts older than a day serve no rate limit; the audit log keeps the history. */
  deleteOldAttempts(executor: Kysely<DB>): Promise<void>;
}

const idleCutoff = sql<Date>`now() - make_interval(mins => ${SESSION_IDLE_MINUTES})`;
const windowStart = sql<Date>`now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})`;

export function createSessionsRepository(db: Kysely<DB>): SessionsRepository {
  async function failures(column: 'email_hash' | 'ip', value: string): Promise<{ n: number; retry: number }> {
    const row = await db
      .selectFrom('login_attempts')
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number>`coalesce(ceil(extract(epoch from (min(created_at) + make_interval(mins => ${LOGIN_WINDOW_MINUTES}) - now())))::int, 0)`.as(
          'retry',
        ),
      ])
      .where(column, '=', value)
      .where('succeeded', '=', false)
      .where('created_at', '>', windowStart)
      .executeTakeFirstOrThrow();
    return { n: Number(row.n), retry: Math.max(1, Number(row.retry)) };
  }

  return {
    async insertSession(executor, session) {
      await executor
        .insertInto('staff_sessions')
        .values({
          token_hash: session.tokenHash,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          expires_at: sql<Date>`now() + make_interval(hours => ${SESSION_ABSOLUTE_HOURS})`,
        })
        .execute();
    },

    findActiveSession: (tokenHash) =>
      db
        .selectFrom('staff_sessions as s')
        .innerJoin('staff_users as u', 'u.id', 's.user_id')
        .select([
          's.user_id as userId',
          's.csrf_token as csrfToken',
          'u.email',
          'u.display_name as displayName',
          'u.locale',
          sql<boolean>`s.last_seen_at < now() - make_interval(secs => ${SESSION_TOUCH_SECONDS})`.as('stale'),
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', sql<Date>`now()`)
        .where('s.last_seen_at', '>', idleCutoff)
        .where('u.disabled_at', 'is', null)
        .executeTakeFirst(),

    async touchSession(tokenHash) {
      await db
        .updateTable('staff_sessions')
        .set({ last_seen_at: sql`now()` })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async deleteSession(tokenHash, executor = db) {
      const result = await executor
        .deleteFrom('staff_sessions')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async deleteSessionsOfUser(executor, userId) {
      await executor.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
    },

    async deleteExpiredSessions(executor) {
      await executor
        .deleteFrom('staff_sessions')
        .where((eb) =>
          eb.or([eb('expires_at', '<=', sql<Date>`now()`), eb('last_seen_at', '<=', idleCutoff)]),
        )
        .execute();
    },

    async insertAttempt(executor, attempt) {
      await executor
        .insertInto('login_attempts')
        .values({ email_hash: attempt.emailHash, ip: attempt.ip, succeeded: attempt.succeeded })
        .execute();
    },

    async countRecentFailures(emailHash, ip) {
      const [email, address] = await Promise.all([failures('email_hash', emailHash), failures('ip', ip)]);
      return { byEmail: email.n, byIp: address.n, emailRetryAfter: email.retry, ipRetryAfter: address.retry };
    },

    async deleteOldAttempts(executor) {
      await executor
        .deleteFrom('login_attempts')
        .where('created_at', '<', sql<Date>`now() - interval '1 day'`)
        .execute();
    },
  };
}
