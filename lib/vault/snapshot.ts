import type { Bytes } from '../crypto/primitives';
import { deriveSymmetricKey } from '../crypto/symmetric';
import { openItem, readInput, sealRevision, verifyMetadata, type ItemInput, type ItemRecord, type VaultKey } from './item';

// Snapshots are the earlier revisions the server keeps of an item. A snapshot may date from before
// a move, so its entry-key wrap is under a vault key the reader may no longer hold (or never held).
// The entry key itself never changes across updates and moves, so the current item's entry key
// opens every snapshot: its MAC and field contexts still name the vault and revision it was made in.

/** A snapshot's content in clear, with the vault and revision it was sealed in. */
export interface OpenedSnapshot extends ItemInput {
  itemId: string;
  vaultId: string;
  revision: number;
}

/**
 * The snapshot in clear, opened with the current item's entry key (from openItem). Its fields are
 * read at the snapshot's own (MAC'd) revision. Throws AuthenticationError if its metadata MAC or any
 * field fails, e.g. a URL rewritten by the server or a field taken from another revision.
 */
export async function openSnapshot(snapshot: ItemRecord, entryKey: Bytes): Promise<OpenedSnapshot> {
  await verifyMetadata(snapshot, entryKey);
  const input = await readInput(snapshot, { entry: await deriveSymmetricKey(entryKey) });
  return { ...input, itemId: snapshot.id, vaultId: snapshot.vaultId, revision: snapshot.revision };
}

/**
 * The next revision of `current` (in its vault and folder) with the snapshot's content: a restore
 * is a new revision made by the client, since only clients can seal. Throws if either fails to verify.
 */
export async function restoreSnapshot(current: ItemRecord, vault: VaultKey, snapshot: ItemRecord): Promise<ItemRecord> {
  // The MAC would refuse another item's snapshot too; this gives the caller a clearer error.
  if (snapshot.id !== current.id) throw new RangeError('that snapshot belongs to another item');
  const { entryKey } = await openItem(current, vault);
  const { itemId: _itemId, vaultId: _vaultId, revision: _revision, ...content } = await openSnapshot(snapshot, entryKey);
  return sealRevision(vault, current.id, current.revision + 1, entryKey, { ...content, folderId: current.folderId });
}
