// Child process of startTestSmtpServer(): a real SMTP server (smtp-server) on a free loopback port. Every
// received message is parsed with mailparser and sent to the parent over the IPC channel. Plain SMTP without
// STARTTLS; AUTH (PLAIN/LOGIN) is required only when KUULO_TEST_SMTP_USER is set.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';

const requiredUser = process.env.KUULO_TEST_SMTP_USER;
const requiredPass = process.env.KUULO_TEST_SMTP_PASS ?? '';

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((group) => group.value.map((entry) => entry.address ?? '')).filter(Boolean);
}

const server = new SMTPServer({
  disabledCommands: requiredUser ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
  authOptional: !requiredUser,
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === requiredUser && auth.password === requiredPass)
      callback(null, { user: auth.username });
    else callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        const headers: Record<string, string> = {};
        for (const line of parsed.headerLines)
          headers[line.key] = line.line.slice(line.key.length + 1).trim();
        process.send?.({
          type: 'message',
          mail: {
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            authenticatedUser: typeof session.user === 'string' ? session.user : null,
            from: addresses(parsed.from)[0] ?? '',
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            messageId: parsed.messageId ?? '',
            headers,
          },
        });
        callback();
      })
      .catch((error: Error) => callback(error));
  },
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'listening', port });
});

// The parent going away (test crash, Ctrl-C) must not leave a server behind.
process.on('disconnect', () => server.close(() => process.exit(0)));
