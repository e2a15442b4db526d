// Test support: a whole Kuulo with a small tree, one person per role, a real local SMTP server, and helpers to
// submit open feedback through the feedback service (as the public form does).
import { randomUUID } from 'node:crypto';
import type { Engine } from '../../db/database.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp-server.ts';
import type { RoleAssignment, StaffPrincipal } from '../staff/index.ts';
import type { FeedbackInput } from '../feedback/index.ts';

const CONTEXT = { actorId: null, source: 'test' };
/** Every kit person's password (passes the password policy). */
export const KIT_PASSWORD = 'vihreä talo järven rannalla';

export type Person = 'admin' | 'coordinator' | 'manager' | 'handler' | 'otherHandler' | 'analyst' | 'viewer';

const ROLES: Record<Person, RoleAssignment[]> = {
  admin: [{ role: 'admin', unitId: null }],
  coordinator: [{ role: 'coordinator', unitId: null }],
  manager: [{ role: 'manager', unitId: 'health' }],
  handler: [{ role: 'handler', unitId: 'kallio' }],
  otherHandler: [{ role: 'handler', unitId: 'social' }],
  analyst: [{ role: 'analyst', unitId: 'health' }],
  viewer: [{ role: 'viewer', unitId: 'region' }],
};

export interface InboxKit extends TestKuulo {
  smtp: TestSmtpServer;
  people: Record<Person, StaffPrincipal>;
  submit(input: Partial<FeedbackInput>): Promise<string>;
  stopAll(): Promise<void>;
}

/** region (division) > health (service area) > kallio (unit) > kallio-lab (site); region > social > family (unit). */
export async function createInboxKit(engine: Engine): Promise<InboxKit> {
  const smtp = await startTestSmtpServer();
  const base = await createTestKuulo(engine, { smtpUrl: smtp.url, publicUrl: 'https://kuulo.example' });
  const org = base.kuulo.organisation.service;
  const unit = (
    id: string,
    parentId: string | null,
    type: 'division' | 'service_area' | 'unit' | 'site',
    fi: string,
    sv: string,
  ) => org.createUnit({ id, parentId, type, names: { fi, sv, en: fi } }, CONTEXT);
  await unit('region', null, 'division', 'Hyvinvointialue', 'Välfärdsområdet');
  await unit('health', 'region', 'service_area', 'Terveyspalvelut', 'Hälsotjänster');
  await unit('kallio', 'health', 'unit', 'Kallion terveysasema', 'Berghälls hälsostation');
  await unit('kallio-lab', 'kallio', 'site', 'Kallion laboratorio', 'Berghälls laboratorium');
  await unit('social', 'region', 'service_area', 'Sosiaalipalvelut', 'Socialtjänster');
  await unit('family', 'social', 'unit', 'Perheneuvola', 'Familjerådgivningen');
  const people = {} as Record<Person, StaffPrincipal>;
  for (const [person, roles] of Object.entries(ROLES) as [Person, RoleAssignment[]][]) {
    const email = `${person.toLowerCase()}@example.fi`;
    const { id } = await base.kuulo.staff.service.createUser({
      email,
      displayName: `${person} person`,
      password: KIT_PASSWORD,
      locale: person === 'handler' ? 'sv' : 'fi',
      roles,
    });
    people[person] = {
      userId: id,
      email,
      displayName: `${person} person`,
      locale: person === 'handler' ? 'sv' : 'fi',
      roles,
      csrfToken: 'test',
    };
  }
  return {
    ...base,
    smtp,
    people,
    async submit(input) {
      const result = await base.kuulo.feedback.service.submit(
        {
          submissionId: randomUUID(),
          type: 'question',
          unitId: 'kallio',
          description: 'Hur länge måste jag vänta på en läkartid?',
          language: 'sv',
          wantsReply: true,
          contact: { name: 'Signe Svensson', email: 'signe@example.fi' },
          ...input,
        },
        { source: 'web' },
      );
      return result.id;
    },
    async stopAll() {
      await base.close();
      await smtp.stop();
    },
  };
}
