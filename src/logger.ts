import pino, { type Logger, type LoggerOptions } from 'pino';

/** Paths that never reach a log line: credentials, session data and personal data. */
export const redactPaths = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'sessionSecret',
  '*.sessionSecret',
  'token',
  '*.token',
  'email',
  '*.email',
];

/** Options shared by the Fastify request logger and the service's own loggers. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
  };
}

/** Creates the root logger of the service. */
export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

export type { Logger };
