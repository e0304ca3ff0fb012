import { describe, expect, it } from 'vitest';
import { escapeParamValue, formatSyslogMessage, headerField, priority, structuredData, type SyslogMessage } from './rfc5424';

const BASE: SyslogMessage = {
  facility: 16,
  severity: 6,
  timestamp: Date.UTC(2026, 10, 30, 22, 59, 40, 7),
  hostname: 'vault-1',
  appName: 'keyhold',
  procId: '4242',
  msgId: 'login.failed',
  structuredData: [{ id: 'keyhold@32473', params: [['seq', '12'], ['hash', 'ab12']] }],
  msg: '{"a":1}',
};

describe('RFC 5424 messages', () => {
  it('writes PRI, VERSION 1, a UTC timestamp with milliseconds, the header fields, SD and MSG', () => {
    expect(formatSyslogMessage(BASE)).toBe('<134>1 2026-11-30T22:59:40.007Z vault-1 keyhold 4242 login.failed [keyhold@32473 seq="12" hash="ab12"] {"a":1}');
  });

  it.each([
    [16, 4, '<132>'],
    [16, 6, '<134>'],
    [0, 0, '<0>'],
    [23, 7, '<191>'],
  ])('facility %i and severity %i make PRI %s', (facility, severity, expected) => {
    expect(priority(facility, severity)).toBe(expected);
  });

  it.each([
    [24, 0],
    [-1, 0],
    [16, 8],
    [16, 1.5],
  ])('refuses facility %d with severity %d', (facility, severity) => {
    expect(() => priority(facility, severity)).toThrow(RangeError);
  });

  it.each([
    ['"', '\\"'],
    ['\\', '\\\\'],
    [']', '\\]'],
    ['a"b\\c]d', 'a\\"b\\\\c\\]d'],
    // Only these three: an opening bracket, `=` and unicode go as they are (PARAM-VALUE is UTF-8).
    ['[x=y] é ✓ 𝄞', '[x=y\\] é ✓ 𝄞'],
    ['', ''],
  ])('escapes PARAM-VALUE %j as %j', (value, expected) => {
    expect(escapeParamValue(value)).toBe(expected);
  });

  it('writes several elements, and NILVALUE when there are none', () => {
    expect(structuredData([])).toBe('-');
    expect(structuredData([{ id: 'a@32473', params: [['x', ']"']] }, { id: 'b', params: [] }])).toBe('[a@32473 x="\\]\\""][b]');
  });

  it('keeps SD names to what the grammar allows', () => {
    expect(structuredData([{ id: 'bad id]', params: [['k=v"', '1']] }])).toBe('[bad_id_ k_v_="1"]');
  });

  it.each([
    ['', 48, '-'],
    ['host name', 48, 'host_name'],
    ['hôte', 48, 'h_te'],
    ['tab\there', 48, 'tab_here'],
    ['x'.repeat(60), 48, 'x'.repeat(48)],
  ])('header field %j (limit %i) becomes %j', (value, limit, expected) => {
    expect(headerField(value, limit)).toBe(expected);
  });

  it('cuts MSGID at 32 characters and leaves MSG out when empty', () => {
    const line = formatSyslogMessage({ ...BASE, msgId: 'm'.repeat(40), structuredData: [], msg: '' });
    expect(line).toBe(`<134>1 2026-11-30T22:59:40.007Z vault-1 keyhold 4242 ${'m'.repeat(32)} -`);
  });
});
