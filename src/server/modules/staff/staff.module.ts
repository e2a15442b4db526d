import type { HttpApp } from '../../http/app.ts';
import type { StaffDeps, StaffModule } from './index.ts';
import { createStaffAuth } from './auth.hooks.ts';
import { createLoginService } from './login.service.ts';
import { loginRoutes } from './login.routes.ts';
import { createSessionsRepository } from './sessions.repository.ts';
import { createStaffRepository } from './staff.repository.ts';
import { createStaffService } from './staff.service.ts';
import { usersRoutes } from './users.routes.ts';

export function createStaffModule(deps: StaffDeps): StaffModule {
  const { db, config, audit } = deps;
  const users = createStaffRepository(db);
  const sessions = createSessionsRepository(db);
  const service = createStaffService({ db, users, sessions, audit });
  const login = createLoginService({
    db,
    users,
    sessions,
    audit,
    attemptsPer15Min: config.loginAttemptsPer15Min,
    secret: deps.hashKey ?? config.secret,
  });
  const auth = createStaffAuth({ login, secureCookies: config.secureCookies, publicUrl: config.publicUrl });
  const registerLogin = loginRoutes({
    login,
    auth,
    secureCookies: config.secureCookies,
    publicUrl: config.publicUrl,
  });
  const registerUsers = usersRoutes({ service, auth });
  return {
    service,
    auth,
    async routes(app: HttpApp) {
      await registerLogin(app);
      await registerUsers(app);
    },
  };
}
