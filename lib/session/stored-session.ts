import type { TokenPair } from '../contract/sessions';
import { fromBase64Url, toBase64Url } from '../crypto/bytes';
import { restoreMasterKey, type KdfParams, type MasterKey } from '../crypto/kdf';
import type { KeyValueArea } from '../settings/settings';

// What outlives a stopped worker. The one root secret — the 64-byte master key — goes only to
// `storage.session`, which browsers keep in memory, clear on restart, and never show content
// scripts; everything else the worker holds is rebuilt from it. `storage.local` (on disk) keeps
// who is signed in where, and the refresh token only sealed under the master key.

const SESSION_KEY = 'keyhold.session';
const ACCOUNT_KEY = 'keyhold.account';
const PINS_KEY = 'keyhold.pins';

/** `storage.session`: the live session of the running browser. */
export interface LiveSession {
  tokens: TokenPair | null;
  /** Present while unlocked: the root secret. */
  masterKey: { bytes: string; hash: string } | null;
  lastActivityAt: number;
}

/** `storage.local`: the account this device is signed in to. */
export interface AccountRecord {
  serverUrl: string;
  userId: string;
  login: string;
  /** The organisation key fingerprint this device trusts (pinned at setup, invitation or first sign-in). */
  organisationFingerprint: string;
  /** The refresh token encrypted under the master key, so an unlock after a restart is online without the login password. */
  sealedRefreshToken: string | null;
  /**
   * The KDF record of the last unlock, so the next one starts deriving before the offline cache
   * is read. Only a head start: the cache's own record decides, and a key derived from a record the
   * cache does not hold is thrown away.
   */
  kdf?: KdfParams;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export async function readLiveSession(area: KeyValueArea): Promise<LiveSession | null> {
  const stored = (await area.get(SESSION_KEY))[SESSION_KEY];
  if (!isObject(stored) || typeof stored.lastActivityAt !== 'number') return null;
  return stored as unknown as LiveSession;
}

export async function writeLiveSession(area: KeyValueArea, session: LiveSession): Promise<void> {
  await area.set({ [SESSION_KEY]: session });
}

export async function clearLiveSession(area: KeyValueArea): Promise<void> {
  if (area.remove) await area.remove(SESSION_KEY);
  else await area.set({ [SESSION_KEY]: null });
}

export function storedMasterKey(masterKey: MasterKey): LiveSession['masterKey'] {
  return { bytes: toBase64Url(masterKey.bytes), hash: masterKey.hash };
}

export async function resumedMasterKey(stored: NonNullable<LiveSession['masterKey']>): Promise<MasterKey> {
  return restoreMasterKey(fromBase64Url(stored.bytes, 'master key'), stored.hash);
}

export async function readAccount(area: KeyValueArea): Promise<AccountRecord | null> {
  const stored = (await area.get(ACCOUNT_KEY))[ACCOUNT_KEY];
  if (!isObject(stored) || typeof stored.userId !== 'string' || typeof stored.serverUrl !== 'string') return null;
  return stored as unknown as AccountRecord;
}

export async function writeAccount(area: KeyValueArea, account: AccountRecord | null): Promise<void> {
  if (account === null && area.remove) await area.remove(ACCOUNT_KEY);
  else await area.set({ [ACCOUNT_KEY]: account });
}

/**
 * The organisation fingerprint this device trusts for a server, by origin. Kept apart from the
 * account and never removed by signing out: a server must not get a new key trusted by waiting for
 * a sign-out and the next sign-in.
 */
export async function readPin(area: KeyValueArea, serverUrl: string): Promise<string | null> {
  const pins = (await area.get(PINS_KEY))[PINS_KEY];
  const pin = isObject(pins) ? pins[new URL(serverUrl).origin] : undefined;
  return typeof pin === 'string' ? pin : null;
}

export async function writePin(area: KeyValueArea, serverUrl: string, fingerprint: string): Promise<void> {
  const stored = (await area.get(PINS_KEY))[PINS_KEY];
  await area.set({ [PINS_KEY]: { ...(isObject(stored) ? stored : {}), [new URL(serverUrl).origin]: fingerprint } });
}
