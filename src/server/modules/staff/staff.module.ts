import { randomBytes } from 'node:crypto';
import type { HttpApp } from '../../http/app.ts';
import type { StaffDeps, StaffModule } from './index.ts';
import { createStaffAuth } from './auth.hooks.ts';
import { createLoginService, type LoginService } from './login.service.ts';
import { loginRoutes } from './login.routes.ts';
import { createSessionsRepository } from './sessions.repository.ts';
import { createIdentitiesRepository } from './identities.repository.ts';
import { createOidcClient } from './oidc.client.ts';
import { oidcRoutes } from './oidc.routes.ts';
import { createStaffRepository } from './staff.repository.ts';
import { createStaffService } from './staff.service.ts';
import { usersRoutes } from './users.routes.ts';

export function createStaffModule(deps: StaffDeps): StaffModule {
  const { db, config, audit } = deps;
  const users = createStaffRepository(db);
  const sessions = createSessionsRepository(db);
  const identities = createIdentitiesRepository(db);
  const service = createStaffService({ db, users, sessions, audit, identities });
  const login = createLoginService({
    db,
    users,
    sessions,
    audit,
    attemptsPer15Min: config.loginAttemptsPer15Min,
    secret: deps.hashKey ?? config.secret,
    identities,
  });
  const oidc = config.oidcIssuer && config.oidcClientId ? { label: config.oidcLabel } : undefined;
  const auth = createStaffAuth({ login, secureCookies: config.secureCookies, publicUrl: config.publicUrl });
  const registerLogin = loginRoutes({
    login,
    auth,
    secureCookies: config.secureCookies,
    publicUrl: config.publicUrl,
    oidc,
  });
  const registerOidc = oidc ? oidcRoutesFor(deps, login) : undefined;
  const registerUsers = usersRoutes({ service, auth });
  return {
    service,
    auth,
    async routes(app: HttpApp) {
      await registerLogin(app);
      if (registerOidc) await registerOidc(app);
      await registerUsers(app);
    },
  };
}

function oidcRoutesFor(deps: StaffDeps, login: LoginService) {
  const { config } = deps;
  const redirectUri = config.oidcRedirectUri ?? `${config.publicUrl}/staff/login/oidc/callback`;
  return oidcRoutes({
    login,
    client: createOidcClient({
      issuer: config.oidcIssuer ?? '',
      clientId: config.oidcClientId ?? '',
      clientSecret: config.oidcClientSecret,
      redirectUri,
    }),
    match: config.oidcMatch,
    redirectUri,
    secureCookies: config.secureCookies,
    key: deps.hashKey ?? config.secret ?? randomBytes(32),
    label: config.oidcLabel,
    logger: deps.logger,
  });
}
