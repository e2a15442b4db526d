import pino, { type Logger } from 'pino';

export type { Logger };

// Logs carry IDs, never feedback text or contact details: redact the usual suspects in case one slips in.
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: [
      'req.headers.cookie',
      'req.headers.authorization',
      '*.password',
      '*.text',
      '*.contact',
      '*.answers',
    ],
  });
}
