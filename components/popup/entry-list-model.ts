import { signal } from '@preact/signals';
import type { EntryRow } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { asBackgroundError, type PopupModel } from './popup-model';

/** How many rows one search returns: more than a popup can show, few enough to paint at once. */
export const SEARCH_LIMIT = 100;

/** `rows` with the current site's entries first, each group in the background's order. */
export function currentSiteFirst(rows: readonly EntryRow[]): EntryRow[] {
  return [...rows.filter((row) => row.currentSite), ...rows.filter((row) => !row.currentSite)];
}

/**
 * The main screen's search: one request per keystroke, at most one in flight. A reply is shown
 * only when no newer query is waiting, so a slow answer never overwrites a faster, newer one.
 */
export function createEntryListModel(popup: PopupModel) {
  const query = signal('');
  const rows = signal<EntryRow[]>([]);
  const total = signal(0);
  const loaded = signal(false);
  const active = signal(0);
  const error = signal<BackgroundError | null>(null);
  const totpItemId = signal<string | null>(null);
  let tabId: number | undefined;
  let inFlight = false;
  let wanted: string | null = null;

  async function send(text: string): Promise<void> {
    try {
      const reply = await popup.request({ type: 'entries.search', query: text, limit: SEARCH_LIMIT, ...(tabId === undefined ? {} : { tabId }) });
      if (wanted !== null) return;
      rows.value = currentSiteFirst(reply.rows);
      total.value = reply.total;
      active.value = 0;
      error.value = null;
      loaded.value = true;
    } catch (failure) {
      if (wanted === null) error.value = asBackgroundError(failure);
    }
  }

  /** Shows the entries matching `text` (name, login, URL, tags; the background decides). */
  async function search(text: string): Promise<void> {
    query.value = text;
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

  /** First paint from this device's copy, then one sync and the list again with what changed. */
  async function open(): Promise<void> {
    tabId = await popup.environment.activeTabId().catch(() => undefined);
    await search(query.value);
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

  return { query, rows, total, loaded, active, error, totpItemId, search, open, setActive, toggleTotp };
}

/** The entry list's model; see createEntryListModel. */
export type EntryListModel = ReturnType<typeof createEntryListModel>;
