import { batch, signal } from '@preact/signals';
import type { EntriesReply, EntryRow } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { currentSiteFirst, keepUnchangedRows, MAX_SEARCH_ROWS, SEARCH_LIMIT, searchRequest } from './entry-search';
import { asBackgroundError, type PopupModel } from './popup-model';

/**
 * The main screen's search: one request per keystroke, at most one in flight. A reply is shown
 * only when no newer query is waiting, so a slow answer never overwrites a faster, newer one.
 * The tab's site, which ranks first, is read once and followed when the tab navigates.
 */
export function createEntryListModel(popup: PopupModel) {
  // The rows asked for with the status when the popup opened, so the list renders with them.
  const first = popup.takeFirstEntries();
  const query = signal('');
  const rows = signal<EntryRow[]>(first ? currentSiteFirst(first.reply.rows) : []);
  const total = signal(first?.reply.total ?? 0);
  const loaded = signal(first !== null);
  const active = signal(0);
  const error = signal<BackgroundError | null>(null);
  const totpItemId = signal<string | null>(null);
  let tab = first?.tab;
  let stopWatchingTab: (() => void) | null = null;
  let disposed = false;
  let inFlight = false;
  let wanted: string | null = null;
  let anticipated: string | null = null;
  let shownQuery: string | null = first ? '' : null;
  /** Rows asked for the current query: one page, more after "Show more", one page again for a new query. */
  let limit = SEARCH_LIMIT;

  function show(text: string, reply: EntriesReply): void {
    batch(() => {
      rows.value = keepUnchangedRows(rows.value, currentSiteFirst(reply.rows));
      total.value = reply.total;
      // The same query again (the list after a sync) keeps the row the keyboard is on.
      active.value = text === shownQuery ? Math.min(active.value, Math.max(0, rows.value.length - 1)) : 0;
      error.value = null;
      loaded.value = true;
    });
    shownQuery = text;
  }

  async function send(text: string): Promise<void> {
    try {
      const reply = await popup.request(searchRequest(text, tab?.origin, limit));
      // Only the answer for what the box shows: an anticipated keystroke the box never showed is dropped.
      if (wanted === null && text === query.value) show(text, reply);
    } catch (failure) {
      if (wanted === null) error.value = asBackgroundError(failure);
    }
  }

  /** Sends `text`'s search now, or after the one in flight (only the newest waits). */
  async function request(text: string): Promise<void> {
    wanted = text;
    if (inFlight) return;
    inFlight = true;
    try {
      while (wanted !== null) {
        const next: string = wanted;
        wanted = null;
        await send(next);
      }
    } finally {
      inFlight = false;
    }
  }

  /** Shows the entries matching `text` (name, login, URL, tags; the background decides). */
  async function search(text: string): Promise<void> {
    if (text !== query.value) limit = SEARCH_LIMIT;
    query.value = text;
    const asked = text === anticipated;
    anticipated = null;
    if (!asked) await request(text);
  }

  /**
   * Asks for `text` before the box shows it: the browser announced a typed character and is about
   * to insert it, so the search leaves before the insertion's own work (issue #6, search_ms). The
   * `search` that the insertion brings finds it asked already.
   */
  function anticipate(text: string): void {
    if (text !== query.value) limit = SEARCH_LIMIT;
    anticipated = text;
    void request(text);
  }

  /** Asks for one more page of the query's rows (the keyboard stays where it was). */
  function showMore(): void {
    limit = Math.min(limit + SEARCH_LIMIT, MAX_SEARCH_ROWS);
    void request(query.value);
  }

  /** A page that moves to another site under the open popup changes which entries rank first. */
  function followTab(): void {
    if (!tab || disposed) return;
    stopWatchingTab = popup.environment.watchTabOrigin(tab.id, (origin) => {
      if (!tab || origin === tab.origin) return;
      tab = { ...tab, origin };
      void search(query.value);
    });
  }

  /** The first search unless the popup brought its rows, then one sync and the list again with what changed. */
  async function open(): Promise<void> {
    if (!first) tab = await popup.environment.activeTab().catch(() => undefined);
    followTab();
    if (!first) await search(query.value);
    // The sync's failure is not this screen's error: the status it leaves (offline) says it.
    await popup.act({ type: 'sync.now' }).catch(() => popup.refresh());
    await search(query.value);
  }

  function setActive(index: number): void {
    active.value = Math.max(0, Math.min(index, rows.value.length - 1));
  }

  /** Opens the one-time code of `itemId`, or closes it when it is already open. */
  function toggleTotp(itemId: string): void {
    totpItemId.value = totpItemId.value === itemId ? null : itemId;
  }

  /** Stops following the tab (the screen is gone). */
  function dispose(): void {
    disposed = true;
    stopWatchingTab?.();
  }

  return { query, rows, total, loaded, active, error, totpItemId, search, anticipate, showMore, open, dispose, setActive, toggleTotp };
}

/** The entry list's model; see createEntryListModel. */
export type EntryListModel = ReturnType<typeof createEntryListModel>;
