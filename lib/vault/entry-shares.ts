import type { CertifiedMember } from '../crypto/certificates';
import { fromBase64Url, toBase64Url } from '../crypto/bytes';
import { shortcutKeyContext } from '../crypto/contexts';
import { AuthenticationError, CryptoError } from '../crypto/errors';
import type { Bytes } from '../crypto/primitives';
import { decryptBytes, deriveSymmetricKey, encryptBytes, type SymmetricKey } from '../crypto/symmetric';
import { openKeyWrap, verifyKeyWrap, wrapKey, type KeyWrap } from '../crypto/wraps';
import { verifyMetadata, type ItemRecord, type VaultKey } from './item';
import type { Granter } from './vault-keys';

// Sharing one entry, the client side (docs/access-control.md, "Sharing one entry"). A shortcut's
// entry key is wrapped by the target vault's key, bound to that vault, the shortcut, the item and
// the key version, so only holders of that key make or open one and a server cannot move it. An
// inbox share's entry key is wrapped to the recipient's certified key (RSA-OAEP, label naming the
// item and recipient) and signed by the sender. Either way the entry's metadata MAC must verify
// under the key that came out: a server cannot hand over another entry's data, and an entry whose
// key was replaced since (a re-key after a vault key rotation) is told apart as stale.

/** Where a shortcut is placed and what it opens. */
export interface ShortcutAddress {
  shortcutId: string;
  itemId: string;
  /** The target vault's key (its current version when placing). */
  vault: VaultKey;
}

/** The entry key no longer opens the entry: it was re-keyed (or the data altered) since it was shared. */
export class StaleShareError extends CryptoError {
  constructor() {
    super('shareStale', 'This entry changed its key since it was shared: it needs to be shared again.');
    this.name = 'StaleShareError';
  }
}

/** The entry key wrapped for a shortcut (the `wrapped` of POST /items/{id}/shortcuts). */
export async function wrapForShortcut(address: ShortcutAddress, entryKey: Bytes): Promise<string> {
  if (entryKey.length !== 32) throw new RangeError('entry keys are 32 bytes');
  const bound = shortcutKeyContext(address.vault.vaultId, address.shortcutId, address.itemId, address.vault.version);
  return toBase64Url(await encryptBytes(address.vault.key, bound, entryKey));
}

/** The entry key a shortcut holds; throws AuthenticationError for a wrap made for another place. */
export async function unwrapShortcut(address: ShortcutAddress, wrapped: string): Promise<Bytes> {
  const bound = shortcutKeyContext(address.vault.vaultId, address.shortcutId, address.itemId, address.vault.version);
  const key = await decryptBytes(address.vault.key, bound, fromBase64Url(wrapped, 'shortcut key'));
  if (key.length !== 32) throw new AuthenticationError('shortcut key (wrong length)');
  return key;
}

/** The entry key wrapped to a certified recipient and signed by the sender; throws for an uncertified recipient. */
export async function wrapForInbox(itemId: string, entryKey: Bytes, recipient: CertifiedMember, sender: Granter): Promise<KeyWrap<'entry'>> {
  return wrapKey({ kind: 'entry', subjectId: itemId, keyVersion: 1 }, entryKey, recipient, sender);
}

/**
 * The entry key of an inbox share, once the sender's signature verifies (`sender` certified against
 * the pinned organisation key, as the share's sender) and the wrap names this item and this
 * recipient. Throws AuthenticationError otherwise.
 */
export async function unwrapInboxShare(wrap: KeyWrap<'entry'>, expected: { itemId: string; me: string; senderId: string }, privateKey: CryptoKey, sender: CertifiedMember): Promise<Bytes> {
  if (sender.userId !== expected.senderId) throw new AuthenticationError('inbox share (sent by someone else)');
  const verified = await verifyKeyWrap(wrap, { kind: 'entry', subjectId: expected.itemId, recipientId: expected.me, keyVersion: 1 }, sender);
  return openKeyWrap(verified, privateKey);
}

/**
 * The entry opened with a shared entry key: its metadata MAC checked under that key. Throws
 * StaleShareError when it does not verify (a fresh entry key since, or data that is not the entry's).
 */
export async function openShared(record: ItemRecord, itemId: string, entryKey: Bytes): Promise<{ entryKey: Bytes; entry: SymmetricKey }> {
  if (record.id !== itemId) throw new AuthenticationError('shared entry (another item)');
  try {
    await verifyMetadata(record, entryKey);
  } catch (error) {
    if (error instanceof AuthenticationError) throw new StaleShareError();
    throw error;
  }
  return { entryKey, entry: await deriveSymmetricKey(entryKey) };
}
