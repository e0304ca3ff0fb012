import { accountKeyRange, ACCOUNT_STORES, type AccountRecord, type CacheDatabase } from './cache-database';

// Every change to an account's cache is one IndexedDB transaction: the chunks, directory and item
// records of a sync land together with the state that names their generations and the new cursor.
// A crash or a closed worker mid-write leaves the previous sync whole, never a half-applied delta
// behind an advanced cursor. Everything is encrypted before the transaction opens: a transaction
// commits as soon as it waits on anything but its own requests (such as WebCrypto).

/** The records one write puts or deletes. */
export interface CacheWrite {
  account: AccountRecord;
  /** Drop every chunk and item record of the account first (a full sync, a new cache). */
  replaceAll: boolean;
  chunks: Map<number, Uint8Array>;
  directory: Uint8Array | null;
  removedItems: readonly string[];
  items: Map<string, Uint8Array>;
}

/** Applies `write` in one transaction; resolves once it has committed. */
export async function commitWrite(db: CacheDatabase, write: CacheWrite): Promise<void> {
  const { serverOrigin: origin, userId } = write.account;
  const tx = db.transaction(ACCOUNT_STORES, 'readwrite');
  const items = tx.objectStore('items');
  const chunks = tx.objectStore('chunks');
  const requests: Promise<unknown>[] = [];
  if (write.replaceAll) requests.push(items.delete(accountKeyRange(origin, userId)), chunks.delete(accountKeyRange(origin, userId)));
  // Requests run in the order they are made: removals before the puts that may re-add a moved item.
  for (const id of write.removedItems) requests.push(items.delete([origin, userId, id]));
  for (const [index, sealed] of write.chunks) requests.push(chunks.put(sealed, [origin, userId, index]));
  for (const [id, sealed] of write.items) requests.push(items.put(sealed, [origin, userId, id]));
  if (write.directory) requests.push(tx.objectStore('directory').put(write.directory, [origin, userId]));
  requests.push(tx.objectStore('accounts').put(write.account), tx.done);
  await Promise.all(requests);
}

/** Deletes every record of one account in one transaction. */
export async function deleteAccount(db: CacheDatabase, origin: string, userId: string): Promise<void> {
  const tx = db.transaction(ACCOUNT_STORES, 'readwrite');
  const range = accountKeyRange(origin, userId);
  await Promise.all([
    tx.objectStore('accounts').delete([origin, userId]),
    tx.objectStore('chunks').delete(range),
    tx.objectStore('directory').delete([origin, userId]),
    tx.objectStore('items').delete(range),
    tx.done,
  ]);
}
