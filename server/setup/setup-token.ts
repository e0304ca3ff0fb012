import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SettingsRepository } from '../settings/settings.repository';

// The one-time owner setup token: printed on the console of an empty server, stored only as a hash,
// replaced at each start until setup happens, and deleted by setup.

const KEY = 'setupTokenHash';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a fresh token and stores its hash; returns the token to print. */
export async function issueSetupToken(settings: SettingsRepository): Promise<string> {
  const token = `khs_${randomBytes(24).toString('base64url')}`;
  await settings.put(KEY, hash(token));
  return token;
}

/** True when `token` is the current setup token. */
export async function setupTokenMatches(settings: SettingsRepository, token: string): Promise<boolean> {
  const stored = await settings.get(KEY);
  if (typeof stored !== 'string') return false;
  return timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(hash(token), 'hex'));
}

/** Forgets the token once setup is done. */
export async function clearSetupToken(settings: SettingsRepository): Promise<void> {
  await settings.delete(KEY);
}
