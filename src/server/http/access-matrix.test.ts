import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestKuulo, type TestKuulo } from '../testing/kuulo.ts';
import { STAFF_ROLES, type RegisteredRoute, type StaffRole } from '../modules/staff/index.ts';
import { GOOD_PASSWORD, TEST_ORIGIN, signIn, type SignedIn } from '../modules/staff/staff.testing.ts';

// The access-control matrix. Every route of the whole app (taken from the staff module's route registry, so a
// route another module adds tomorrow is in the matrix without anyone editing this file) is tried:
//   1. statically: a route without a requireStaff guard must be listed below as public (with a reason) or as a
//      machine endpoint with its own credential; anything under /staff or /api/*/staff must be guarded;
//   2. without a session: a guarded route answers 401, 403 or a redirect to the sign-in page;
//   3. as every role assigned in subtree A (and as a signed-in person with no roles): requests aimed at
//      subtree B's feedback and units must not show B's text, original text or contact details, and changes
//      aimed at B must be refused and leave B's item untouched;
//   4. as a global analyst and a global viewer: no route shows contact details or unredacted originals, and
//      a viewer sees no feedback text at all.
// Positive controls show the same requests do reveal the canaries to someone in scope, so the test can fail.

/** Unguarded on purpose: citizen pages and public APIs. Never staff data. */
const PUBLIC_ROUTES: Record<string, string> = {
  'GET /healthz': 'liveness probe',
  'GET /api/openapi.json': 'public API description',
  'GET /staff/login': 'sign-in form',
  'POST /staff/login': 'sign-in',
  'GET /staff/login/oidc': 'starts OpenID Connect sign-in',
  'GET /staff/login/oidc/callback': 'OpenID Connect callback (checks state, nonce, PKCE)',
  'GET /': 'public front page',
  'GET /accessibility': 'accessibility statement',
  'GET /api/v1/units': 'public organisation tree (names, ids)',
  'GET /api/v1/units/:id': 'public organisation tree (names, ids)',
  'GET /api/v1/surveys': 'public survey definitions',
  'GET /api/v1/surveys/:slug': 'public survey definitions',
  'POST /api/v1/responses': 'public survey intake (write-only)',
  'GET /s/:code': 'citizen survey',
  'POST /s/:code': 'citizen survey',
  'GET /s/:code/thanks': 'citizen survey',
  'GET /q/:code': 'citizen survey (QR)',
  'POST /q/:code': 'citizen survey (QR)',
  'GET /q/:code/thanks': 'citizen survey (QR)',
  'GET /qr/:file': 'QR image of a public link',
  'GET /poster/:code': 'printable poster of a public link',
  'GET /m/:token': 'SMS survey link (the token is the credential)',
  'POST /m/:token': 'SMS survey link (the token is the credential)',
  'GET /m/:token/thanks': 'SMS survey link',
  'GET /kiosk': 'kiosk app shell (no data)',
  'GET /kiosk/app.js': 'kiosk app script',
  'GET /kiosk/sw.js': 'kiosk service worker',
  'GET /kiosk/ping': 'kiosk connectivity check',
};

/** Public families that grow with their features; every route under them is citizen-facing. */
const PUBLIC_PREFIXES: Record<string, string> = {
  '/feedback': 'open feedback form, receipt, tracking page and published images',
  '/open311/': 'Open311 GeoReport v2: published items only, API keys for POST',
  '/results': 'public results pages: aggregates with small groups suppressed',
};

/** Not for people: each checks its own credential (device token, API key, gateway secret). */
const MACHINE_ROUTES: Record<string, string> = {
  'POST /api/kiosk/enrol': 'enrolment code',
  'GET /api/kiosk/config': 'kiosk device token',
  'POST /api/kiosk/answers': 'kiosk device token',
  'POST /api/v1/sms/visit-events': 'integration key',
  'POST /api/v1/sms/visit-events.csv': 'integration key',
  'POST /api/v1/sms/fhir/Bundle': 'integration key',
  'GET /api/v1/sms/gateway/incoming': 'gateway secret',
  'POST /api/v1/sms/gateway/incoming': 'gateway secret',
  'GET /api/v1/sms/gateway/delivery': 'gateway secret',
  'POST /api/v1/sms/gateway/delivery': 'gateway secret',
  'POST /api/v1/chat-ratings': 'integration key',
};

