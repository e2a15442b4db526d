// The e-mail port. Services send through a Mailer; the SMTP implementation lives beside it, tests use a real
// local SMTP server process. Messages carry IDs in logs, never their content.
export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. a reference to the feedback item for threading. */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}
