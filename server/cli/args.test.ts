import { describe, expect, it } from 'vitest';
import { parseServerArgs, UsageError } from './args';

describe('parseServerArgs', () => {
  it('defaults to serving on 127.0.0.1:8787 with ./data', () => {
    expect(parseServerArgs([])).toMatchObject({ command: 'serve', port: 8787, host: '127.0.0.1', dataDir: './data' });
  });

  it('takes the subcommand, port and data directory', () => {
    expect(parseServerArgs(['serve', '--port', '9000', '--data', '/srv/keyhold'])).toMatchObject({ command: 'serve', port: 9000, dataDir: '/srv/keyhold' });
  });

  it.each([['--port', '-1'], ['--port', '65536'], ['--port', '80x'], ['--bogus'], ['serve', 'extra'], ['--tls-cert', 'cert.pem']])('refuses %j', (...args) => {
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
