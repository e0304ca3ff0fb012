import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { SyslogConfig } from './audit/syslog/syslog-config';
import { startSyslogForwarding } from './audit/syslog/syslog-forwarding';
import { auditChainService } from './audit/audit-chain.service';
import { startAuditSchedule } from './audit/audit-schedule';
import { loadAuditSigningKey } from './audit/signing-key';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { httpPolicyFromEnvironment } from './http/security';
import { createSealer } from './sealing/sealer';
import { loadServerKeyring } from './sealing/server-key';
import { sessionTimesFromEnvironment } from './sessions/session-times';
import { organisationRepository } from './organisation/organisation.repository';
import { appSettingsService } from './settings/app-settings.service';
import { settingsRepository } from './settings/settings.repository';
import { issueSetupToken } from './setup/setup-token';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  keyFile: string;
  auditKeyFile: string;
  /** Between signing the audit chain head and enforcing retention. */
  auditIntervalMs: number;
  /** The largest attachment accepted, in bytes of plaintext. */
  maxAttachmentBytes?: number;
  tls?: { certFile: string; keyFile: string } | undefined;
  databaseUrl: string | undefined;
  /** Forward the audit log to this collector (docs/audit.md "Syslog forwarding"). */
  syslog?: SyslogConfig | undefined;
  logger: Logger;
}

/** Loads the server key, creating it on first run with a warning the operator cannot miss. */
function loadKeyring(options: ServeOptions) {
  const { keyring, created } = loadServerKeyring({ keyFile: options.keyFile, dataDir: options.dataDir, environment: process.env.KEYHOLD_SERVER_KEY });
  if (created) {
    options.logger.warn(
      { keyFile: keyring.source, keyId: keyring.current },
      'created a new server key: back it up now, separately from the data. Without it, no backup or database of this server can be read.',
    );
  }
  return keyring;
}

/** Loads the audit signing key, creating it on first start with a note to share and keep it. */
function loadAuditKey(options: ServeOptions) {
  const { key, created } = loadAuditSigningKey({ keyFile: options.auditKeyFile, environment: process.env.KEYHOLD_AUDIT_KEY });
  if (created) {
    options.logger.warn({ auditKeyFile: key.source, keyId: key.keyId }, 'created a new audit signing key: back it up, keep it away from database copies, and give every instance of this server the same key.');
  }
  return key;
}

// Printed on the console, never through the logger: logs must not carry secrets.
function announceSetupToken(token: string): void {
  console.error(`\nKeyhold is not set up yet. Register the owner with this one-time setup token:\n\n    ${token}\n\nIt changes each time the server starts until setup is done.\n`);
}

/** Opens and migrates the database and serves the API until SIGINT or SIGTERM, then closes cleanly. */
export async function runServer(options: ServeOptions): Promise<void> {
  const { logger } = options;
  const database = openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost'),
  });
  await database.ping();
  const applied = await migrateToLatest(database);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrated the database');
  const sealer = createSealer(loadKeyring(options));
  const auditKey = loadAuditKey(options);
  const app = createApp({ database, logger, sealer, auditKey, http: httpPolicyFromEnvironment(), sessionTimes: sessionTimesFromEnvironment(), ...(options.maxAttachmentBytes ? { maxAttachmentBytes: options.maxAttachmentBytes } : {}) });
  const settings = appSettingsService(settingsRepository(database.db));
  const auditSchedule = startAuditSchedule({ service: auditChainService({ db: database.db, key: auditKey, now: Date.now }), retentionDays: settings.auditRetentionDays, intervalMs: options.auditIntervalMs, logger });
  if (!(await organisationRepository(database.db).get())) announceSetupToken(await issueSetupToken(settingsRepository(database.db)));
  const syslog = options.syslog && startSyslogForwarding(options.syslog, database, logger);
  if (options.syslog) logger.info({ syslog: `${options.syslog.transport}://${options.syslog.host}:${options.syslog.port}`, format: options.syslog.format }, 'forwarding the audit log to syslog');
  const tls = options.tls && { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) };
  const listen = { fetch: app.fetch, port: options.port, hostname: options.host, ...(tls ? { createServer: createHttpsServer, serverOptions: tls } : {}) };
  const server = serve(listen, (info: AddressInfo) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    logger.info({ port: info.port, url: `${tls ? 'https' : 'http'}://${host}:${info.port}`, database: database.engine }, 'listening');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // The forwarder finishes its batch in flight first, so the cursor it moves is the one it sent.
    server.close(() => void Promise.all([auditSchedule.stop(), syslog?.stop()]).finally(() => void database.close().finally(() => process.exit(0))));
    // Keep-alive connections can hold close() open; do not let them keep the process alive.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
