import { describe, expect, it } from 'vitest';
import { parseServerArgs, UsageError } from './args';

describe('parseServerArgs', () => {
  it('defaults to serving on 127.0.0.1:8787 with ./data', () => {
    expect(parseServerArgs([])).toMatchObject({ command: 'serve', port: 8787, host: '127.0.0.1', dataDir: './data' });
  });

  it('takes the subcommand, port and data directory', () => {
    expect(parseServerArgs(['serve', '--port', '9000', '--data', '/srv/keyhold'])).toMatchObject({ command: 'serve', port: 9000, dataDir: '/srv/keyhold' });
  });

  it('takes audit verify with an expected head; the audit key defaults to the data directory', () => {
    expect(parseServerArgs(['audit', 'verify', '--expect-head', '3:abc', '--data', '/srv/k'])).toMatchObject({ command: 'audit', auditAction: 'verify', expectHead: '3:abc', auditKeyFile: '/srv/k/audit-signing-key.pem', auditIntervalMs: 300_000 });
    expect(parseServerArgs(['--audit-key-file', '/etc/k.pem', '--audit-interval', '5'])).toMatchObject({ auditKeyFile: '/etc/k.pem', auditIntervalMs: 5000 });
  });

  it.each([['--port', '-1'], ['audit'], ['audit', 'shred'], ['audit', 'sign', '--expect-head', 'x'], ['--audit-interval', '0'], ['--port', '65536'], ['--port', '80x'], ['--bogus'], ['serve', 'extra'], ['--tls-cert', 'cert.pem']])('refuses %j', (...args) => {
    expect(() => parseServerArgs(args)).toThrow(UsageError);
  });

  it('takes the syslog collector, format and facility', () => {
    expect(parseServerArgs(['--syslog', 'tcp://logs.example:6514', '--syslog-format', 'cef', '--syslog-facility', 'local4']).syslog).toEqual({ transport: 'tcp', host: 'logs.example', port: 6514, format: 'cef', facility: 20, caFile: undefined });
    expect(parseServerArgs([]).syslog).toBeUndefined();
  });

  it.each([['--syslog', 'syslog.example'], ['--syslog', 'udp://h', '--syslog-format', 'xml'], ['--syslog', 'udp://h', '--syslog-ca', 'ca.pem']])('refuses syslog options %j', (...args) => {
    expect(() => parseServerArgs(args)).toThrow(UsageError);
  });
});
