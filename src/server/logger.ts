import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Logs carry IDs, never feedback text or contact details: redact the usual suspects in case one slips in.
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: [
      'req.headers.cookie',
      'req.headers.authorization',
      '*.password',
      '*.text',
      '*.contact',
      '*.answers',
    ],
  };
  // A destination only in tests that read what would be logged (privacy/logs.test.ts); stdout otherwise.
  return destination ? pino(options, destination) : pino(options);
}
