import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp-server.ts';
import { createMailer, MailNotConfiguredError } from './smtp-mailer.ts';

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('SMTP mailer against a real local SMTP server process', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it('delivers the message with sender, recipients, subject, text in UTF-8 and extra headers', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Kuulo <palaute@kunta.example>' });
    const sent = await mailer.send({
      to: ['asukas@example.org'],
      subject: 'Vastaus palautteeseesi – Svar på din respons',
      text: 'Hei! Kiitos palautteesta. Åbo, Närpes, ÄÖ.',
      headers: { 'X-Kuulo-Feedback': 'fb-123' },
    });
    await mailer.close();
    const mail = await smtp.waitForMessage((m) => m.subject.startsWith('Vastaus'));
    expect(sent.messageId).toMatch(/@/);
    expect(mail.messageId).toBe(sent.messageId);
    expect(mail.from).toBe('palaute@kunta.example');
    expect(mail.to).toEqual(['asukas@example.org']);
    expect(mail.envelopeTo).toEqual(['asukas@example.org']);
    expect(mail.subject).toBe('Vastaus palautteeseesi – Svar på din respons');
    expect(mail.text.trim()).toBe('Hei! Kiitos palautteesta. Åbo, Närpes, ÄÖ.');
    expect(mail.headers['x-kuulo-feedback']).toBe('fb-123');
    expect(mail.headers['x-kuulo-mail-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a mail id and a recipient count, never the address, subject or body', async () => {
    const { logger, lines } = capturingLogger();
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'kuulo@kunta.example' }, logger);
    await mailer.send({ to: ['salainen@example.org'], subject: 'Aihe-XYZ', text: 'Sisältö-ABC' });
    await mailer.close();
    const log = lines.join('');
    expect(log).toContain('mail sent');
    expect(log).toContain('"recipients":1');
    expect(log).not.toMatch(/salainen|Aihe-XYZ|Sisältö-ABC/);
  });

  it('waitForMessage rejects when no matching message arrives', async () => {
    await expect(smtp.waitForMessage((m) => m.subject === 'never', 200)).rejects.toThrow(
      /no matching e-mail/,
    );
  });
});

describe('SMTP mailer with authentication', () => {
  it('authenticates with the credentials in the SMTP URL and is refused with wrong ones', async () => {
    const smtp = await startTestSmtpServer({ auth: { user: 'kuulo', pass: 's3cret pass' } });
    try {
      const good = createMailer({ smtpUrl: smtp.url, mailFrom: 'kuulo@kunta.example' });
      await good.send({ to: ['a@example.org'], subject: 'auth ok', text: 'x' });
      await good.close();
      expect((await smtp.waitForMessage()).authenticatedUser).toBe('kuulo');

      const bad = createMailer({
        smtpUrl: `smtp://kuulo:wrong@127.0.0.1:${smtp.port}`,
        mailFrom: 'kuulo@kunta.example',
      });
      await expect(bad.send({ to: ['a@example.org'], subject: 'auth bad', text: 'x' })).rejects.toThrow();
      await bad.close();
      expect(smtp.messages().map((m) => m.subject)).toEqual(['auth ok']);
    } finally {
      await smtp.stop();
    }
  });
});

describe('mailer without KUULO_SMTP_URL', () => {
  it('refuses every message with mail_not_configured and logs only an id', async () => {
    const { logger, lines } = capturingLogger();
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'kuulo@kunta.example' }, logger);
    const attempt = mailer.send({ to: ['x@example.org'], subject: 'S', text: 'T-content' });
    await expect(attempt).rejects.toBeInstanceOf(MailNotConfiguredError);
    await expect(attempt).rejects.toMatchObject({ code: 'mail_not_configured' });
    const log = lines.join('');
    expect(log).toContain('mail not configured');
    expect(log).toMatch(/"mailId":"[0-9a-f-]{36}"/);
    expect(log).not.toMatch(/x@example\.org|T-content/);
  });
});

describe('kuulo.mailer from composition', () => {
  it('sends through the SMTP server named by smtpUrl in the configuration', async () => {
    const { createTestKuulo } = await import('../../testing/kuulo.ts');
    const smtp = await startTestSmtpServer();
    const test = await createTestKuulo('pglite', {
      smtpUrl: smtp.url,
      mailFrom: 'Kuulo <kuulo@kunta.example>',
    });
    try {
      await test.kuulo.mailer.send({ to: ['b@example.org'], subject: 'composed', text: 'hello' });
      const mail = await smtp.waitForMessage();
      expect(mail.from).toBe('kuulo@kunta.example');
      expect(mail.subject).toBe('composed');
    } finally {
      await test.close();
      await smtp.stop();
    }
  });
});
