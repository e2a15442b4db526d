import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';

import { many, openReportsKit, type ReportsKit, type SignedIn } from './reports.testing.ts';

describe.each(testEngines())('quarterly review on %s', (engine) => {
  let kit: ReportsKit;
  let manager: SignedIn;

  beforeAll(async () => {
    kit = await openReportsKit(engine);
    await kit.insert([
      ...many(25, { unitId: 'r-kallio', localDate: '2026-08-12', statements: { smooth: 5 } }, [10, 10, 9, 8]),
      ...many(15, { unitId: 'r-vallila', localDate: '2026-09-01', channel: 'sms' }, [6, 9, 5]),
      ...many(8, { unitId: 'r-hs', localDate: '2026-07-03', channel: 'kiosk' }),
      ...many(2, { unitId: 'r-tiny', localDate: '2026-07-03' }, [0]),
      ...many(10, { unitId: 'r-kallio', localDate: '2026-05-05' }),
    ]);
    manager = await kit.user('manager@example.fi', [{ role: 'manager', unitId: 'r-hs' }]);
  });
  afterAll(async () => kit?.close());

  test('the HTML has every part, ranks only shown units, and the features fill the themes, open-feedback and objection sections', async () => {
    const html = await kit.kuulo.reports.quarterly.html({ unitId: 'r-hs', quarter: '2026Q3', lang: 'en' });
    expect(html).toContain('Quarterly review: Health stations, 2026Q3');
    expect(html).toContain('2026-07-01');
    expect(html).toContain('Answers per channel');
    const units = html.slice(html.indexOf('Best and weakest units'));
    expect(units).toContain('Kallio health station');
    expect(units).toContain('Vallila health station');
    expect(units.slice(0, units.indexOf('</section>'))).not.toContain('Small clinic');
    expect(html).not.toContain('Not available yet.');
    // The inbox fills "Handled open feedback" and "Formal objections"; this subtree has no open feedback.
    const feedback = html.slice(html.indexOf('id="section-open_feedback"'));
    expect(feedback.slice(0, 300)).toContain('Handled open feedback');
    expect(feedback.slice(0, 300)).toContain('No open feedback was received in the quarter');
    const objections = html.slice(html.indexOf('id="section-formal_objections"'));
    expect(objections.slice(0, 800)).toContain('own register, not in Kuulo');
    // Text analysis fills the themes section (composition registers it); these responses have no comments,
    // and none is not a small group: the section says so instead of hiding it.
    const themes = html.slice(html.indexOf('Themes in the feedback'));
    expect(themes.slice(0, 300)).toContain('No comments were analysed in the quarter.');
  });

  test('a registered section provider replaces its placeholder', async () => {
    kit.kuulo.reports.quarterly.registerSection({
      id: 'formal_objections',
      title: () => 'Muistutukset',
      build: async (context) => ({ kind: 'content', paragraphs: [`${context.quarter}: 0 muistutusta`] }),
    });
    const html = await kit.kuulo.reports.quarterly.html({ unitId: 'r-hs', quarter: '2026Q3', lang: 'fi' });
    expect(html).toContain('2026Q3: 0 muistutusta');
    expect(html.match(/id="section-formal_objections"/g)).toHaveLength(1);
  });

  test('the PDF is produced from the dashboard and its first page renders to a PNG', async () => {
    const response = await kit.app.inject({
      method: 'GET',
      url: '/staff/dashboard/quarterly.pdf?unit=r-hs&quarter=2026Q3&lang=sv',
      headers: { cookie: manager.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-quarterly-'));
    try {
      fs.writeFileSync(path.join(dir, 'review.pdf'), pdf);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '50',
        '-f',
        '1',
        '-l',
        '1',
        path.join(dir, 'review.pdf'),
        path.join(dir, 'page'),
      ]);
      const png = fs.readdirSync(dir).find((f) => f.endsWith('.png')) as string;
      const bytes = fs.readFileSync(path.join(dir, png));
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(bytes.length).toBeGreaterThan(5000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad quarter is a 400 and another subtree is refused', async () => {
    const bad = await kit.app.inject({
      method: 'GET',
      url: '/staff/dashboard/quarterly?unit=r-hs&quarter=2026Q5',
      headers: { cookie: manager.cookie, accept: 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_quarter');
    const other = await kit.app.inject({
      method: 'GET',
      url: '/staff/dashboard/quarterly?unit=r-other&quarter=2026Q3',
      headers: { cookie: manager.cookie },
    });
    expect(other.statusCode).toBe(403);
  });
});
