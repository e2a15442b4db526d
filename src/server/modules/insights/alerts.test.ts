import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pino from 'pino';
import { testEngines } from '../../db/testing.ts';
import { createMailer } from '../../adapters/mail/smtp-mailer.ts';
import type { Mailer } from '../../adapters/mail/mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp-server.ts';
import { signIn } from '../staff/staff.testing.ts';
import { openInsightsKit, type InsightsKit, type TestResponse } from './insights.testing.ts';

/** n responses in the month with the given share of promoters (10) and the rest detractors (0). */
function month(unitId: string, yyyyMm: string, n: number, promoterShare: number): TestResponse[] {
  return Array.from({ length: n }, (_, i) => ({
    unitId,
    localDate: `${yyyyMm}-${String((i % 28) + 1).padStart(2, '0')}`,
    recommendation: i < Math.round(n * promoterShare) ? 10 : 0,
  }));
}

describe.each(testEngines())('alerts on %s', (engine) => {
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let kit: InsightsKit;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    mailer = createMailer(
      { smtpUrl: smtp.url, mailFrom: 'Kuulo <kuulo@example.fi>' },
      pino({ level: 'silent' }),
    );
    kit = await openInsightsKit(engine, { mailer });
    await kit.addUnit('root', null, 'division');
    await kit.addUnit('falling', 'root', 'service');
    await kit.addUnit('steady', 'root', 'service');
    await kit.addUnit('tiny', 'root', 'service');
    await kit.insert([
      ...month('falling', '2026-02', 80, 0.8),
      ...month('falling', '2026-03', 80, 0.3),
      ...month('steady', '2026-02', 60, 0.6),
      ...month('steady', '2026-03', 60, 0.6),
      ...month('tiny', '2026-02', 4, 1),
      ...month('tiny', '2026-03', 4, 0),
    ]);
    await kit.insights.aggregates.catchUp();
    await kit.createUser('chief@example.fi', [{ role: 'manager', unitId: 'falling' }]);
    await kit.createUser('boss@example.fi', [{ role: 'manager', unitId: 'root' }]);
    await kit.createUser('elsewhere@example.fi', [{ role: 'manager', unitId: 'steady' }]);
    await kit.createUser('analyst@example.fi', [{ role: 'analyst', unitId: 'steady' }]);
  }, 90_000);
  afterAll(async () => {
    await kit?.close();
    await mailer?.close();
    await smtp?.stop();
  });

  test('a significant NPS drop raises one alert, e-mailed to the managers of the unit through SMTP', async () => {
    await kit.insights.alerts.createRule({
      kind: 'nps_drop',
      unitId: 'root',
      includeDescendants: true,
      threshold: null,
      periodDays: 31,
      actorId: null,
    });
    const result = await kit.insights.alerts.evaluate('2026-04-01');
    // root fell too (80→… mixed with steady), falling fell; steady did not; tiny is a small group.
    const alerts = await kit.insights.alerts.listAlerts({ rootIds: null });
    const units = alerts.map((a) => a.unitId).sort();
    expect(units).toContain('falling');
    expect(units).not.toContain('steady');
    expect(units).not.toContain('tiny');
    expect(result.created).toBe(alerts.length);
    const falling = alerts.find((a) => a.unitId === 'falling')!;
    expect(falling.periodFrom).toBe('2026-03-01');
    expect(falling.periodTo).toBe('2026-03-31');
    expect(falling.figures.nps).toBeCloseTo(30 - 70, 6);
    expect(falling.figures.previousNps).toBeCloseTo(80 - 20, 6);
    expect(falling.figures.changeHigh).toBeLessThan(0);
    expect(falling.emailedAt).not.toBeNull();

    const mail = await smtp.waitForMessage(
      (m) => m.to.includes('chief@example.fi') && m.subject.includes('falling'),
    );
    expect(mail.subject).toContain('suositteluindeksi laski');
    expect(mail.text).toContain('-40');
    expect(mail.headers['x-kuulo-alert']).toBe(falling.id);
    await smtp.waitForMessage((m) => m.to.includes('boss@example.fi') && m.subject.includes('falling'));
    expect(smtp.messages().some((m) => m.to.includes('elsewhere@example.fi'))).toBe(false);
  });

  test('evaluating the same day again raises and sends nothing new', async () => {
    const before = smtp.messages().length;
    expect(await kit.insights.alerts.evaluate('2026-04-01')).toEqual({ created: 0, emailed: 0 });
    expect(smtp.messages().length).toBe(before);
  });

  test('a detractor share over the limit raises an alert; under it does not', async () => {
    await kit.insights.alerts.createRule({
      kind: 'detractor_share',
      unitId: 'steady',
      includeDescendants: false,
      threshold: 0.3,
      periodDays: 31,
      actorId: null,
    });
    await kit.insights.alerts.createRule({
      kind: 'detractor_share',
      unitId: 'falling',
      includeDescendants: false,
      threshold: 0.5,
      periodDays: 31,
      actorId: null,
    });
    await kit.insights.alerts.evaluate('2026-04-01');
    const alerts = await kit.insights.alerts.listAlerts({ rootIds: null });
    const shares = alerts.filter((a) => a.kind === 'detractor_share');
    // steady: 40 % detractors in March but also 40 % in February: it did not *rise* above 30 %.
    expect(shares.map((a) => a.unitId)).toEqual(['falling']);
    expect(shares[0]!.figures.detractorShare).toBeCloseTo(0.7, 6);
  });

  test('staff see only the alerts of their subtree, in the API and on the alerts page', async () => {
    const analyst = await signIn(kit.app, 'analyst@example.fi');
    const api = await kit.app.inject({
      method: 'GET',
      url: '/api/v1/insights/alerts',
      headers: { cookie: analyst.cookie },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual([]);
    const boss = await signIn(kit.app, 'boss@example.fi');
    const page = await kit.app.inject({
      method: 'GET',
      url: '/staff/insights/alerts?lang=en',
      headers: { cookie: boss.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('NPS fell significantly');
    expect(page.body).toContain('falling');
  });
});
