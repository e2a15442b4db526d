import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { createTestKuulo, type TestKuulo } from '../../testing/kuulo.ts';
import { OBJECTION_TAG } from '../../../shared/inbox-tags.ts';
import type { FeedbackType } from '../feedback/index.ts';
import { helsinkiTime, replyDeadline } from './inbox.deadlines.ts';
import { median, percentile, previousQuarter, suppressUnits } from './inbox.quarterly.service.ts';

const CONTEXT = { actorId: null, source: 'test' };
const at = (date: string, hour = 10) => helsinkiTime(date, hour);

interface Constructed {
  type: FeedbackType;
  unit: string;
  received: string;
  wantsReply?: boolean;
  /** Status changes in order: [status, Helsinki date]. */
  moves?: [string, string][];
  published?: { on: string; reply?: string; withheldLater?: boolean };
  replies?: { channel: 'email' | 'sms'; status: 'sent' | 'failed'; on: string }[];
  objectionTaggedOn?: string;
}

// A constructed quarter (2026Q2: Easter, May Day, Ascension and Midsummer fall in it) in the subtree of
// "health": kallio (with the site kallio-lab under it), vuosaari, malmi, and one item routed to health itself.
// Expected figures are worked out by hand in the comments.
const ITEMS: Constructed[] = [
  // 1. Thu before Easter: due on Mon 13 April (Good Friday, Easter Monday off); done that day: met, 5 days.
  {
    type: 'question',
    unit: 'kallio',
    received: '2026-04-02',
    wantsReply: true,
    moves: [['done', '2026-04-13']],
    replies: [{ channel: 'email', status: 'sent', on: '2026-04-13' }],
  },
  // 2. Thu before May Day: due Fri 8 May; done Mon 11 May: late, 6 days. Redirected to the objection process.
  {
    type: 'complaint',
    unit: 'kallio',
    received: '2026-04-30',
    wantsReply: true,
    moves: [['done', '2026-05-11']],
    replies: [{ channel: 'sms', status: 'sent', on: '2026-05-11' }],
    objectionTaggedOn: '2026-05-11',
  },
  // 3. Accessibility on a Sunday: 14 calendar days, due 24 May; done 20 May: met, 7 working days (Ascension off).
  { type: 'accessibility', unit: 'kallio', received: '2026-05-10', moves: [['done', '2026-05-20']] },
  // 4. Praise done the same day: 0 days, no deadline. Published with a public reply.
  {
    type: 'praise',
    unit: 'kallio',
    received: '2026-06-01',
    moves: [['done', '2026-06-01']],
    published: { on: '2026-06-02', reply: 'Kiitos!' },
  },
  // 5. At the site below kallio: counts for kallio. Duplicate; published and withheld later: not counted.
  {
    type: 'idea',
    unit: 'kallio-lab',
    received: '2026-06-10',
    moves: [['duplicate', '2026-06-11']],
    published: { on: '2026-06-12', withheldLater: true },
  },
  // 6. Thu before Midsummer Eve: due Fri 26 June; still open at the end: late and overdue.
  { type: 'question', unit: 'kallio', received: '2026-06-18', wantsReply: true },
  // 18. Done on Mon 4 May (1 day after a Saturday), reopened in June: open at the end, handling time counts once.
  {
    type: 'question',
    unit: 'kallio',
    received: '2026-05-02',
    moves: [
      ['done', '2026-05-04'],
      ['handling', '2026-06-05'],
    ],
  },
  // 7. Rejected the next day: closed before the deadline, so met. Redirected to the objection process.
  {
    type: 'complaint',
    unit: 'vuosaari',
    received: '2026-04-15',
    wantsReply: true,
    moves: [['rejected', '2026-04-16']],
    replies: [{ channel: 'email', status: 'failed', on: '2026-04-16' }],
    objectionTaggedOn: '2026-04-16',
  },
  // 8–11. Four praises done the next day: 1 day each; the first published without a public reply.
  {
    type: 'praise',
    unit: 'vuosaari',
    received: '2026-05-05',
    moves: [['done', '2026-05-06']],
    published: { on: '2026-05-07' },
  },
  { type: 'praise', unit: 'vuosaari', received: '2026-05-05', moves: [['done', '2026-05-06']] },
  { type: 'praise', unit: 'vuosaari', received: '2026-05-05', moves: [['done', '2026-05-06']] },
  { type: 'praise', unit: 'vuosaari', received: '2026-05-05', moves: [['done', '2026-05-06']] },
  // 12. Mon 29 June: due Mon 6 July, in the next quarter: not a Q2 deadline; open, not overdue.
  { type: 'question', unit: 'malmi', received: '2026-06-29', wantsReply: true },
  // 13. Open, no deadline.
  { type: 'other', unit: 'malmi', received: '2026-06-30' },
  // 14. Routed to health itself: the unit's own row.
  { type: 'other', unit: 'health', received: '2026-04-20' },
  // 15. Received in Q1 (due Wed 1 April), done 8 April: a late Q2 deadline, 8 working days. Tagged in Q2 only.
  {
    type: 'complaint',
    unit: 'kallio',
    received: '2026-03-25',
    wantsReply: true,
    moves: [['done', '2026-04-08']],
    objectionTaggedOn: '2026-04-08',
  },
  // 17. Q1 only.
  { type: 'praise', unit: 'kallio', received: '2026-01-15', moves: [['done', '2026-01-16']] },
  // 16. Outside the subtree: never counted.
  {
    type: 'question',
    unit: 'family',
    received: '2026-05-05',
    wantsReply: true,
    replies: [{ channel: 'email', status: 'sent', on: '2026-05-06' }],
    objectionTaggedOn: '2026-05-06',
  },
];

