import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { ValidationError } from '../../errors.ts';
import type { FeedbackInput, FeedbackProblem } from './index.ts';
import { jpegWithGps, openFeedbackKit, pngImage, type FeedbackKit } from './feedback.test-fixtures.ts';

function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const hex = exif.toString('hex');
  // The GPS IFD pointer tag 0x8825, little-endian (II) or big-endian (MM).
  return hex.includes('2588') || hex.includes('8825');
}

function input(overrides: Partial<FeedbackInput> = {}): FeedbackInput {
  return {
    submissionId: randomUUID(),
    type: 'question',
    unitId: 'hs-kallio',
    description: 'Miksi ajanvaraus ei toimi verkossa? Yritin kolme kertaa.',
    language: 'fi',
    ...overrides,
  };
}

async function problemsOf(promise: Promise<unknown>): Promise<FeedbackProblem[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).details as FeedbackProblem[];
}

describe.each(testEngines())('feedback service on %s', (engine) => {
  let kit: FeedbackKit;
  beforeAll(async () => {
    kit = await openFeedbackKit(engine);
  });
  afterAll(async () => kit.close());
  const service = () => kit.feedback.service;
  const count = async (table: 'feedback_items' | 'feedback_attachments' | 'feedback_contacts') =>
    Number(
      (
        await kit.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('stores the feedback with redacted text, the original encrypted and the contact encrypted', async () => {
    const result = await service().submit(
      input({
        description: 'Hetuni on 131052-308T ja soittakaa numeroon 040 123 4567, kiitos.',
        wantsReply: true,
        contact: { name: 'Maija Meikäläinen', email: 'maija@example.fi' },
      }),
      { source: 'web' },
    );
    expect(result.created).toBe(true);
    const item = await service().get(result.id);
    expect(item?.descriptionRedacted).toBe('Hetuni on [personal-id] ja soittakaa numeroon [phone], kiitos.');
    expect(item?.redactions).toEqual({ personal_id: 1, phone: 1 });
    expect(item).toMatchObject({ status: 'received', moderation: 'pending', routedUnitId: 'hs-kallio' });
    expect(item?.replyChannel).toBe('email');
    expect(item?.hasOriginal).toBe(true);
    // Nothing readable at rest: the original text and the e-mail address are not in the stored bytes.
    const original = await kit.database.db
      .selectFrom('feedback_originals')
      .select('ciphertext')
      .where('feedback_id', '=', result.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(original.ciphertext).toString('latin1')).not.toContain('131052');
    const contactRow = await kit.database.db
      .selectFrom('feedback_contacts')
      .select('ciphertext')
      .where('feedback_id', '=', result.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(contactRow.ciphertext).toString('latin1')).not.toContain('maija@');
    expect(await service().readOriginal(result.id, { actorId: randomUUID(), purpose: 'test' })).toContain(
      '131052-308T',
    );
    expect(await service().readContact(result.id, { actorId: randomUUID() })).toEqual({
      name: 'Maija Meikäläinen',
      email: 'maija@example.fi',
    });
    const audits = await kit.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', result.id)
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['feedback.contact_read', 'feedback.original_read']);
  });

  test('the same submission id stores once and answers with the first tracking token', async () => {
    const first = input();
    const a = await service().submit(first, { source: 'web' });
    const before = await count('feedback_items');
    const b = await service().submit(
      { ...first, description: 'Toinen teksti samalla tunnuksella.' },
      { source: 'web' },
    );
    expect(b).toEqual({ ...a, created: false });
    expect(await count('feedback_items')).toBe(before);
  });

  test('accepts "I don\'t know" as the unit and leaves the routing to the inbox', async () => {
    const result = await service().submit(input({ unitId: null, type: 'idea' }), { source: 'web' });
    const item = await service().get(result.id);
    expect(item).toMatchObject({ unitId: null, routedUnitId: null, type: 'idea', wantsReply: false });
  });

  test('reports every problem at once in the request language and writes nothing', async () => {
    const before = await count('feedback_items');
    const problems = await problemsOf(
      service().submit(
        input({
          type: 'nonsense' as 'other',
          unitId: 'closed-unit',
          description: 'lyhyt',
          wantsReply: true,
          contact: { email: 'not-an-address' },
        }),
        { source: 'web', lang: 'sv' },
      ),
    );
    expect(problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual([
      'contact.email:invalid_email',
      'description:too_short',
      'type:invalid',
      'unitId:unknown_unit',
    ]);
    expect(problems.find((p) => p.field === 'description')?.message).toBe(
      'Responsen är för kort: skriv minst 10 tecken.',
    );
    expect(await count('feedback_items')).toBe(before);
  });

  test('a reply needs an e-mail address or a phone number', async () => {
    const problems = await problemsOf(
      service().submit(input({ wantsReply: true, contact: { name: 'Matti' } }), {
        source: 'web',
        lang: 'en',
      }),
    );
    expect(problems).toEqual([
      {
        field: 'wantsReply',
        code: 'contact_needed',
        message: 'To get a reply, give an e-mail address or a phone number.',
      },
    ]);
  });

  test('counts the description in characters: 10 to 5,000', async () => {
    await expect(
      service().submit(input({ description: 'ääääääääää' }), { source: 'web' }),
    ).resolves.toMatchObject({
      created: true,
    });
    const long = await problemsOf(
      service().submit(input({ description: 'a'.repeat(5001) }), { source: 'web' }),
    );
    expect(long.map((p) => p.code)).toEqual(['too_long']);
    await expect(
      service().submit(input({ description: 'b'.repeat(5000) }), { source: 'web' }),
    ).resolves.toMatchObject({
      created: true,
    });
  });

  test('re-encodes images so GPS and camera metadata are gone', async () => {
    const original = await jpegWithGps();
    expect(hasGpsIfd((await sharp(original).metadata()).exif)).toBe(true);
    const result = await service().submit(
      input({
        attachments: [
          { filename: 'photo.jpg', mime: 'image/jpeg', data: original },
          { filename: 'shot.png', mime: 'application/octet-stream', data: await pngImage() },
        ],
      }),
      { source: 'web' },
    );
    const item = await service().get(result.id);
    expect(item?.attachments.map((a) => a.mime)).toEqual(['image/jpeg', 'image/png']);
    const stored = await service().getAttachment(item?.attachments[0]?.id ?? '', { publicOnly: false });
    const meta = await sharp(stored?.content).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(hasGpsIfd(meta.exif)).toBe(false);
    expect(stored?.content.includes(Buffer.from('Secret Model'))).toBe(false);
    // Public readers get nothing until a moderator publishes the item.
    expect(await service().getAttachment(stored?.id ?? '', { publicOnly: true })).toBeUndefined();
  });

  test('refuses files that are not JPEG, PNG or WebP, too large, or too many, and stores nothing', async () => {
    const before = await count('feedback_attachments');
    const items = await count('feedback_items');
    const gif = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');
    const problems = await problemsOf(
      service().submit(
        input({
          attachments: [
            { filename: 'fake.jpg', mime: 'image/jpeg', data: Buffer.from('<script>alert(1)</script>') },
            { filename: 'anim.gif', mime: 'image/gif', data: gif },
            { filename: 'big.jpg', mime: 'image/jpeg', data: Buffer.alloc(10), tooLarge: true },
          ],
        }),
        { source: 'web', lang: 'en' },
      ),
    );
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'attachments.1:file_type',
      'attachments.2:file_type',
      'attachments.3:file_too_large',
    ]);
    expect(problems[2]?.message).toBe('The image big.jpg is too large: at most 5 MB.');
    const png = await pngImage();
    const tooMany = await problemsOf(
      service().submit(
        input({
          attachments: [1, 2, 3, 4].map((n) => ({ filename: `${n}.png`, mime: 'image/png', data: png })),
        }),
        { source: 'web' },
      ),
    );
    expect(tooMany.map((p) => p.code)).toEqual(['too_many']);
    expect(await count('feedback_attachments')).toBe(before);
    expect(await count('feedback_items')).toBe(items);
  });

  test('submit hooks run inside the transaction: a failing hook stores nothing', async () => {
    const before = await count('feedback_items');
    let seen: string | undefined;
    kit.feedback.service.onSubmit(async (item, trx) => {
      seen = item.id;
      await trx
        .updateTable('feedback_items')
        .set({ status: 'allocated' })
        .where('id', '=', item.id)
        .execute();
      if (item.descriptionRedacted.includes('FAIL')) throw new Error('hook failed');
    });
    const ok = await service().submit(input(), { source: 'web' });
    expect(seen).toBe(ok.id);
    expect((await service().get(ok.id))?.status).toBe('allocated');
    await expect(
      service().submit(input({ description: 'please FAIL this one' }), { source: 'web' }),
    ).rejects.toThrow('hook failed');
    expect(await count('feedback_items')).toBe(before + 1);
  });

  test('tracking shows status and public reply for the token only', async () => {
    const result = await service().submit(input({ type: 'praise' }), { source: 'web' });
    expect(await service().track('x'.repeat(32))).toBeUndefined();
    await kit.database.db
      .updateTable('feedback_items')
      .set({ status: 'done', public_reply: 'Kiitos palautteesta!', public_reply_at: new Date() })
      .where('id', '=', result.id)
      .execute();
    const view = await service().track(result.trackingToken);
    expect(view).toMatchObject({
      publicId: result.publicId,
      status: 'done',
      publicReply: 'Kiitos palautteesta!',
    });
    expect(JSON.stringify(view)).not.toContain('ajanvaraus');
  });
});
