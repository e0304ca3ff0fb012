import type { Item } from '../contract/items';

// What the popup lists and searches, per entry: the clear metadata and nothing secret. It is taken
// from the item as the server sent it and is NOT verified here (verifying needs every entry key,
// which would cost a vault-key unwrap per vault and a MAC per entry at unlock): it is for display
// and search only. Anything that fills, copies or reveals reads the full record and checks its
// metadata MAC first (keyring.ts).

/** One entry of the vault index: the item's clear metadata as served, and what its fields hold. */
export interface IndexEntry extends Pick<Item, 'id' | 'vaultId' | 'folderId' | 'name' | 'login' | 'urls' | 'tags' | 'favourite' | 'colour' | 'updatedAt'> {
  /** Kept so a sync that goes backwards is caught and so the full record's context can name it. */
  revision: number;
  /** Whether the entry has a field of type password (the popup offers to copy it). */
  hasPassword: boolean;
  /** Whether the entry has a field of type totp (the popup shows a code button). */
  hasTotp: boolean;
  /** Set while the entry is in the trash: listed in the vault page's trash, never in search. */
  deletedAt: number | null;
}

/** The index entry of an item as the server sent it. */
export function indexEntryOf(item: Item): IndexEntry {
  return {
    id: item.id,
    vaultId: item.vaultId,
    folderId: item.folderId,
    revision: item.revision,
    name: item.name,
    login: item.login,
    urls: item.urls,
    tags: item.tags,
    favourite: item.favourite,
    colour: item.colour,
    hasPassword: item.fields.some((field) => field.type === 'password'),
    hasTotp: item.fields.some((field) => field.type === 'totp'),
    updatedAt: item.updatedAt,
    deletedAt: item.deletedAt,
  };
}

/**
 * The index chunk an entry lives in: FNV-1a (32-bit) of the id's UTF-16 code units, modulo the
 * chunk count. Ids are random, so chunks fill evenly; a delta touching a few entries rewrites only
 * their chunks.
 */
export function chunkOf(id: string, chunkCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % chunkCount;
}