async function construct(kit: TestKuulo, staffId: string): Promise<void> {
  const { db } = kit.kuulo.database;
  for (const item of ITEMS) {
    const id = randomUUID();
    const createdAt = at(item.received);
    const deadline = replyDeadline({
      type: item.type,
      replyRequested: item.wantsReply ?? false,
      receivedAt: createdAt,
    });
    const last = item.moves?.at(-1)?.[0] ?? 'received';
    await db
      .insertInto('feedback_items')
      .values({
        id,
        submission_id: randomUUID(),
        public_id: `q${randomBytes(6).toString('hex')}`,
        tracking_token: randomBytes(16).toString('hex'),
        type: item.type,
        unit_id: item.unit,
        routed_unit_id: item.unit,
        description_redacted: 'Rakennettu testipalaute.',
        language: 'fi',
        wants_reply: item.wantsReply ?? false,
        status: last as never,
        reply_due_at: deadline?.dueAt ?? null,
        source: 'web',
        moderation: item.published ? (item.published.withheldLater ? 'withheld' : 'published') : 'pending',
        published_at: item.published ? at(item.published.on) : null,
        public_reply: item.published?.reply ?? null,
        created_at: createdAt,
      })
      .execute();
    const events = [{ kind: 'received' as const, from: null, to: 'received', time: createdAt }];
    let from = 'received';
    for (const [to, on] of item.moves ?? []) {
      events.push({ kind: 'status_changed' as never, from: from as never, to, time: at(on, 14) });
      from = to;
    }
    for (const e of events) {
      await db
        .insertInto('inbox_events')
        .values({
          feedback_id: id,
          kind: e.kind,
          actor_id: null,
          from_status: e.from,
          to_status: e.to,
          created_at: e.time,
        })
        .execute();
    }
    for (const r of item.replies ?? []) {
      await db
        .insertInto('inbox_replies')
        .values({
          feedback_id: id,
          channel: r.channel,
          language: 'fi',
          body: 'Vastaus',
          status: r.status,
          sent_by: staffId,
          created_at: at(r.on, 15),
        })
        .execute();
    }
    if (item.objectionTaggedOn) {
      await db
        .insertInto('inbox_tags')
        .values({
          feedback_id: id,
          tag: OBJECTION_TAG,
          created_by: staffId,
          created_at: at(item.objectionTaggedOn, 15),
        })
        .execute();
    }
  }
}

