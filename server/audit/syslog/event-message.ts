import { isIP } from 'node:net';
import type { ChainedColumns } from '../chain';
import { formatCef } from './cef';
import { cefSeverity, syslogSeverity } from './event-severity';
import { formatSyslogMessage } from './rfc5424';

/** An event as forwarded: every chained column as stored, and its link in the chain. */
export type ForwardedEvent = ChainedColumns & { hash: string };

export type SyslogFormat = 'json' | 'cef';

/** What stays the same for every message of one server process. */
export interface MessageOrigin {
  facility: number;
  hostname: string;
  procId: string;
  version: string;
}

/**
 * The SD-ID of Keyhold's element. An SD-ID with `@` needs an IANA Private Enterprise Number;
 * Keyhold has none, so it uses 32473, the number RFC 5612 reserves for documentation and examples.
 */
export const SD_ID = 'keyhold@32473';

/** JSON with every character outside US-ASCII as `\uXXXX`: the same values, and MSG needs no encoding. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** MSG in JSON: the row's columns by their export names, `details` as the stored text it is hashed as. */
function jsonMsg(event: ForwardedEvent): string {
  const { seq, occurred_at, type, actor_type, actor_id, target_type, target_id, vault_id, ip, browser_mode, details, hash } = event;
  return asciiJson({ seq, occurred_at, type, actor_type, actor_id, target_type, target_id, vault_id, ip, browser_mode, details, hash });
}

/** "session.tokenReuse" → "Session token reuse": CEF's Name is for people. */
function humanName(type: string): string {
  const words = type.replace(/\./g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The login an event names (sign-ins carry the one typed), for CEF's suser. */
function loginOf(details: string): string | undefined {
  try {
    const login = (JSON.parse(details) as { login?: unknown }).login;
    return typeof login === 'string' ? login : undefined;
  } catch {
    return undefined;
  }
}

/** A custom CEF key and its label, or nothing when there is no value to label. */
function labelled(key: string, label: string, value: string | number | null): [string, string | number][] {
  return value === null ? [] : [[`${key}Label`, label], [key, value]];
}

/** MSG in CEF: standard keys where one fits, custom string and number keys with labels for the rest. */
function cefMsg(event: ForwardedEvent, origin: MessageOrigin, severity: number): string {
  const target = event.target_type === null ? null : `${event.target_type}:${event.target_id ?? ''}`;
  return formatCef({
    vendor: 'Keyhold',
    product: 'Keyhold',
    version: origin.version,
    classId: event.type,
    name: humanName(event.type),
    severity: cefSeverity(severity),
    extensions: [
      ['rt', Number(event.occurred_at)],
      ['act', event.type],
      ['externalId', Number(event.seq)],
      ['suid', event.actor_id],
      ['suser', loginOf(event.details)],
      // src must be an address; anything else in the column would be refused by the SIEM.
      ['src', event.ip !== null && isIP(event.ip) ? event.ip : undefined],
      ...labelled('cn1', 'seq', Number(event.seq)),
      ...labelled('cs1', 'hash', event.hash),
      ...labelled('cs2', 'vault', event.vault_id),
      ...labelled('cs3', 'target', target),
      ...labelled('cs4', 'actorType', event.actor_type),
      ...labelled('cs5', 'browserMode', event.browser_mode === null ? null : Number(event.browser_mode)),
      ...labelled('cs6', 'details', event.details),
    ],
  });
}

/** The RFC 5424 message for one event in `format`, its seq and hash in Keyhold's structured data. */
export function eventMessage(event: ForwardedEvent, format: SyslogFormat, origin: MessageOrigin): string {
  const severity = syslogSeverity(event.type);
  return formatSyslogMessage({
    facility: origin.facility,
    severity,
    timestamp: Number(event.occurred_at),
    hostname: origin.hostname,
    appName: 'keyhold',
    procId: origin.procId,
    msgId: event.type,
    structuredData: [{ id: SD_ID, params: [['seq', String(event.seq)], ['hash', event.hash]] }],
    msg: format === 'json' ? jsonMsg(event) : cefMsg(event, origin, severity),
  });
}
