import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Logger } from '../../logger.ts';
import { ConflictError } from '../../errors.ts';
import type { MailMessage, Mailer, SentMail } from './mailer.ts';

// The SMTP implementation of the Mailer port (nodemailer). Logs carry a mail id and a recipient count, never
// addresses, subjects or bodies: a reply to a resident is feedback content and the address is personal data.

export interface MailConfig {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (TLS from the start); unset: not configured. */
  smtpUrl?: string | undefined;
  /** The From header, e.g. "Kuulo <palaute@example.fi>". */
  mailFrom: string;
}

/**
 * Thrown by the not-configured mailer. A ConflictError (HTTP 409, code `mail_not_configured`), so a staff
 * action that needs e-mail fails visibly with a message in the user's language instead of pretending to send.
 */
export class MailNotConfiguredError extends ConflictError {
  constructor() {
    super('mail_not_configured', 'access.mail_not_configured');
  }
}

export function createSmtpMailer(config: MailConfig & { smtpUrl: string }, logger?: Logger): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(message: MailMessage): Promise<SentMail> {
      const mailId = randomUUID();
      const info = await transport
        .sendMail({
          from: config.mailFrom,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'X-Kuulo-Mail-Id': mailId, ...message.headers },
        })
        .catch((error: unknown) => {
          // nodemailer's error text may quote the SMTP dialogue (addresses): log only its code.
          const code = (error as { code?: string }).code ?? 'unknown';
          logger?.warn({ mailId, code }, 'mail sending failed');
          throw error;
        });
      logger?.info({ mailId, recipients: message.to.length }, 'mail sent');
      return { messageId: String(info.messageId) };
    },
    async close() {
      transport.close();
    },
  };
}

/** Refuses every message: logs "mail not configured" with an id and throws MailNotConfiguredError. */
export function createNotConfiguredMailer(logger?: Logger): Mailer {
  return {
    async send(): Promise<SentMail> {
      logger?.warn({ mailId: randomUUID() }, 'mail not configured (KUULO_SMTP_URL unset): message refused');
      throw new MailNotConfiguredError();
    },
    async close() {},
  };
}

/** The mailer for a configuration: SMTP when KUULO_SMTP_URL is set, otherwise one that refuses. */
export function createMailer(config: MailConfig, logger?: Logger): Mailer {
  return config.smtpUrl
    ? createSmtpMailer({ ...config, smtpUrl: config.smtpUrl }, logger)
    : createNotConfiguredMailer(logger);
}
