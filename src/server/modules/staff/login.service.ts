import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { RateLimitedError, UnauthorizedError } from '../../errors.ts';
import type { AuditLog } from '../audit/index.ts';
import type { StaffPrincipal } from './index.ts';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password.ts';
import type { StaffRepository } from './staff.repository.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import type { IdentitiesRepository } from './identities.repository.ts';
import type { OidcIdentity } from './oidc.client.ts';
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
  /**
   * Sign-in with an identity the OpenID Connect provider vouched for. A linked (issuer, subject) finds its
   * account; otherwise, with match 'email', a verified e-mail finds it and the identity is linked. No account,
   * an unverified e-mail or a disabled account: UnauthorizedError `oidc_no_account` (audited).
   */
  signInWithIdentity(input: {
    identity: OidcIdentity;
    match: 'email' | 'subject';
    previousToken?: string | undefined;
  }): Promise<{ token: string; userId: string }>;
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
  identities?: IdentitiesRepository;
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

  /** A new session for the user, in one transaction with whatever `alsoDo` records about the sign-in. */
  async function openSession(
    userId: string,
    previousToken: string | undefined,
    alsoDo: (trx: Kysely<DB>) => Promise<void>,
  ): Promise<string> {
    const token = randomToken();
    await db.transaction().execute(async (trx) => {
      // Rotation: whatever session the browser had before is gone; the new token is the only valid one.
      if (isWellFormedToken(previousToken)) await sessions.deleteSession(sha256Hex(previousToken), trx);
      await sessions.deleteExpiredSessions(trx);
      await sessions.deleteOldAttempts(trx);
      await sessions.insertSession(trx, { tokenHash: sha256Hex(token), userId, csrfToken: randomToken() });
      await users.recordLogin(trx, userId);
      await alsoDo(trx);
    });
    return token;
  }

  async function refuseIdentity(
    identity: OidcIdentity,
    reason: string,
    userId: string | null,
  ): Promise<never> {
    // The subject is the provider's id for a person: keep a keyed hash, like e-mail addresses of failed logins.
    await audit.record({
      actorId: null,
      action: 'staff.oidc_login_refused',
      targetType: 'staff_user',
      targetId: userId,
      details: { issuer: identity.issuer, subjectHash: emailHash(identity.subject, deps.secret), reason },
    });
    throw new UnauthorizedError('oidc_no_account', 'staff.oidc_no_account');
  }

  async function accountFor(identity: OidcIdentity, match: 'email' | 'subject') {
    const identities = deps.identities;
    if (!identities) throw new Error('OpenID Connect sign-in needs the identities repository');
    const linked = await identities.findUserId(identity.issuer, identity.subject);
    if (linked) return { user: await users.findUserById(linked), link: false };
    if (match !== 'email' || !identity.email) return { user: undefined, link: false, reason: 'not_linked' };
    if (!identity.emailVerified) return { user: undefined, link: false, reason: 'email_not_verified' };
    return { user: await users.findUserByEmail(identity.email), link: true, reason: 'no_account' };
  }

  return {
    async signInWithIdentity({ identity, match, previousToken }) {
      const found = await accountFor(identity, match);
      const user = found.user;
      if (!user) return refuseIdentity(identity, found.reason ?? 'no_account', null);
      if (user.disabledAt !== null) return refuseIdentity(identity, 'disabled', user.id);
      const token = await openSession(user.id, previousToken, async (trx) => {
        if (found.link) {
          await deps.identities?.link(trx, { ...identity, userId: user.id });
          await audit.record(
            {
              actorId: user.id,
              action: 'staff.identity_linked',
              targetType: 'staff_user',
              targetId: user.id,
              details: { issuer: identity.issuer },
            },
            trx,
          );
        }
        await deps.identities?.recordLogin(trx, identity.issuer, identity.subject);
        await audit.record(
          {
            actorId: user.id,
            action: 'staff.login',
            targetType: 'staff_user',
            targetId: user.id,
            details: { method: 'oidc', issuer: identity.issuer },
          },
          trx,
        );
      });
      return { token, userId: user.id };
    },

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

      const token = await openSession(user.id, previousToken, async (trx) => {
        await sessions.insertAttempt(trx, { emailHash: hash, ip, succeeded: true });
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
