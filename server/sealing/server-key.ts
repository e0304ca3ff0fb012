import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// The server key seals every encrypted field a second time (design.md §2, "Server-side
// encryption"). It lives outside the data directory by default, so a copy of the data directory
// or a database dump alone opens nothing; losing it loses the data, so the first run says so.

/** The server's sealing keys: the one new data is sealed with, and older ones still readable. */
export interface ServerKeyring {
  current: string;
  keys: Map<string, Buffer>;
  /** Where the keys came from, for messages (never the keys themselves). */
  source: string;
}

interface KeyFile {
  version: 1;
  current: string;
  keys: Record<string, string>;
}

/** Thrown for a key file or variable that cannot be used; the server refuses to start. */
export class ServerKeyError extends Error {}

/** `$XDG_CONFIG_HOME/keyhold/server-key.json`, else `~/.config/keyhold/server-key.json`. */
export function defaultKeyFile(): string {
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'keyhold', 'server-key.json');
}

function parseKey(id: string, text: string, source: string): Buffer {
  const key = Buffer.from(text, 'base64url');
  if (key.length !== 32 || key.toString('base64url') !== text) throw new ServerKeyError(`${source}: key ${id} is not 32 bytes of base64url.`);
  return key;
}

/** Parses `KEYHOLD_SERVER_KEY` (`<keyId>:<base64url of 32 bytes>`). */
export function keyringFromEnvironment(value: string): ServerKeyring {
  const [id, text, extra] = value.trim().split(':');
  if (!id || !text || extra !== undefined || !/^[\w-]{1,32}$/.test(id)) throw new ServerKeyError('KEYHOLD_SERVER_KEY must be "<keyId>:<base64url of 32 bytes>".');
  return { current: id, keys: new Map([[id, parseKey(id, text, 'KEYHOLD_SERVER_KEY')]]), source: 'KEYHOLD_SERVER_KEY' };
}

function readKeyFile(path: string): ServerKeyring {
  let file: KeyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  } catch (error) {
    throw new ServerKeyError(`cannot read the server key file ${path}: ${(error as Error).message}`);
  }
  if (file.version !== 1 || typeof file.keys !== 'object' || !(file.current in file.keys)) throw new ServerKeyError(`${path} is not a Keyhold server key file.`);
  const keys = new Map(Object.entries(file.keys).map(([id, text]) => [id, parseKey(id, text, path)] as const));
  return { current: file.current, keys, source: path };
}

/** Writes `keyring` to `path` with mode 0600 (directory 0700). */
export function writeKeyFile(path: string, keyring: Pick<ServerKeyring, 'current' | 'keys'>): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const file: KeyFile = { version: 1, current: keyring.current, keys: Object.fromEntries([...keyring.keys].map(([id, key]) => [id, key.toString('base64url')])) };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

/** A new random key id. */
export function newKeyId(): string {
  return `k-${randomBytes(4).toString('hex')}`;
}

/**
 * Loads the keyring from `KEYHOLD_SERVER_KEY`, else from `keyFile`; creates the file on first run
 * and reports that it did, so the operator is told to back it up. Refuses a key file inside the
 * data directory.
 */
export function loadServerKeyring(options: { keyFile: string; dataDir: string; environment?: string }): { keyring: ServerKeyring; created: boolean } {
  if (options.environment) return { keyring: keyringFromEnvironment(options.environment), created: false };
  const keyFile = resolve(options.keyFile);
  const dataDir = resolve(options.dataDir);
  if (keyFile === dataDir || keyFile.startsWith(`${dataDir}/`)) throw new ServerKeyError(`the server key file must not be inside the data directory (${dataDir}): a copy of the data would then open itself.`);
  if (existsSync(keyFile)) return { keyring: readKeyFile(keyFile), created: false };
  const id = newKeyId();
  const keyring: ServerKeyring = { current: id, keys: new Map([[id, randomBytes(32)]]), source: keyFile };
  writeKeyFile(keyFile, keyring);
  return { keyring, created: true };
}
