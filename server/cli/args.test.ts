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
});
