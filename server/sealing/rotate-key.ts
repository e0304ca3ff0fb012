import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { resealAll } from '../backup/backup.service';
import { createSealer } from './sealer';
import { loadServerKeyring, newKeyId, ServerKeyError, writeKeyFile } from './server-key';

/**
 * Adds a new server key, makes it current and re-seals every sealed value under it. Older keys stay
 * in the file: MACs made under them (master key hashes, recovery codes) cannot be recomputed
 * without the values they cover, and keep verifying.
 */
export async function rotateServerKey(database: Database, options: { keyFile: string; dataDir: string }): Promise<{ keyId: string; resealed: number }> {
  if (process.env.KEYHOLD_SERVER_KEY) throw new ServerKeyError('KEYHOLD_SERVER_KEY is set: rotate keys in your secret store, or use a key file.');
  const { keyring } = loadServerKeyring(options);
  const keyId = newKeyId();
  const rotated = { ...keyring, current: keyId, keys: new Map([...keyring.keys, [keyId, randomBytes(32)]]) };
  // The file first: if re-sealing fails, nothing is lost, since the old keys are still in it.
  writeKeyFile(options.keyFile, rotated);
  return { keyId, resealed: await resealAll(database, createSealer(rotated), keyId) };
}
