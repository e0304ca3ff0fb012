import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { KEYHOLD_VERSION } from '../../../lib/version';
import type { Database } from '../../db/database';
import { eventMessage, type MessageOrigin } from './event-message';
import { startSyslogForwarder, type Forwarder } from './forwarder';
import type { SyslogConfig } from './syslog-config';
import { syslogCursorRepository } from './syslog-cursor.repository';
import { openTransport } from './transport';

/** Starts forwarding this server's audit log to the collector `config` names (docs/audit.md). */
export function startSyslogForwarding(config: SyslogConfig, database: Database, logger: Logger): Forwarder {
  const origin: MessageOrigin = { facility: config.facility, hostname: hostname(), procId: String(process.pid), version: KEYHOLD_VERSION };
  return startSyslogForwarder({
    cursor: syslogCursorRepository(database.db),
    transport: openTransport(config),
    message: (event) => eventMessage(event, config.format, origin),
    logger,
  });
}
