// Test support for reports: a whole Kuulo (createTestKuulo) with a small tree, staff users signed in, and fast
// direct inserts of synthetic responses folded into the insights aggregates.
import { randomUUID } from 'node:crypto';
import type { Engine } from '../../db/database.ts';
import type { Config } from '../../config.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import type { RoleAssignment } from '../staff/index.ts';
import { THL_NATIONAL_SLUG } from '../surveys/index.ts';

export const REPORTS_UNITS = [
  {
    id: 'r-root',
    parentId: null,
    type: 'division',
    nameFi: 'Sote-toimiala',
    nameSv: 'Social- och hälsosektorn',
    nameEn: 'Social and health',
  },
  {
    id: 'r-hs',
    parentId: 'r-root',
    type: 'service',
    nameFi: 'Terveysasemat',
    nameSv: 'Hälsostationer',
    nameEn: 'Health stations',
    oid: '1.2.246.10.1234567.10.0',
  },
  {
    id: 'r-kallio',
    parentId: 'r-hs',
    type: 'unit',
    nameFi: 'Kallion terveysasema',
    nameSv: 'Berghälls hälsostation',
    nameEn: 'Kallio health station',
    oid: '1.2.246.10.1234567.10.1',
  },
  {
    id: 'r-kallio-a',
    parentId: 'r-kallio',
    type: 'site',
    nameFi: 'Kallio A-talo',
    nameSv: 'Berghäll A-huset',
    nameEn: 'Kallio building A',
  },
  {
    id: 'r-vallila',
    parentId: 'r-hs',
    type: 'unit',
    nameFi: 'Vallilan terveysasema',
    nameSv: 'Vallgårds hälsostation',
    nameEn: 'Vallila health station',
    oid: '1.2.246.10.1234567.10.2',
  },
  {
    id: 'r-tiny',
    parentId: 'r-hs',
    type: 'unit',
    nameFi: 'Pieni vastaanotto',
    nameSv: 'Liten mottagning',
    nameEn: 'Small clinic',
  },
  {
    id: 'r-other',
    parentId: 'r-root',
    type: 'service',
    nameFi: 'Suun terveys',
    nameSv: 'Munhälsa',
    nameEn: 'Oral health',
  },
];

export const PASSWORD = 'sininen talo mäen päällä';
export const ORIGIN = 'https://kuulo.example';

export interface SignedIn {
  cookie: string;
  csrf: string;
}

/** Signs in through the real form, as a browser would (the staff module's own helper stays inside it). */
async function signIn(app: TestKuulo['app'], email: string): Promise<SignedIn> {
  const form = await app.inject({ method: 'GET', url: '/staff/login' });
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const loginCookie = form.cookies.find((c) => c.name === 'kuulo_login_csrf')?.value ?? '';
  const response = await app.inject({
    method: 'POST',
    url: '/staff/login',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `kuulo_login_csrf=${loginCookie}`,
      origin: ORIGIN,
    },
    payload: new URLSearchParams({ email, password: PASSWORD, _csrf: token }).toString(),
  });
  const session = response.cookies.find((c) => c.name === 'kuulo_session')?.value;
  if (response.statusCode !== 303 || !session) throw new Error(`sign-in failed: ${response.statusCode}`);
  const cookie = `kuulo_session=${session}`;
  const home = await app.inject({ method: 'GET', url: '/staff', headers: { cookie } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '' };
}

export interface SyntheticResponse {
  unitId: string;
  localDate: string;
  channel?: string;
  language?: string;
  respondentType?: string | null;
  ageGroup?: string | null;
  recommendation?: number | null;
  statements?: Record<string, number | 'cant_say'>;
  flag?: 'repeat' | 'test' | null;
  comment?: string;
}

export interface ReportsKit extends TestKuulo {
  insert(responses: SyntheticResponse[]): Promise<void>;
  user(email: string, roles: RoleAssignment[]): Promise<SignedIn>;
}

/** n responses with the same shape; recommendation cycles through the given scores. */
export function many(
  n: number,
  base: SyntheticResponse,
  scores: number[] = [10, 9, 8, 6],
): SyntheticResponse[] {
  return Array.from({ length: n }, (_, i) => ({ ...base, recommendation: scores[i % scores.length] ?? 9 }));
}

export async function openReportsKit(engine: Engine, overrides: Partial<Config> = {}): Promise<ReportsKit> {
  const kit = await createTestKuulo(engine, {
    publicUrl: ORIGIN,
    secureCookies: true,
    ...overrides,
  });
  const { kuulo } = kit;
  const report = await kuulo.organisation.service.importUnits(
    { format: 'json', content: JSON.stringify(REPORTS_UNITS) },
    { dryRun: false, actorId: null, source: 'test' },
  );
  if (!report.applied) throw new Error(`units not imported: ${JSON.stringify(report.errors)}`);
  const national = await kuulo.surveys.service.getCurrent(THL_NATIONAL_SLUG);
  if (!national) throw new Error('national survey missing');
  return {
    ...kit,
    async insert(responses) {
      const { db } = kuulo.database;
      for (let i = 0; i < responses.length; i += 500) {
        const chunk = responses.slice(i, i + 500).map((r) => ({ r, id: randomUUID() }));
        await db
          .insertInto('responses')
          .values(
            chunk.map(({ r, id }) => {
              const answers: Record<string, unknown> = { ...(r.statements ?? {}) };
              if (r.recommendation !== undefined && r.recommendation !== null)
                answers.recommendation = r.recommendation;
              if (r.respondentType) answers.respondent_type = r.respondentType;
              return {
                id,
                submission_id: randomUUID(),
                survey_id: national.surveyId,
                survey_version_id: national.versionId,
                unit_id: r.unitId,
                channel: r.channel ?? 'web',
                language: r.language ?? 'fi',
                respondent_type: r.respondentType === undefined ? 'client' : r.respondentType,
                age_group: r.ageGroup ?? null,
                recommendation: r.recommendation ?? null,
                answers: JSON.stringify(answers),
                submitted_at: `${r.localDate}T10:00:00Z`,
                local_date: r.localDate,
                flag: r.flag ?? null,
              };
            }),
          )
          .execute();
        const texts = chunk.filter(({ r }) => r.comment !== undefined);
        if (texts.length) {
          await db
            .insertInto('response_texts')
            .values(
              texts.map(({ r, id }) => ({
                response_id: id,
                question_id: 'comment',
                text_redacted: r.comment as string,
              })),
            )
            .execute();
        }
      }
      await kuulo.insights.aggregates.catchUp();
    },
    async user(email, roles) {
      await kuulo.staff.service.createUser({
        email,
        displayName: email.split('@')[0] ?? email,
        password: PASSWORD,
        roles,
      });
      return signIn(kit.app, email);
    },
  };
}
