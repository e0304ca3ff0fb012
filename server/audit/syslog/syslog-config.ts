import type { SyslogFormat } from './event-message';

/** Where and how the server forwards its audit events (docs/audit.md "Syslog forwarding"). */
export interface SyslogConfig {
  transport: 'udp' | 'tcp' | 'tls';
  host: string;
  port: number;
  format: SyslogFormat;
  facility: number;
  /** PEM file of the CA that signed the collector's certificate (tls only; default: the system's CAs). */
  caFile: string | undefined;
}

/** Thrown for a syslog option the server cannot use; the command line reports it as a usage error. */
export class SyslogConfigError extends Error {}

/** IANA's ports: syslog over UDP (RFC 5426), over TCP (RFC 6587's syslog-conn), over TLS (RFC 5425). */
const DEFAULT_PORTS = { udp: 514, tcp: 601, tls: 6514 } as const;

const FACILITIES: Record<string, number> = {
  user: 1,
  daemon: 3,
  auth: 4,
  authpriv: 10,
  audit: 13,
  ...Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`local${index}`, 16 + index])),
};

/** A facility by name (local0–local7, user, daemon, auth, authpriv, audit) or number 0–23; default local0. */
export function parseFacility(text: string | undefined): number {
  if (text === undefined || text === '') return FACILITIES.local0!;
  const named = FACILITIES[text.toLowerCase()];
  if (named !== undefined) return named;
  if (/^\d+$/.test(text) && Number(text) <= 23) return Number(text);
  throw new SyslogConfigError(`--syslog-facility must be local0–local7, user, daemon, auth, authpriv, audit or a number 0–23, not "${text}".`);
}

function parseTarget(target: string): Pick<SyslogConfig, 'transport' | 'host' | 'port'> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new SyslogConfigError(`--syslog must look like udp://host:514, tcp://host:601 or tls://host:6514, not "${target}".`);
  }
  const transport = url.protocol.slice(0, -1);
  if (transport !== 'udp' && transport !== 'tcp' && transport !== 'tls') throw new SyslogConfigError(`--syslog takes udp://, tcp:// or tls://, not "${url.protocol}//".`);
  if (url.hostname === '' || (url.pathname !== '' && url.pathname !== '/') || url.search || url.username) throw new SyslogConfigError(`--syslog takes only a host and a port: "${target}".`);
  const port = url.port === '' ? DEFAULT_PORTS[transport] : Number(url.port);
  // URL keeps an IPv6 literal's brackets; sockets want the bare address.
  return { transport, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** The syslog configuration from the command line or environment, or undefined when none is set. */
export function parseSyslogConfig(options: { target: string | undefined; format: string | undefined; facility: string | undefined; caFile: string | undefined }): SyslogConfig | undefined {
  const format = options.format || 'json';
  if (format !== 'json' && format !== 'cef') throw new SyslogConfigError(`--syslog-format must be json or cef, not "${format}".`);
  const facility = parseFacility(options.facility);
  if (!options.target) return undefined;
  const target = parseTarget(options.target);
  if (options.caFile && target.transport !== 'tls') throw new SyslogConfigError('KEYHOLD_SYSLOG_CA is for tls:// collectors only.');
  return { ...target, format, facility, caFile: options.caFile || undefined };
}
