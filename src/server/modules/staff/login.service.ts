import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { RateLimitedError, UnauthorizedError } from '../../errors.ts';
import type { AuditLog } from '../audit/index.ts';
import type { StaffPrincipal } from './index.ts';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password.ts';
import type { StaffRepository } from './staff.repository.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import { emailHash, isWellFormedToken, randomToken, sha256Hex } from './tokens.ts';

// Sign-in, sign-out and session lookup. Sessions and login attempts live in the database, so any instance can
// serve any request and a rate limit cannot be dodged by hitting another instance.
export interface LoginService {
  /** A new session token on success; the same UnauthorizedError `login_failed` for every kind of failure. */
  signIn(input: {
    email: string;
    password: string;
    ip: string;
    previousToken?: string | undefined;
  }): Promise<{
    token: string;
    userId: string;
  }>;
  signOut(token: string, actorId: string | null): Promise<void>;
  /** The principal behind a session token, or null when it is unknown, expired or its user disabled. */
  resolveSession(token: string): Promise<StaffPrincipal | null>;
}

export interface LoginDeps {
  db: Kysely<DB>;
  users: StaffRepository;
  sessions: SessionsRepository;
  audit: AuditLog;
  /** Failures allowed per e-mail in 15 minutes; an IP address gets three times as many. */
  attemptsPer15Min: number;
  secret: string | Buffer | undefined;
}

export function createLoginService(deps: LoginDeps): LoginService {
  const { db, users, sessions, audit } = deps;

  async function enforceRateLimit(hash: string, ip: string): Promise<void> {
    const counts = await sessions.countRecentFailures(hash, ip);
    const byEmail = counts.byEmail >= deps.attemptsPer15Min;
    const byIp = counts.byIp >= deps.attemptsPer15Min * 3;
    if (!byEmail && !byIp) return;
    const retryAfter = Math.max(byEmail ? counts.emailRetryAfter : 0, byIp ? counts.ipRetryAfter : 0);
    await audit.record({
      actorId: null,
      action: 'staff.login_rate_limited',
      targetType: 'staff_user',
      targetId: null,
      details: { emailHash: hash, by: byEmail ? 'email' : 'ip' },
    });
    throw new RateLimitedError('login_rate_limited', 'staff.login_rate_limited', retryAfter);
  }

  async function recordFailure(hash: string, ip: string, userId: string | null): Promise<never> {
    await db.transaction().execute(async (trx) => {
      await sessions.insertAttempt(trx, { emailHash: hash, ip, succeeded: false });
      await audit.record(
        {
          actorId: null,
          action: 'staff.login_failed',
          targetType: 'staff_user',
          targetId: userId,
          details: userId ? {} : { emailHash: hash },
        },
        trx,
      );
    });
    throw new UnauthorizedError('login_failed', 'staff.login_failed');
  }

  return {
    async signIn({ email, password, ip, previousToken }) {
      const hash = emailHash(email, deps.secret);
      await enforceRateLimit(hash, ip);
      const user = email.length <= 254 ? await users.findUserByEmail(email) : undefined;
      // Unknown and disabled accounts spend the same scrypt time as a real check: no enumeration by timing.
      const ok =
        user && user.disabledAt === null
          ? await verifyPassword(password, user.passwordHash)
          : await verifyAgainstDummy(password);
      if (!user || !ok) return recordFailure(hash, ip, user?.id ?? null);

      const token = randomToken();
      await db.transaction().execute(async (trx) => {
        // Rotation: whatever session the browser had before is gone; the new token is the only valid one.
        if (isWellFormedToken(previousToken)) await sessions.deleteSession(sha256Hex(previousToken), trx);
        await sessions.deleteExpiredSessions(trx);
        await sessions.deleteOldAttempts(trx);
        await sessions.insertSession(trx, {
          tokenHash: sha256Hex(token),
          userId: user.id,
          csrfToken: randomToken(),
        });
        await sessions.insertAttempt(trx, { emailHash: hash, ip, succeeded: true });
        await users.recordLogin(trx, user.id);
        await audit.record(
          { actorId: user.id, action: 'staff.login', targetType: 'staff_user', targetId: user.id },
          trx,
        );
      });
      if (needsRehash(user.passwordHash)) {
        await users.updatePasswordHash(user.id, await hashPassword(password));
      }
      return { token, userId: user.id };
    },

    async signOut(token, actorId) {
      if (!isWellFormedToken(token)) return;
      await db.transaction().execute(async (trx) => {
        const deleted = await sessions.deleteSession(sha256Hex(token), trx);
        if (deleted && actorId) {
          await audit.record(
            { actorId, action: 'staff.logout', targetType: 'staff_user', targetId: actorId },
            trx,
          );
        }
      });
    },

    async resolveSession(token) {
      if (!isWellFormedToken(token)) return null;
      const tokenHash = sha256Hex(token);
      const session = await sessions.findActiveSession(tokenHash);
      if (!session) return null;
      const [roles] = await Promise.all([
        users.rolesOf(session.userId),
        session.stale ? sessions.touchSession(tokenHash) : Promise.resolve(),
      ]);
      return {
        userId: session.userId,
        email: session.email,
        displayName: session.displayName,
        locale: session.locale,
        roles,
        csrfToken: session.csrfToken,
      };
    },
  };
}