/** Guarded routes every signed-in person may use whatever their roles. */
const ANY_SIGNED_IN: Record<string, string> = {
  'GET /staff': 'home page: the person’s own name and roles',
  'POST /staff/logout': 'sign-out',
  'GET /staff/inbox/shortcuts.js': 'static script',
};

const STAFF_PATH = /^\/staff(\/|$)|^\/api\/[^/]+\/staff(\/|$)|^\/api\/staff(\/|$)/;
const UNIT_QUERY = /unit|root|node|scope/i;
const REFUSED = new Set([400, 403, 404, 405, 409, 415, 422]);

const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

function isPublic(route: RegisteredRoute): boolean {
  return (
    key(route) in PUBLIC_ROUTES || Object.keys(PUBLIC_PREFIXES).some((prefix) => route.url.startsWith(prefix))
  );
}

/** Routes that would be reachable by anyone although nobody declared them public. */
function unprotected(list: RegisteredRoute[]): string[] {
  const problems: string[] = [];
  for (const route of list) {
    if (route.guarded) continue;
    if (STAFF_PATH.test(route.url) && !(key(route) in PUBLIC_ROUTES)) {
      problems.push(`${key(route)}: a staff path without requireStaff()`);
    } else if (!isPublic(route) && !(key(route) in MACHINE_ROUTES)) {
      problems.push(
        `${key(route)}: no requireStaff() and not declared public/machine in access-matrix.test.ts`,
      );
    }
  }
  return problems;
}

interface Canaries {
  id: string;
  text: string;
  original: string;
  contactEmail: string;
  contactName: string;
}

/** A feedback item whose text, redacted-away original and contact details are unique strings. */
async function plantFeedback(t: TestKuulo, unitId: string, tag: string): Promise<Canaries> {
  const canaries = {
    text: `Kanarialintu${tag}sininen`,
    original: `alkuperainen.${tag.toLowerCase()}@example.org`,
    contactEmail: `yhteys.${tag.toLowerCase()}@example.org`,
    contactName: `Kanari${tag} Henkilö`,
  };
  const result = await t.kuulo.feedback.service.submit(
    {
      submissionId: randomUUID(),
      type: 'question',
      unitId,
      description: `${canaries.text}: miksi jono on pitkä? Vastatkaa osoitteeseen ${canaries.original} kiitos.`,
      language: 'fi',
      wantsReply: true,
      contact: { name: canaries.contactName, email: canaries.contactEmail },
    },
    { source: 'web' },
  );
  return { id: result.id, ...canaries };
}

/** Fills path parameters with subtree B's ids: every way a route could name B's data. */
function targets(route: RegisteredRoute, b: { feedbackId: string }): string[] {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const candidates = names.length === 0 ? [''] : [b.feedbackId, 'unit-b', 'area-b'];
  const query = route.queryNames.filter((n) => UNIT_QUERY.test(n)).map((n) => `${n}=area-b`);
  return candidates.map((value) => {
    const path = route.url.replace(/:(\w+)/g, () => encodeURIComponent(value));
    return query.length > 0 ? `${path}?${query.join('&')}` : path;
  });
}

function leaks(body: string, canaries: Canaries, parts: ('text' | 'original' | 'contact')[]): string[] {
  const found: string[] = [];
  if (parts.includes('text') && body.includes(canaries.text)) found.push('text');
  if (parts.includes('original') && body.includes(canaries.original)) found.push('original');
  if (
    parts.includes('contact') &&
    (body.includes(canaries.contactEmail) || body.includes(canaries.contactName))
  )
    found.push('contact');
  return found;
}

