import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyringFromEnvironment, loadServerKeyring, ServerKeyError } from './server-key';

const scratch = () => mkdtempSync(join(tmpdir(), 'keyhold-key-'));

describe('server key custody', () => {
  it('creates a private key file on first run, says so, and reads the same key back', () => {
    const dir = scratch();
    const options = { keyFile: join(dir, 'keys/server-key.json'), dataDir: join(dir, 'data') };
    const first = loadServerKeyring(options);
    expect(first.created).toBe(true);
    expect(statSync(options.keyFile).mode & 0o777).toBe(0o600);
    const second = loadServerKeyring(options);
    expect(second.created).toBe(false);
    expect(second.keyring.current).toBe(first.keyring.current);
    expect(second.keyring.keys.get(second.keyring.current)).toEqual(first.keyring.keys.get(first.keyring.current));
    expect(JSON.parse(readFileSync(options.keyFile, 'utf8'))).toMatchObject({ version: 1, current: first.keyring.current });
  });

  it('refuses a key file inside the data directory', () => {
    const dir = scratch();
    expect(() => loadServerKeyring({ keyFile: join(dir, 'data/server-key.json'), dataDir: join(dir, 'data') })).toThrow(ServerKeyError);
  });

  it('takes the key from KEYHOLD_SERVER_KEY when set, and writes no file', () => {
    const dir = scratch();
    const key = Buffer.alloc(32, 7).toString('base64url');
    const loaded = loadServerKeyring({ keyFile: join(dir, 'server-key.json'), dataDir: join(dir, 'data'), environment: `prod-1:${key}` });
    expect(loaded).toMatchObject({ created: false, keyring: { current: 'prod-1', source: 'KEYHOLD_SERVER_KEY' } });
  });

  it.each([['nocolon'], ['id:short'], [`bad id!:${Buffer.alloc(32).toString('base64url')}`], [`a:${Buffer.alloc(32).toString('base64url')}:extra`]])('refuses KEYHOLD_SERVER_KEY=%j', (value) => {
    expect(() => keyringFromEnvironment(value)).toThrow(ServerKeyError);
  });
});
