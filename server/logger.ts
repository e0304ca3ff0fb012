import { pino, type Logger } from 'pino';

// Fields that must never reach a log line, whatever a caller passes in by mistake.
const REDACTED = [
  'req.headers.authorization',
  'req.headers["passwork-masterkeyhash"]',
  'req.headers["x-master-key-hash"]',
  'req.headers.cookie',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.setupToken',
];

/** Creates the server's JSON logger (stdout), with secrets redacted. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'keyhold' }, redact: { paths: REDACTED, censor: '[redacted]' } });
}