describe('access-control matrix', () => {
  let t: TestKuulo;
  let routes: RegisteredRoute[];
  let a: Canaries;
  let b: Canaries;
  const people = new Map<string, SignedIn>();

  beforeAll(async () => {
    t = await createTestKuulo('pglite', { publicUrl: TEST_ORIGIN });
    const registered = t.kuulo.staff.auth.registeredRoutes?.();
    if (!registered) throw new Error('the staff module must record routes');
    routes = registered;
    const units = [
      { id: 'm-root', parentId: null, type: 'division', nameFi: 'Toimiala' },
      { id: 'area-a', parentId: 'm-root', type: 'service_area', nameFi: 'Alue A' },
      { id: 'unit-a', parentId: 'area-a', type: 'unit', nameFi: 'Yksikkö A' },
      { id: 'area-b', parentId: 'm-root', type: 'service_area', nameFi: 'Alue B' },
      { id: 'unit-b', parentId: 'area-b', type: 'unit', nameFi: 'Yksikkö B' },
    ];
    const report = await t.kuulo.organisation.service.importUnits(
      { format: 'json', content: JSON.stringify(units) },
      { dryRun: false, actorId: null, source: 'access-matrix' },
    );
    if (!report.applied) throw new Error(`units not imported: ${JSON.stringify(report.errors)}`);
    a = await plantFeedback(t, 'unit-a', 'A');
    b = await plantFeedback(t, 'unit-b', 'B');
    const create = async (name: string, roles: { role: StaffRole; unitId: string | null }[]) => {
      await t.kuulo.staff.service.createUser({
        email: `${name}@example.fi`,
        displayName: name,
        password: GOOD_PASSWORD,
        roles,
      });
      people.set(name, await signIn(t.app, `${name}@example.fi`));
    };
    await create('admin-global', [{ role: 'admin', unitId: null }]);
    for (const role of STAFF_ROLES) await create(`${role}-a`, [{ role, unitId: 'area-a' }]);
    await create('analyst-global', [{ role: 'analyst', unitId: null }]);
    await create('viewer-global', [{ role: 'viewer', unitId: null }]);
    await create('no-roles', []);
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  const as = (who: string, method: string, url: string) => {
    const person = people.get(who);
    const unsafe = method !== 'GET';
    return t.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(person ? { cookie: person.cookie } : {}),
        ...(unsafe && person ? { 'x-csrf-token': person.csrf, origin: TEST_ORIGIN } : {}),
        ...(unsafe ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        'accept-language': 'en',
      },
      ...(unsafe ? { payload: person ? `_csrf=${encodeURIComponent(person.csrf)}` : '' } : {}),
    });
  };

  test('every route is guarded, or declared public or machine-to-machine; staff paths are always guarded', () => {
    expect(unprotected(routes).join('\n')).toBe('');
    // The registry sees the whole app: the core staff routes are in it.
    expect(routes.map(key)).toEqual(expect.arrayContaining(['GET /staff/users', 'GET /staff/audit']));
  });

  test('the static check catches a new unguarded staff route or an undeclared public one', () => {
    const route = (method: string, url: string, guarded = false) => ({
      method,
      url,
      guarded,
      queryNames: [],
    });
    expect(unprotected([route('GET', '/staff/new-report')])).toHaveLength(1);
    expect(unprotected([route('POST', '/api/v1/staff/things/:id')])).toHaveLength(1);
    expect(unprotected([route('GET', '/api/v1/new-figures')])).toHaveLength(1);
    expect(unprotected([route('GET', '/staff/new-report', true), route('GET', '/feedback/new')])).toEqual([]);
  });

  test('without a session every guarded route answers 401, 403 or a redirect to sign-in', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.guarded)) {
      for (const url of targets(route, { feedbackId: b.id })) {
        const response = await as('nobody', route.method, url);
        const toLogin =
          response.statusCode === 303 && String(response.headers.location).startsWith('/staff/login');
        // A guard run as preHandler comes after schema validation, so a malformed id is a 400 before the 401:
        // it tells nothing about any data, but it must carry none either.
        const malformed =
          response.statusCode === 400 &&
          leaks(response.body, b, ['text', 'original', 'contact']).length === 0;
        if (![401, 403].includes(response.statusCode) && !toLogin && !malformed)
          problems.push(`${route.method} ${url}: ${response.statusCode}`);
      }
    }
    expect(problems.join('\n')).toBe('');
  }, 300_000);

  test('machine endpoints refuse requests without their credential', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => !r.guarded && key(r) in MACHINE_ROUTES)) {
      const response = await as('nobody', route.method, route.url.replace(/:(\w+)/g, 'x'));
      if (response.statusCode < 400 || response.statusCode >= 500)
        problems.push(`${key(route)}: ${response.statusCode}`);
    }
    expect(problems.join('\n')).toBe('');
  }, 120_000);

  const scoped = [...STAFF_ROLES.map((r) => `${r}-a`), 'no-roles'];

  test.each(scoped)(
    'as %s, nothing of subtree B is shown and no change to B succeeds',
    async (who) => {
      const before = await t.kuulo.feedback.service.get(b.id);
      const problems: string[] = [];
      for (const route of routes.filter((r) => r.guarded && !(key(r) in ANY_SIGNED_IN))) {
        for (const url of targets(route, { feedbackId: b.id })) {
          const response = await as(who, route.method, url);
          const shown = leaks(response.body, b, ['text', 'original', 'contact']);
          if (shown.length > 0) problems.push(`${route.method} ${url}: shows B's ${shown.join(', ')}`);
          if (response.statusCode >= 500) problems.push(`${route.method} ${url}: ${response.statusCode}`);
          if (route.method !== 'GET' && !REFUSED.has(response.statusCode)) {
            problems.push(`${route.method} ${url}: a change aimed at B answered ${response.statusCode}`);
          }
          if (who === 'no-roles' && route.method === 'GET' && response.statusCode < 300) {
            const any = [...leaks(response.body, a, ['text', 'original', 'contact'])];
            if (any.length > 0)
              problems.push(`${route.method} ${url}: shows A's ${any.join(', ')} to no roles`);
          }
        }
      }
      const after = await t.kuulo.feedback.service.get(b.id);
      expect(after).toEqual(before);
      expect(problems.join('\n')).toBe('');
    },
    300_000,
  );

  test.each([
    ['analyst-global', ['original', 'contact'] as const],
    ['viewer-global', ['text', 'original', 'contact'] as const],
  ])(
    'as %s, no route shows what the role may not read',
    async (who, forbidden) => {
      const problems: string[] = [];
      for (const route of routes.filter((r) => r.guarded && r.method === 'GET')) {
        for (const item of [a, b]) {
          for (const url of targets(route, { feedbackId: item.id })) {
            const response = await as(who, route.method, url);
            const shown = leaks(response.body, item, [...forbidden]);
            if (shown.length > 0) problems.push(`${route.method} ${url}: shows ${shown.join(', ')}`);
            if (response.statusCode >= 500) problems.push(`${route.method} ${url}: ${response.statusCode}`);
          }
        }
      }
      expect(problems.join('\n')).toBe('');
    },
    300_000,
  );

  test('positive controls: the same requests do show the canaries to people in scope', async () => {
    const inboxItem = routes.find((r) => r.method === 'GET' && r.url === '/staff/inbox/:id');
    if (!inboxItem) return;
    expect((await as('admin-global', 'GET', `/staff/inbox/${b.id}`)).body).toContain(b.text);
    expect((await as('handler-a', 'GET', `/staff/inbox/${a.id}`)).body).toContain(a.text);
    expect((await as('handler-a', 'GET', `/staff/inbox/${b.id}`)).body).not.toContain(b.text);
  });

  test('reading contact details in scope shows them and writes the audit log', async () => {
    if (!routes.some((r) => r.method === 'POST' && r.url === '/staff/inbox/:id/contact')) return;
    const response = await as('handler-a', 'POST', `/staff/inbox/${a.id}/contact`);
    expect(response.body).toContain(a.contactEmail);
    const reads = await t.kuulo.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id'])
      .where('action', '=', 'feedback.contact_read')
      .execute();
    expect(reads.map((r) => r.target_id)).toContain(a.id);
    expect(reads.map((r) => r.target_id)).not.toContain(b.id);
  });
});
