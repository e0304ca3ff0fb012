// RFC 5424 ("The Syslog Protocol"), section 6: the message format, built as a string.
//   SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]
//   HEADER     = PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID

/** One SD-ELEMENT: `[id name="value" …]`. */
export interface SdElement {
  id: string;
  params: [name: string, value: string][];
}

/** Everything a message carries; empty header fields become the NILVALUE `-`. */
export interface SyslogMessage {
  /** 0–23 (local0 is 16). */
  facility: number;
  /** 0 (emergency) – 7 (debug). */
  severity: number;
  /** Milliseconds since the epoch, written in UTC with milliseconds. */
  timestamp: number;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  structuredData: SdElement[];
  msg: string;
}

/** Section 6.1: the field size limits (in octets, all of them printable US-ASCII). */
const LIMITS = { hostname: 255, appName: 48, procId: 128, msgId: 32, sdName: 32 };

/**
 * A header field as section 6 allows it: PRINTUSASCII (33–126) only, at most `limit` characters,
 * `-` when empty. Anything else (a space, a non-ASCII host name) becomes `_` rather than breaking
 * the fields apart for the parser.
 */
export function headerField(value: string, limit: number): string {
  const printable = value.replace(/[^\x21-\x7e]/g, '_').slice(0, limit);
  return printable === '' ? '-' : printable;
}

/** An SD-NAME (SD-ID or PARAM-NAME): printable US-ASCII except `=`, space, `]` and `"`. */
function sdName(value: string): string {
  const name = value.replace(/[^\x21-\x7e]|[= \]"]/g, '_').slice(0, LIMITS.sdName);
  if (name === '') throw new Error('an SD-NAME cannot be empty');
  return name;
}

/** Section 6.3.3: inside PARAM-VALUE, `"`, `\` and `]` MUST be escaped with a backslash. */
export function escapeParamValue(value: string): string {
  return value.replace(/["\\\]]/g, (character) => `\\${character}`);
}

/** STRUCTURED-DATA: the elements one after another, or `-` when there are none. */
export function structuredData(elements: SdElement[]): string {
  if (elements.length === 0) return '-';
  return elements.map(({ id, params }) => `[${[sdName(id), ...params.map(([name, value]) => `${sdName(name)}="${escapeParamValue(value)}"`)].join(' ')}]`).join('');
}

/** PRI: `<facility * 8 + severity>`. */
export function priority(facility: number, severity: number): string {
  if (!Number.isInteger(facility) || facility < 0 || facility > 23) throw new RangeError(`syslog facility ${facility} is not 0–23`);
  if (!Number.isInteger(severity) || severity < 0 || severity > 7) throw new RangeError(`syslog severity ${severity} is not 0–7`);
  return `<${facility * 8 + severity}>`;
}

/**
 * The whole SYSLOG-MSG. MSG goes as it is, without the UTF-8 BOM of MSG-UTF8: it is MSG-ANY, which
 * section 6.4 allows, because a BOM in front of `CEF:0|` breaks CEF parsers (docs/audit.md).
 */
export function formatSyslogMessage(message: SyslogMessage): string {
  const header = [
    `${priority(message.facility, message.severity)}1`,
    new Date(message.timestamp).toISOString(),
    headerField(message.hostname, LIMITS.hostname),
    headerField(message.appName, LIMITS.appName),
    headerField(message.procId, LIMITS.procId),
    headerField(message.msgId, LIMITS.msgId),
  ].join(' ');
  const prefix = `${header} ${structuredData(message.structuredData)}`;
  return message.msg === '' ? prefix : `${prefix} ${message.msg}`;
}
