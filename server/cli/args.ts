import { parseArgs } from 'node:util';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../attachments/attachment-limit';
import { parseSyslogConfig, SyslogConfigError, type SyslogConfig } from '../audit/syslog/syslog-config';
import { defaultAuditKeyFile } from '../audit/signing-key';
import { DEFAULT_AUDIT_INTERVAL_MS } from '../audit/audit-schedule';
import { defaultKeyFile } from '../sealing/server-key';

/** The server's command line, parsed: which subcommand and the options it runs with. */
export interface ServerArgs {
  command: string;
  /** The backup file of `backup FILE` and `restore FILE`. */
  file: string | undefined;
  /** What `audit` does: verify, sign, public-key or rotate-key. */
  auditAction: string | undefined;
  /** `audit verify --expect-head H`: `<seq>:<hash>` or a bare hash. */
  expectHead: string | undefined;
  /** The audit signing key (PEM), outside the database. */
  auditKeyFile: string;
  /** How often the chain head is signed and retention enforced, in milliseconds. */
  auditIntervalMs: number;
  /** The largest attachment accepted, in bytes of plaintext. */
  maxAttachmentBytes: number;
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
  audit verify       walk the audit chain; exit 0 when whole, 1 with the first bad link
                     (--expect-head SEQ:HASH or HASH: a head seen elsewhere must be in it)
  audit sign         sign the current audit chain head now
  audit public-key   print the audit public key(s) as PEM, the current one first
  audit rotate-key   make a new audit signing key current, keeping the old public keys

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
  --audit-key-file PATH  the audit signing key, Ed25519 PEM (default DIR/audit-signing-key.pem;
                     created on first start; every instance must use the same one)
  --audit-interval S seconds between signing the audit chain head and enforcing retention (default 300)
  --max-attachment-mb N  the largest file an entry may hold, in MB of 1,000,000 bytes (default 50)
  -h, --help         show this help
  -v, --version      print the version

Environment:
  DATABASE_URL       postgres://… switches from SQLite to PostgreSQL
  KEYHOLD_SERVER_KEY <keyId>:<base64url 32 bytes>, instead of a key file
  KEYHOLD_SYSLOG, KEYHOLD_SYSLOG_FORMAT, KEYHOLD_SYSLOG_FACILITY, KEYHOLD_SYSLOG_CA
                     the --syslog options
  KEYHOLD_AUDIT_KEY  the audit signing key's PEM text, instead of an audit key file
  KEYHOLD_MAX_ATTACHMENT_MB  the --max-attachment-mb option
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

function parseInterval(text: string): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > 86_400) throw new UsageError(`--audit-interval must be a number of seconds from 1 to 86400, not "${text}".`);
  return seconds * 1000;
}

/** The default attachment size limit: 50 MB of plaintext. */

function parseAttachmentLimit(text: string): number {
  const megabytes = Number(text);
  // Up to 4 GB: the blob is one row per 64 KiB segment, and a bigger file belongs in a file store.
  if (!/^\d+(\.\d+)?$/.test(text) || megabytes <= 0 || megabytes > 4000) throw new UsageError(`--max-attachment-mb must be a number of megabytes above 0 and at most 4000, not "${text}".`);
  return Math.round(megabytes * 1_000_000);
}

const AUDIT_ACTIONS = ['verify', 'sign', 'public-key', 'rotate-key'];

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
        'audit-key-file': { type: 'string', default: process.env.KEYHOLD_AUDIT_KEY_FILE },
        'audit-interval': { type: 'string', default: process.env.KEYHOLD_AUDIT_INTERVAL ?? String(DEFAULT_AUDIT_INTERVAL_MS / 1000) },
        'max-attachment-mb': { type: 'string', default: process.env.KEYHOLD_MAX_ATTACHMENT_MB ?? String(DEFAULT_MAX_ATTACHMENT_BYTES / 1_000_000) },
        'expect-head': { type: 'string' },
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
  const audit = positionals[0] === 'audit';
  if (takesFile && positionals.length !== 2) throw new UsageError(`${positionals[0]} needs exactly one FILE.`);
  if (audit && (positionals.length !== 2 || !AUDIT_ACTIONS.includes(positionals[1]!))) throw new UsageError(`audit needs one of: ${AUDIT_ACTIONS.join(', ')}.`);
  if (!takesFile && !audit && positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  if (values['expect-head'] !== undefined && positionals[1] !== 'verify') throw new UsageError('--expect-head goes with audit verify.');
  return {
    command: positionals[0] ?? 'serve',
    file: takesFile ? positionals[1] : undefined,
    auditAction: audit ? positionals[1] : undefined,
    expectHead: values['expect-head'],
    auditKeyFile: values['audit-key-file'] ?? defaultAuditKeyFile(values.data),
    auditIntervalMs: parseInterval(values['audit-interval']),
    maxAttachmentBytes: parseAttachmentLimit(values['max-attachment-mb']),
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