describe('quarterly statistics helpers', () => {
  test('the median averages the two middle values and the 90th percentile is the nearest rank', () => {
    expect(median([0, 1, 1, 1, 1, 1, 5, 6, 7, 8])).toBe(1);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([4, 1, 9])).toBe(4);
    expect(median([])).toBeNull();
    expect(percentile([0, 1, 1, 1, 1, 1, 5, 6, 7, 8], 0.9)).toBe(7);
    expect(percentile([3], 0.9)).toBe(3);
    expect(percentile([], 0.9)).toBeNull();
  });

  test('the quarter before the first is the last of the previous year', () => {
    expect(previousQuarter('2026Q1')).toBe('2025Q4');
    expect(previousQuarter('2026Q3')).toBe('2026Q2');
  });

  test('small units are hidden, and the smallest shown unit joins them when their sum could be worked out', () => {
    const unit = (childId: string, received: number) => ({
      childId,
      received,
      done: 0,
      openAtEnd: 0,
      overdueAtEnd: 0,
    });
    const one = suppressUnits([unit('a', 20), unit('b', 6), unit('c', 2)], 5);
    expect(one.shown.map((u) => u.childId)).toEqual(['a']);
    expect(one.other?.received).toBe(8);
    expect(one.otherUnits).toBe(2);
    const none = suppressUnits([unit('a', 20), unit('b', 6)], 5);
    expect(none.shown.map((u) => u.childId)).toEqual(['a', 'b']);
    expect(none.other).toBeNull();
    const enough = suppressUnits([unit('a', 20), unit('b', 3), unit('c', 4)], 5);
    expect(enough.shown.map((u) => u.childId)).toEqual(['a']);
    expect(enough.other?.received).toBe(7);
  });
});

