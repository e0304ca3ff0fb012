import { parseArgs } from 'node:util';
import { parseSyslogConfig, SyslogConfigError, type SyslogConfig } from '../audit/syslog/syslog-config';
import { defaultKeyFile } from '../sealing/server-key';

/** The server's command line, parsed: which subcommand and the options it runs with. */
export interface ServerArgs {
  command: string;
  /** The backup file of `backup FILE` and `restore FILE`. */
  file: string | undefined;
  port: number;
  host: string;
  dataDir: string;
  keyFile: string;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Where to forward the audit log, when configured. */
  syslog: SyslogConfig | undefined;
  help: boolean;
  version: boolean;
}

export const SERVER_USAGE = `Usage: keyhold-server [command] [options]

Commands:
  serve              migrate the database if needed, then start the vault server (the default)
  migrate            bring the database schema up to date and exit
  backup FILE        write every table to FILE (JSON Lines; sealed values stay sealed, no keys)
  restore FILE       load FILE into an empty database (needs the server keys it names)
  rotate-key         add a new server key, make it current and re-seal everything under it

Options:
  --port N           port to listen on (default 8787; 0 picks a free one)
  --host ADDR        address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --data DIR         directory of the embedded SQLite database (default ./data)
  --tls-cert FILE    serve HTTPS with this PEM certificate (chain) …
  --tls-key FILE     … and this PEM private key (otherwise plain HTTP behind a TLS proxy)
  --key-file PATH    the server sealing key (default ~/.config/keyhold/server-key.json;
                     created on first run; keep it outside the data directory and back it up)
  --syslog URL       forward every audit event to a syslog collector: udp://host:514,
                     tcp://host:601 or tls://host:6514 (RFC 5424; docs/audit.md)
  --syslog-format F  json (default) or cef (ArcSight)
  --syslog-facility  local0 (default) … local7, user, daemon, auth, authpriv, audit, or 0–23
  --syslog-ca FILE   PEM CA certificate(s) to trust for a tls:// collector (default: the system's)
  -h, --help         show this help
  -v, --version      print the version

Environment:
  DATABASE_URL       postgres://… switches from SQLite to PostgreSQL
  KEYHOLD_SERVER_KEY <keyId>:<base64url 32 bytes>, instead of a key file
  KEYHOLD_SYSLOG, KEYHOLD_SYSLOG_FORMAT, KEYHOLD_SYSLOG_FACILITY, KEYHOLD_SYSLOG_CA
                     the --syslog options
  LOG_LEVEL          pino level (default info)`;

/** Thrown for a command line the server cannot run; main prints it with the usage and exits 2. */
export class UsageError extends Error {}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}".`);
  return port;
}

function syslogOf(values: { syslog?: string | undefined; 'syslog-format'?: string | undefined; 'syslog-facility'?: string | undefined; 'syslog-ca'?: string | undefined }): SyslogConfig | undefined {
  try {
    return parseSyslogConfig({ target: values.syslog, format: values['syslog-format'], facility: values['syslog-facility'], caFile: values['syslog-ca'] });
  } catch (error) {
    if (error instanceof SyslogConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** Parses `argv` (without node and the script); throws UsageError on anything unknown. */
export function parseServerArgs(argv: string[]): ServerArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string', default: process.env.PORT ?? '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: process.env.KEYHOLD_DATA_DIR ?? './data' },
        'key-file': { type: 'string', default: process.env.KEYHOLD_SERVER_KEY_FILE ?? defaultKeyFile() },
        'tls-cert': { type: 'string', default: process.env.KEYHOLD_TLS_CERT },
        'tls-key': { type: 'string', default: process.env.KEYHOLD_TLS_KEY },
        syslog: { type: 'string', default: process.env.KEYHOLD_SYSLOG },
        'syslog-format': { type: 'string', default: process.env.KEYHOLD_SYSLOG_FORMAT },
        'syslog-facility': { type: 'string', default: process.env.KEYHOLD_SYSLOG_FACILITY },
        'syslog-ca': { type: 'string', default: process.env.KEYHOLD_SYSLOG_CA },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together.');
  const takesFile = positionals[0] === 'backup' || positionals[0] === 'restore';
  if (takesFile && positionals.length !== 2) throw new UsageError(`${positionals[0]} needs exactly one FILE.`);
  if (!takesFile && positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  return {
    command: positionals[0] ?? 'serve',
    file: takesFile ? positionals[1] : undefined,
    port: parsePort(values.port),
    host: values.host,
    dataDir: values.data,
    keyFile: values['key-file'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    syslog: syslogOf(values),
    help: values.help,
    version: values.version,
  };
}
