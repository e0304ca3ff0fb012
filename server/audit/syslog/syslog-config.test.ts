import { describe, expect, it } from 'vitest';
import { parseSyslogConfig, SyslogConfigError } from './syslog-config';

const none = { format: undefined, facility: undefined, caFile: undefined };

describe('syslog configuration', () => {
  it('is off without a target', () => {
    expect(parseSyslogConfig({ target: undefined, ...none })).toBeUndefined();
  });

  it.each([
    ['udp://logs.example:5514', { transport: 'udp', host: 'logs.example', port: 5514 }],
    ['udp://10.0.0.5', { transport: 'udp', host: '10.0.0.5', port: 514 }],
    ['tcp://logs.example', { transport: 'tcp', host: 'logs.example', port: 601 }],
    ['tcp://[::1]:6514', { transport: 'tcp', host: '::1', port: 6514 }],
    ['tls://logs.example', { transport: 'tls', host: 'logs.example', port: 6514 }],
  ])('reads %s', (target, expected) => {
    expect(parseSyslogConfig({ target, ...none })).toEqual({ ...expected, format: 'json', facility: 16, caFile: undefined });
  });

  it.each([
    ['local7', 23],
    ['LOCAL3', 19],
    ['auth', 4],
    ['13', 13],
  ])('takes facility %s as %i', (facility, expected) => {
    expect(parseSyslogConfig({ target: 'udp://h', ...none, facility })?.facility).toBe(expected);
  });

  it.each([
    [{ target: 'http://h:514' }],
    [{ target: 'logs.example:514' }],
    [{ target: 'udp://h/path' }],
    [{ target: 'udp://h', format: 'xml' }],
    [{ target: 'udp://h', facility: '24' }],
    [{ target: 'udp://h', facility: 'mail2' }],
    [{ target: 'tcp://h', caFile: '/ca.pem' }],
    // A wrong format is refused even while forwarding is off, so a typo is seen at once.
    [{ target: undefined, format: 'Json' }],
  ])('refuses %j', (options) => {
    expect(() => parseSyslogConfig({ ...none, ...options })).toThrow(SyslogConfigError);
  });
});
