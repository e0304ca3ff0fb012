import { pino, type DestinationStream, type Logger } from 'pino';

// Fields that must never reach a log line, whatever a caller passes in by mistake.
const REDACTED = [
  'req.headers.authorization',
  'req.headers["passwork-masterkeyhash"]',
  'req.headers["x-master-key-hash"]',
  'req.headers.cookie',
  '*.password',
  '*.loginPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.setupToken',
  '*.masterKeyHash',
  '*.encryptedPkcs8',
  '*.encryptedPrivateKey',
  '*.encryptedSecret',
  '*.wrappedKey',
  '*.keysMac',
  '*.recoveryCode',
  '*.totp',
];

/** Creates the server's JSON logger (stdout), with secrets redacted. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'keyhold' }, redact: { paths: REDACTED, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
