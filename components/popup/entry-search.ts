import type { EntriesReply, EntryRow, PageRequest } from '../../lib/messages/protocol';
import { ask } from '../../lib/messages/send';
import type { PopupEnvironment, PopupTab } from './popup-environment';

/**
 * How many rows one search asks for, all of them rendered: two popup-heights (about ten rows show
 * at once), few enough that a keystroke's new rows render and paint quickly (issue #6). The list
 * says how many more matched; typing narrows them, "Show more" asks for this many again.
 */
export const SEARCH_LIMIT = 20;
/** The most rows one search may ask for (the protocol's limit). */
export const MAX_SEARCH_ROWS = 500;

/** The `entries.search` request for `query`; with `pageOrigin`, that site's entries rank first. */
export function searchRequest(query: string, pageOrigin: string | null | undefined, limit = SEARCH_LIMIT): Extract<PageRequest, { type: 'entries.search' }> {
  return { type: 'entries.search', query, limit, ...(pageOrigin ? { pageOrigin } : {}) };
}

/** What `session.unlock` is asked to send back with the status: the list `searchRequest('', pageOrigin)` would. */
export function firstEntriesRequest(pageOrigin: string | null | undefined): { limit: number; pageOrigin?: string } {
  return { limit: SEARCH_LIMIT, ...(pageOrigin ? { pageOrigin } : {}) };
}

/** The active tab and the first page of its entries, as asked for when the popup opens. */
export interface FirstEntries {
  tab: PopupTab | undefined;
  reply: EntriesReply;
}

/**
 * Asks for the active tab's first entries before anyone knows whether the session is unlocked;
 * resolves to null when that fails for any reason (locked, signed out), and the list asks again.
 * Sent straight to the worker, not through the popup model: a refusal here is expected, not a lost session.
 */
export async function fetchFirstEntries(environment: PopupEnvironment): Promise<FirstEntries | null> {
  try {
    const tab = await environment.activeTab().catch(() => undefined);
    return { tab, reply: await ask(environment.runtime, searchRequest('', tab?.origin)) };
  } catch {
    return null;
  }
}

/** `rows` with the current site's entries first, each group in the background's order. */
export function currentSiteFirst(rows: readonly EntryRow[]): EntryRow[] {
  return [...rows.filter((row) => row.currentSite), ...rows.filter((row) => !row.currentSite)];
}

function sameRow(a: EntryRow, b: EntryRow): boolean {
  const keys = Object.keys(b) as (keyof EntryRow)[];
  return keys.length === Object.keys(a).length && keys.every((key) => a[key] === b[key]);
}

/**
 * `next`, with every row that is unchanged since `shown` replaced by the object already shown: each
 * reply arrives as new objects, and a memoised row re-renders only when its row really changed.
 */
export function keepUnchangedRows(shown: readonly EntryRow[], next: readonly EntryRow[]): EntryRow[] {
  if (shown.length === 0) return [...next];
  const byId = new Map(shown.map((row) => [row.id, row]));
  return next.map((row) => {
    const old = byId.get(row.id);
    return old && sameRow(old, row) ? old : row;
  });
}
