import type { IndexEntry } from './index-entry';
import { matchingSlots } from './search';
import type { VaultIndex } from './vault-index';

// The vault page's entry list (issue #7): the entries that pass its filters — the query's words, a
// vault, a folder, a tag, a colour, favourites, the trash — by name or by last change, a window at
// a time for a list that renders only the rows on screen. Per index version it keeps every row's
// entry and both orders, worked out on first use; and the filtered order of the last request, so
// scrolling asks only for windows of it.

/** Which entries the list shows, and in which order. */
export interface ListRequest {
  /** Words that must all occur (name, login, URLs, tags), as in search; empty for every entry. */
  query: string;
  vaultId?: string;
  /** Only the entries directly in this folder; null: those at the vault's top level; absent: any. */
  folderId?: string | null;
  /** Only entries with this tag (as written, any case). */
  tag?: string;
  colour?: string;
  /** Only favourites. */
  favourite?: boolean;
  /** The entries in the trash instead of the others. */
  trash?: boolean;
  /** By name (A to Z), or most recently changed first (then by name). */
  sort: 'name' | 'updated';
}

/** One window of the list, and how many entries the whole list holds. */
export interface ListWindow {
  entries: IndexEntry[];
  total: number;
}

interface ListMemo {
  version: number;
  entries: IndexEntry[];
  orders: Partial<Record<ListRequest['sort'], Int32Array>>;
  last: { key: string; slots: Int32Array } | null;
}

const memos = new WeakMap<VaultIndex, ListMemo>();

function memoFor(index: VaultIndex): ListMemo {
  const memo = memos.get(index);
  if (memo?.version === index.version) return memo;
  // Every entry at once: the filters read vault, folder, tags, colour and dates of every row.
  const entries = Array.from({ length: index.size }, (_, slot) => index.entryAt(slot));
  const fresh: ListMemo = { version: index.version, entries, orders: {}, last: null };
  memos.set(index, fresh);
  return fresh;
}

// The index's rank keys put favourites first; a list by name does not, so only their name part is compared.
const FAVOURITE_OFFSET = 2 ** 32;
const nameKey = (order: number) => order % FAVOURITE_OFFSET;

function byName(index: VaultIndex): (a: number, b: number) => number {
  const { order } = index;
  return (a, b) => nameKey(order[a]!) - nameKey(order[b]!) || index.compareRows(a, b);
}

function orderOf(index: VaultIndex, memo: ListMemo, sort: ListRequest['sort']): Int32Array {
  const kept = memo.orders[sort];
  if (kept) return kept;
  const slots = Int32Array.from({ length: index.size }, (_, slot) => slot);
  const names = byName(index);
  const { entries } = memo;
  slots.sort(sort === 'name' ? names : (a, b) => entries[b]!.updatedAt - entries[a]!.updatedAt || names(a, b));
  memo.orders[sort] = slots;
  return slots;
}

function passes(entry: IndexEntry, request: ListRequest, tag: string | undefined): boolean {
  if ((entry.deletedAt !== null) !== (request.trash ?? false)) return false;
  if (request.vaultId !== undefined && entry.vaultId !== request.vaultId) return false;
  if (request.folderId !== undefined && entry.folderId !== request.folderId) return false;
  if (request.colour !== undefined && entry.colour !== request.colour) return false;
  if (request.favourite && !entry.favourite) return false;
  return tag === undefined || entry.tags.some((candidate) => candidate.toLowerCase() === tag);
}

function filtered(index: VaultIndex, memo: ListMemo, request: ListRequest): Int32Array {
  const key = JSON.stringify([request.query, request.vaultId, request.folderId, request.tag, request.colour, request.favourite, request.trash, request.sort]);
  if (memo.last?.key === key) return memo.last.slots;
  const matched = matchingSlots(index, request.query);
  const wanted = matched ? new Uint8Array(index.size) : null;
  if (matched && wanted) for (const slot of matched) wanted[slot] = 1;
  const tag = request.tag?.toLowerCase();
  const order = orderOf(index, memo, request.sort);
  const slots = new Int32Array(order.length);
  let count = 0;
  for (const slot of order) if ((wanted === null || wanted[slot] === 1) && passes(memo.entries[slot]!, request, tag)) slots[count++] = slot;
  memo.last = { key, slots: slots.slice(0, count) };
  return memo.last.slots;
}

/** The entries `request` lists from `offset` on, at most `limit` of them, and how many it lists in all. */
export function listEntries(index: VaultIndex, request: ListRequest, offset: number, limit: number): ListWindow {
  const memo = memoFor(index);
  const slots = filtered(index, memo, request);
  const window = slots.subarray(Math.min(offset, slots.length), Math.min(offset + limit, slots.length));
  return { entries: Array.from(window, (slot) => memo.entries[slot]!), total: slots.length };
}
