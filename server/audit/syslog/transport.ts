import { readFileSync } from 'node:fs';
import type { SyslogConfig } from './syslog-config';
import { tcpTransport } from './tcp-transport';
import { udpTransport } from './udp-transport';

/** Carries formatted messages to the collector. */
export interface SyslogTransport {
  /** Resolves once every message is handed to the operating system; rejects when it could not be. */
  send(messages: string[]): Promise<void>;
  /** True while messages of a broken connection wait to be sent again (see tcp-transport). */
  hasPending(): boolean;
  close(): Promise<void>;
}

/** The transport `config` names, not yet connected (TCP and TLS connect on the first send). */
export function openTransport(config: SyslogConfig): SyslogTransport {
  if (config.transport === 'udp') return udpTransport(config.host, config.port);
  const ca = config.caFile ? readFileSync(config.caFile, 'utf8') : undefined;
  return tcpTransport({ host: config.host, port: config.port, tls: config.transport === 'tls' ? { ca } : undefined });
}
