import { join } from 'node:path';
import type { TokenPair } from '../../lib/contract/sessions';
import type { KdfParams } from '../../lib/crypto/kdf';
import type { PublicKeyRecord, SealedPrivateKey } from '../../lib/crypto/user-keys';
import { configDir, ensurePrivateDir, readJsonFile, removeFile, writePrivateJson } from './config-dir';

// The files `keyhold login` writes (docs/cli.md, "Config files"). login.json holds what opening the
// keys needs besides the master password — the KDF record and the private keys sealed under the
// master key — never the master key itself; tokens.json the session's token pair; pins.json the
// organisation key fingerprint pinned per server, kept across logout so a server cannot get a new
// key trusted by waiting for the next login.

/** Who is logged in where, and their sealed key material. */
export interface StoredLogin {
  version: 1;
  serverUrl: string;
  userId: string;
  login: string;
  organisationId: string;
  organisationKey: PublicKeyRecord;
  organisationFingerprint: string;
  kdf: KdfParams;
  sealedKeys: { encryptionKey: SealedPrivateKey; signingKey: SealedPrivateKey };
}

/** The paths of one config folder's files. */
export function configFiles(dir = configDir()) {
  return { dir, login: join(dir, 'login.json'), tokens: join(dir, 'tokens.json'), pins: join(dir, 'pins.json'), lock: join(dir, 'tokens.lock') };
}
export type ConfigFiles = ReturnType<typeof configFiles>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The stored login, or null when there is none (or it is unreadable). */
export function readLogin(files: ConfigFiles): StoredLogin | null {
  const stored = readJsonFile(files.login);
  if (!isRecord(stored) || stored.version !== 1 || typeof stored.serverUrl !== 'string' || typeof stored.userId !== 'string' || !isRecord(stored.kdf) || !isRecord(stored.sealedKeys)) return null;
  return stored as unknown as StoredLogin;
}

/** The stored token pair, or null. */
export function readTokens(files: ConfigFiles): TokenPair | null {
  const stored = readJsonFile(files.tokens);
  if (!isRecord(stored) || typeof stored.accessToken !== 'string' || typeof stored.refreshToken !== 'string' || typeof stored.accessTokenExpiredAt !== 'number') return null;
  return stored as unknown as TokenPair;
}

export function writeTokens(files: ConfigFiles, tokens: TokenPair): void {
  writePrivateJson(files.tokens, tokens);
}

/** Saves a new login and its tokens (the folder made private first). */
export function writeLogin(files: ConfigFiles, login: StoredLogin, tokens: TokenPair): void {
  ensurePrivateDir(files.dir);
  writeTokens(files, tokens);
  writePrivateJson(files.login, login);
}

/** Forgets the login and its tokens; pins stay. */
export function forgetLogin(files: ConfigFiles): void {
  removeFile(files.tokens);
  removeFile(files.login);
}

/** The organisation fingerprint pinned for this server's origin, or null. */
export function readPin(files: ConfigFiles, serverUrl: string): string | null {
  const pins = readJsonFile(files.pins);
  const pin = isRecord(pins) ? pins[new URL(serverUrl).origin] : undefined;
  return typeof pin === 'string' ? pin : null;
}

export function writePin(files: ConfigFiles, serverUrl: string, fingerprint: string): void {
  ensurePrivateDir(files.dir);
  const pins = readJsonFile(files.pins);
  writePrivateJson(files.pins, { ...(isRecord(pins) ? pins : {}), [new URL(serverUrl).origin]: fingerprint });
}
