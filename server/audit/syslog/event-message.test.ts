import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, type ChainedColumns } from '../chain';
import { eventMessage, type ForwardedEvent, type MessageOrigin } from './event-message';
import { syslogSeverity } from './event-severity';

const ORIGIN: MessageOrigin = { facility: 16, hostname: 'vault-1', procId: '77', version: '0.1.0' };

function chained(columns: Partial<ChainedColumns> = {}): ForwardedEvent {
  const row: ChainedColumns = {
    seq: 5,
    occurred_at: Date.UTC(2026, 10, 30, 12, 0, 0, 123),
    type: 'login.failed',
    actor_type: 'user',
    actor_id: null,
    target_type: null,
    target_id: null,
    vault_id: null,
    ip: '203.0.113.9',
    browser_mode: 1,
    details: JSON.stringify({ login: 'zoë "the" [admin]|x=y\\z\nnext' }),
    ...columns,
  };
  return { ...row, hash: chainHash(GENESIS_HASH, row) };
}

describe('event messages', () => {
  it('JSON: seq and hash in structured data, every chained column in MSG, so the collector can rebuild the link', () => {
    const event = chained();
    const line = eventMessage(event, 'json', ORIGIN);
    expect(line.startsWith(`<132>1 2026-11-30T12:00:00.123Z vault-1 keyhold 77 login.failed [keyhold@32473 seq="5" hash="${event.hash}"] {`)).toBe(true);
    const msg = line.slice(line.indexOf('] ') + 2);
    // US-ASCII only: unicode travels as \u escapes, which JSON.parse turns back into the same text.
    expect(msg).toMatch(/^[\x20-\x7e]+$/);
    const parsed = JSON.parse(msg) as ForwardedEvent;
    expect(parsed).toEqual(event);
    expect(chainHash(GENESIS_HASH, parsed)).toBe(event.hash);
  });

  it('CEF: standard keys, labelled custom keys, escaped values', () => {
    const event = chained({ actor_id: 'u1', target_type: 'session', target_id: 's1', vault_id: 'v1' });
    const line = eventMessage(event, 'cef', ORIGIN);
    const msg = line.slice(line.indexOf('] ') + 2);
    expect(msg).toBe(
      `CEF:0|Keyhold|Keyhold|0.1.0|login.failed|Login failed|7|rt=${event.occurred_at} act=login.failed externalId=5 suid=u1 suser=zoë "the" [admin]|x\\=y\\\\z\\nnext src=203.0.113.9 cn1Label=seq cn1=5 cs1Label=hash cs1=${event.hash} cs2Label=vault cs2=v1 cs3Label=target cs3=session:s1 cs4Label=actorType cs4=user cs5Label=browserMode cs5=1 cs6Label=details cs6={"login":"zoë \\\\"the\\\\" [admin]|x\\=y\\\\\\\\z\\\\nnext"}`,
    );
  });

  it('CEF leaves out what the event lacks and a source that is not an address', () => {
    const msg = eventMessage(chained({ type: 'vault.keyRotated', ip: 'unknown', browser_mode: null, details: '{}' }), 'cef', ORIGIN);
    expect(msg).toContain('|vault.keyRotated|Vault key rotated|3|');
    for (const key of ['src=', 'suid=', 'suser=', 'cs2Label=', 'cs2=', 'cs3Label=', 'cs3=', 'cs5Label=', 'cs5=']) expect(msg).not.toContain(` ${key}`);
  });

  it.each([
    ['session.tokenReuse', 4],
    ['login.failed', 4],
    ['login.suspended', 4],
    ['user.suspended', 5],
    ['mfa.disabled', 5],
    ['settings.passwordPolicy', 5],
    ['login', 6],
    ['password.viewed', 6],
  ])('%s has severity %i', (type, severity) => {
    expect(syslogSeverity(type)).toBe(severity);
  });
});
