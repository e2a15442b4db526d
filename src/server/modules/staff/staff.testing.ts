import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pino from 'pino';
import { loadConfig, type Config } from '../../config.ts';
import type { Database, Engine } from '../../db/database.ts';
import { openTestDatabase } from '../../db/testing.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { createAuditLog } from '../audit/index.ts';
import type { RoleAssignment, StaffModule } from './index.ts';
import { createStaffModule } from './staff.module.ts';

// Test support: the staff module on a fresh database inside a small HTTP app with a few guarded routes, since
// the other modules' pages are not needed to test sign-in, sessions, CSRF and roles.
export const TEST_ORIGIN = 'https://kuulo.example';
export const GOOD_PASSWORD = 'sininen talo mäen päällä';

export interface StaffTestApp {
  database: Database;
  config: Config;
  staff: StaffModule;
  app: HttpApp;
  /** Another instance on the same database: sessions and rate limits must hold across instances. */
  secondInstance(): Promise<HttpApp>;
  createUser(email: string, roles: RoleAssignment[]): Promise<string>;
  close(): Promise<void>;
}

async function buildApp(staff: StaffModule): Promise<HttpApp> {
  const app = await buildHttpApp({
    logger: pino({ level: 'silent' }),
    trustProxy: false,
    rootHooks: [staff.auth.register],
    routes: [
      staff.routes,
      (scope) => {
        scope.get('/api/test/me', { preHandler: staff.auth.requireStaff() }, async (request) => ({
          userId: request.staff?.userId,
        }));
        scope.get('/staff/test-page', { preHandler: staff.auth.requireStaff() }, async () => 'page');
        scope.get(
          '/staff/test-admin',
          { preHandler: staff.auth.requireStaff({ roles: ['admin'] }) },
          async () => 'admin',
        );
        scope.post('/staff/test-form', { preValidation: staff.auth.requireStaff() }, async () => ({
          ok: true,
        }));
        scope.get('/public', async (request) => ({ staff: request.staff }));
      },
    ],
  });
  await app.ready();
  return app;
}

export async function createStaffTestApp(
  engine: Engine,
  overrides: Partial<Config> = {},
): Promise<StaffTestApp> {
  const database = await openTestDatabase(engine);
  const config = loadConfig(
    {},
    {
      dataDir: os.tmpdir(),
      logLevel: 'silent',
      loginAttemptsPer15Min: 3,
      secureCookies: true,
      publicUrl: TEST_ORIGIN,
      secret: 'staff-test-secret-'.padEnd(40, 'x'),
      ...overrides,
    },
  );
  const staff = createStaffModule({ db: database.db, config, audit: createAuditLog(database.db) });
  const app = await buildApp(staff);
  const others: HttpApp[] = [];
  return {
    database,
    config,
    staff,
    app,
    async secondInstance() {
      const other = await buildApp(
        createStaffModule({ db: database.db, config, audit: createAuditLog(database.db) }),
      );
      others.push(other);
      return other;
    },
    async createUser(email, roles) {
      const { id } = await staff.service.createUser({
        email,
        displayName: email.split('@')[0] ?? email,
        password: GOOD_PASSWORD,
        roles,
      });
      return id;
    },
    async close() {
      for (const other of others) await other.close();
      await app.close();
      await database.close();
    },
  };
}

export interface SignedIn {
  cookie: string;
  token: string;
  csrf: string;
}

/** The value of a Set-Cookie header by name, from an inject response. */
export function cookieFrom(
  response: { cookies: { name: string; value: string }[] },
  name: string,
): { name: string; value: string } | undefined {
  return response.cookies.find((c) => c.name === name);
}

/** Fetches the sign-in form (for its token and cookie) and posts it as a browser would. */
export async function postLogin(
  app: HttpApp,
  form: { email: string; password: string; next?: string },
  headers: Record<string, string> = {},
) {
  const page = await app.inject({ method: 'GET', url: '/staff/login' });
  const formToken = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const cookie = `kuulo_login_csrf=${cookieFrom(page, 'kuulo_login_csrf')?.value ?? ''}`;
  return app.inject({
    method: 'POST',
    url: '/staff/login',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: headers.cookie ? `${cookie}; ${headers.cookie}` : cookie,
      origin: TEST_ORIGIN,
      ...omit(headers, 'cookie'),
    },
    payload: formBody({ ...form, _csrf: formToken }),
  });
}

/** A browser-style urlencoded form body. */
export function formBody(fields: Record<string, string | undefined>): string {
  const defined = Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return new URLSearchParams(defined).toString();
}

function omit(record: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

export async function signIn(app: HttpApp, email: string, password = GOOD_PASSWORD): Promise<SignedIn> {
  const response = await postLogin(app, { email, password });
  const token = cookieFrom(response, 'kuulo_session')?.value;
  if (response.statusCode !== 303 || !token) throw new Error(`sign-in failed: ${response.statusCode}`);
  const cookie = `kuulo_session=${token}`;
  const home = await app.inject({ method: 'GET', url: '/staff', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
  return { cookie, token, csrf };
}

/** A new staff user with one role at one unit (null: the whole organisation), signed in to the app. */
export async function signedInStaff(
  kuulo: { app: HttpApp; staff: Pick<StaffModule['service'], 'createUser'> },
  role: RoleAssignment['role'],
  unitId: string | null,
): Promise<SignedIn> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.fi`;
  await kuulo.staff.createUser({
    email,
    displayName: role,
    password: GOOD_PASSWORD,
    roles: [{ role, unitId }],
  });
  return signIn(kuulo.app, email);
}