describe.each(testEngines())('quarterly open-feedback figures on %s', (engine) => {
  let kit: TestKuulo;

  beforeAll(async () => {
    kit = await createTestKuulo(engine);
    const org = kit.kuulo.organisation.service;
    const unit = (
      id: string,
      parentId: string | null,
      type: 'division' | 'service_area' | 'unit' | 'site',
      fi: string,
      sv: string,
      en: string,
    ) => org.createUnit({ id, parentId, type, names: { fi, sv, en } }, CONTEXT);
    await unit('region', null, 'division', 'Hyvinvointialue', 'Välfärdsområdet', 'Wellbeing county');
    await unit('health', 'region', 'service_area', 'Terveyspalvelut', 'Hälsotjänster', 'Health services');
    await unit(
      'kallio',
      'health',
      'unit',
      'Kallion terveysasema',
      'Berghälls hälsostation',
      'Kallio health station',
    );
    await unit(
      'kallio-lab',
      'kallio',
      'site',
      'Kallion laboratorio',
      'Berghälls laboratorium',
      'Kallio laboratory',
    );
    await unit(
      'vuosaari',
      'health',
      'unit',
      'Vuosaaren terveysasema',
      'Nordsjö hälsostation',
      'Vuosaari health station',
    );
    await unit(
      'malmi',
      'health',
      'unit',
      'Malmin terveysasema',
      'Malms hälsostation',
      'Malmi health station',
    );
    await unit('social', 'region', 'service_area', 'Sosiaalipalvelut', 'Socialtjänster', 'Social services');
    await unit('family', 'social', 'unit', 'Perheneuvola', 'Familjerådgivningen', 'Family counselling');
    const { id } = await kit.kuulo.staff.service.createUser({
      email: 'handler@example.fi',
      displayName: 'Handler',
      password: 'vihreä talo järven rannalla',
      locale: 'fi',
      roles: [{ role: 'handler', unitId: 'health' }],
    });
    await construct(kit, id);
  });
  afterAll(async () => kit?.close());

  test('counts received items by type and status at the quarter end, deadlines with Finnish holidays, handling times and the backlog', async () => {
    const f = await kit.kuulo.inbox.quarterly.feedback({
      unitId: 'health',
      quarter: '2026Q2',
      minGroupSize: 5,
    });
    expect(f.complete).toBe(true);
    expect(f.suppressed).toBe(false);
    expect(f.received).toEqual({ received: 15, done: 8, duplicate: 1, rejected: 1, open: 5 });
    expect(f.byType).toEqual({
      praise: { received: 5, done: 5, duplicate: 0, rejected: 0, open: 0 },
      question: { received: 4, done: 1, duplicate: 0, rejected: 0, open: 3 },
      idea: { received: 1, done: 0, duplicate: 1, rejected: 0, open: 0 },
      complaint: { received: 2, done: 1, duplicate: 0, rejected: 1, open: 0 },
      accessibility: { received: 1, done: 1, duplicate: 0, rejected: 0, open: 0 },
      other: { received: 2, done: 0, duplicate: 0, rejected: 0, open: 2 },
    });
    expect(f.deadlines).toEqual({
      workingDays: { due: 5, met: 2, pending: 0 },
      accessibility: { due: 1, met: 1, pending: 0 },
    });
    // Days: 5, 6, 7, 0, 1, 1, 1, 1, 8, 1 → sorted 0 1 1 1 1 1 5 6 7 8.
    expect(f.handlingDays).toEqual({ n: 10, median: 1, p90: 7 });
    expect(f.openAtEnd).toBe(5);
    expect(f.overdueAtEnd).toBe(1);
    expect(f.replies).toEqual({ email: 1, sms: 1, failed: 1 });
    expect(f.published).toBe(2);
    expect(f.publishedWithReply).toBe(1);
  });

  test('breaks down by unit only where at least the threshold of items arrived, and never lets a small unit be subtracted', async () => {
    const f = await kit.kuulo.inbox.quarterly.feedback({
      unitId: 'health',
      quarter: '2026Q2',
      minGroupSize: 5,
    });
    expect(f.units).toEqual([
      { unitId: 'kallio', own: false, received: 7, done: 4, openAtEnd: 2, overdueAtEnd: 1 },
    ]);
    // malmi (2) and health's own item (1) are hidden; vuosaari (5) joins them so 3 cannot be worked out.
    expect(f.otherUnits).toEqual({
      unitId: null,
      own: false,
      units: 3,
      received: 8,
      done: 4,
      openAtEnd: 3,
      overdueAtEnd: 0,
    });
  });

  test('a quarter with fewer items than the threshold shows totals only', async () => {
    const q1 = await kit.kuulo.inbox.quarterly.feedback({
      unitId: 'health',
      quarter: '2026Q1',
      minGroupSize: 5,
    });
    expect(q1.suppressed).toBe(true);
    expect(q1.received.received).toBe(2);
    expect(q1.byType).toBeNull();
    expect(q1.deadlines).toBeNull();
    expect(q1.handlingDays).toBeNull();
    expect(q1.units).toEqual([]);
    expect(q1.otherUnits).toBeNull();
    // Item 15 was open, its deadline (1 April) still ahead at the end of March.
    expect(q1.openAtEnd).toBe(1);
    expect(q1.overdueAtEnd).toBe(0);
  });

  test('counts items redirected to the objection process by the quarter they arrived in', async () => {
    const q2 = await kit.kuulo.inbox.quarterly.objections({
      unitId: 'health',
      quarter: '2026Q2',
      minGroupSize: 5,
    });
    expect(q2).toMatchObject({ received: 15, redirected: 2, suppressed: false });
    expect(q2.byType?.complaint).toBe(2);
    const q1 = await kit.kuulo.inbox.quarterly.objections({
      unitId: 'health',
      quarter: '2026Q1',
      minGroupSize: 5,
    });
    // Item 15 arrived in Q1 but was marked only in Q2: the Q1 review stays as it was.
    expect(q1).toMatchObject({ received: 2, redirected: 0, suppressed: true, byType: null });
  });

  test('the quarterly review shows both sections in Finnish, Swedish and English', async () => {
    const html = (lang: 'fi' | 'sv' | 'en') =>
      kit.kuulo.reports.quarterly.html({ unitId: 'health', quarter: '2026Q2', lang });
    const section = (page: string, id: string) => {
      const start = page.indexOf(`id="section-${id}"`);
      expect(start).toBeGreaterThan(0);
      return page.slice(start, page.indexOf('</section>', start));
    };
    const en = await html('en');
    const feedback = section(en, 'open_feedback');
    expect(feedback).toContain('Handled open feedback');
    expect(feedback).toContain('15 open-feedback items were received in the quarter (previous quarter 2)');
    expect(feedback).toContain('40% (2 / 5)');
    expect(feedback).toContain('1 (n = 10)');
    expect(feedback).toContain('7 (n = 10)');
    expect(feedback).toContain('Kallio health station');
    expect(feedback).toContain('Other units together (3)');
    expect(feedback).not.toContain('Malmi');
    expect(feedback).toContain('hidden (too few)');
    expect(feedback).not.toContain('Not available yet');
    const objections = section(en, 'formal_objections');
    expect(objections).toContain('own register, not in Kuulo');
    expect(objections).toContain('Of the 15 open-feedback items received in the quarter, 2 were redirected');
    const fi = await html('fi');
    expect(section(fi, 'open_feedback')).toContain('Käsitelty avoin palaute');
    expect(section(fi, 'open_feedback')).toContain('Kallion terveysasema');
    expect(section(fi, 'formal_objections')).toContain('omassa asianhallinnassa');
    expect(section(fi, 'formal_objections')).toContain('15 avoimesta palautteesta 2 ohjattiin');
    const sv = await html('sv');
    expect(section(sv, 'open_feedback')).toContain('Behandlad öppen respons');
    expect(section(sv, 'open_feedback')).toContain('Berghälls hälsostation');
    expect(section(sv, 'formal_objections')).toContain('Anmärkningar');
    expect(section(sv, 'formal_objections')).toContain('hänvisades 2 till anmärkningsförfarandet');
  });

  test('the review of a small unit neither breaks its feedback down nor names other units', async () => {
    const html = await kit.kuulo.reports.quarterly.html({ unitId: 'malmi', quarter: '2026Q2', lang: 'en' });
    const start = html.indexOf('id="section-open_feedback"');
    const feedback = html.slice(start, html.indexOf('</section>', start));
    expect(feedback).toContain('2 open-feedback items were received in the quarter');
    expect(feedback).toContain('not broken down by type, deadline or unit');
    expect(feedback).not.toContain('Open feedback received, by type');
    expect(feedback).not.toContain('By unit');
  });

  test('items of the subtree are counted where they are handled now, whatever unit the writer chose', async () => {
    const { db } = kit.kuulo.database;
    await sql`update feedback_items set routed_unit_id = 'family' where unit_id = 'malmi' and type = 'other'`.execute(
      db,
    );
    try {
      const f = await kit.kuulo.inbox.quarterly.feedback({
        unitId: 'health',
        quarter: '2026Q2',
        minGroupSize: 5,
      });
      expect(f.received.received).toBe(14);
    } finally {
      await sql`update feedback_items set routed_unit_id = 'malmi' where unit_id = 'malmi' and type = 'other'`.execute(
        db,
      );
    }
  });
});
