import { randomBytes } from '../../lib/crypto/bytes';
import { itemFieldContext } from '../../lib/crypto/contexts';
import { decryptString, deriveSymmetricKey, encryptString, type SymmetricKey } from '../../lib/crypto/symmetric';
import { unwrapEntryKey, wrapEntryKey } from '../../lib/crypto/wraps';
import { median, round, type Figure } from '../report';

const ENTRIES = 10_000;
const VAULTS = 50;
const BATCH = 500;
const ROUNDS = 3;

interface StoredEntry {
  vaultIndex: number;
  itemId: string;
  wrappedKey: string;
  password: string;
}

async function fixture(): Promise<{ vaultKeys: SymmetricKey[]; entries: StoredEntry[] }> {
  const vaultKeys = await Promise.all(Array.from({ length: VAULTS }, () => deriveSymmetricKey(randomBytes(32))));
  const entries: StoredEntry[] = [];
  for (let start = 0; start < ENTRIES; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ENTRIES - start) }, async (_, offset) => {
      const index = start + offset;
      const vaultIndex = index % VAULTS;
      const itemId = `item-${index}`;
      const entryKey = randomBytes(32);
      const place = { vaultId: `vault-${vaultIndex}`, itemId, vaultKeyVersion: 1 };
      const wrappedKey = await wrapEntryKey(vaultKeys[vaultIndex]!, place, entryKey);
      const password = await encryptString(await deriveSymmetricKey(entryKey), itemFieldContext(place.vaultId, itemId, 1, 'password'), `password-${index}`);
      return { vaultIndex, itemId, wrappedKey, password };
    });
    entries.push(...(await Promise.all(batch)));
  }
  return { vaultKeys, entries };
}

async function decryptOne(vaultKeys: SymmetricKey[], entry: StoredEntry): Promise<string> {
  const vaultId = `vault-${entry.vaultIndex}`;
  const entryKey = await unwrapEntryKey(vaultKeys[entry.vaultIndex]!, { vaultId, itemId: entry.itemId, vaultKeyVersion: 1 }, entry.wrappedKey);
  return decryptString(await deriveSymmetricKey(entryKey), itemFieldContext(vaultId, entry.itemId, 1, 'password'), entry.password);
}

/** Decrypts every password, `BATCH` entries in flight at a time (sequential awaits cost ~4× more). */
async function decryptAll(vaultKeys: SymmetricKey[], entries: StoredEntry[]): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < entries.length; start += BATCH) {
    const passwords = await Promise.all(entries.slice(start, start + BATCH).map((entry) => decryptOne(vaultKeys, entry)));
    if (passwords[0] !== `password-${start}`) throw new Error('decrypted the wrong password');
  }
  return performance.now() - started;
}

/** crypto.decrypt_10k_ms: unwrap 10,000 entry keys under 50 vault keys and decrypt their passwords. */
export async function measureDecrypt(log: (line: string) => void): Promise<Figure[]> {
  const { vaultKeys, entries } = await fixture();
  const runs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(await decryptAll(vaultKeys, entries));
  const ms = median(runs);
  log(`${ENTRIES} entry keys + passwords     ${round(ms)} ms (median of ${ROUNDS}; ${round((ms * 1000) / ENTRIES)} µs per entry)`);
  return [{ name: 'decrypt_10k_ms', value: ms, unit: 'ms' }];
}
