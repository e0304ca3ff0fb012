import { batch, computed, signal } from '@preact/signals';
import type { VaultTree } from '../../lib/cache/vault-tree';
import type { ListRow } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import { filterOf, type NavigationChoice } from './navigation-choice';

/** Rows asked for at a time as the list scrolls. */
export const PAGE_ROWS = 100;

export type SortOrder = 'name' | 'updated';

/**
 * The vault page's navigation and entry list. The list is as long as the worker says its filters
 * match, but only the pages of rows on screen are asked for (PAGE_ROWS at a time) and kept; any
 * change of query, place, colour or order starts over. A reply for an older list is dropped.
 */
export function createEntryTableModel(page: PopupModel) {
  const tree = signal<VaultTree | null>(null);
  const choice = signal<NavigationChoice>({ kind: 'all' });
  const query = signal('');
  const colour = signal<string | null>(null);
  const sort = signal<SortOrder>('name');
  const total = signal<number | null>(null);
  /** Bumped when a page of rows arrives, so the list renders what it now has. */
  const loadedPages = signal(0);
  const active = signal(0);
  const error = signal<BackgroundError | null>(null);
  const pages = new Map<number, ListRow[]>();
  const asked = new Set<number>();
  let generation = 0;

  const activeRow = computed(() => {
    void loadedPages.value;
    return rowAt(active.value);
  });

  function rowAt(index: number): ListRow | undefined {
    return pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS];
  }

  async function fetchPage(pageIndex: number, forGeneration: number): Promise<void> {
    asked.add(pageIndex);
    try {
      const reply = await page.request({
        type: 'entries.list',
        query: query.value,
        ...filterOf(choice.value),
        ...(colour.value === null ? {} : { colour: colour.value }),
        sort: sort.value,
        offset: pageIndex * PAGE_ROWS,
        limit: PAGE_ROWS,
      });
      if (forGeneration !== generation) return;
      pages.set(pageIndex, reply.rows);
      batch(() => {
        total.value = reply.total;
        loadedPages.value++;
        error.value = null;
      });
    } catch (failure) {
      asked.delete(pageIndex);
      if (forGeneration === generation) error.value = asBackgroundError(failure);
    }
  }

  /** Asks for the pages holding rows `from` to `to` (inclusive) that are neither here nor on their way. */
  function showRows(from: number, to: number): void {
    const last = total.value === null ? 0 : Math.max(0, total.value - 1);
    for (let pageIndex = Math.floor(Math.max(0, from) / PAGE_ROWS); pageIndex <= Math.floor(Math.min(to, last) / PAGE_ROWS); pageIndex++) {
      if (!asked.has(pageIndex)) void fetchPage(pageIndex, generation);
    }
  }

  /** Forgets every row and asks for the first page of the list as it now stands. */
  function restart(): Promise<void> {
    generation++;
    pages.clear();
    asked.clear();
    batch(() => {
      total.value = null;
      active.value = 0;
      loadedPages.value++;
    });
    return fetchPage(0, generation);
  }

  /**
   * Asks again for the pages it holds (after a sync), showing them meanwhile: the active row and
   * the scroll position stay where they are.
   */
  function reload(): Promise<void> {
    generation++;
    // The pages held and those on their way (whose answers are now dropped as older); at least the first.
    const held = [...new Set([...pages.keys(), ...asked, 0])];
    asked.clear();
    return Promise.all(held.map((pageIndex) => fetchPage(pageIndex, generation))).then(() => undefined);
  }

  async function loadTree(): Promise<void> {
    try {
      tree.value = await page.request({ type: 'vault.tree' });
    } catch (failure) {
      error.value = asBackgroundError(failure);
    }
  }

  /** The first list from this device's copy, then one sync and both again with what it brought. */
  async function open(): Promise<void> {
    await Promise.all([loadTree(), restart()]);
    // The sync's failure is not this page's error: the status it leaves (offline) says it.
    await page.act({ type: 'sync.now' }).catch(() => page.refresh());
    await Promise.all([loadTree(), reload()]);
  }

  /** The tree and the list again after this page changed an entry (the worker has synced it). */
  function refresh(): Promise<void> {
    return Promise.all([loadTree(), reload()]).then(() => undefined);
  }

  function choose(next: NavigationChoice): Promise<void> {
    choice.value = next;
    return restart();
  }

  function search(text: string): Promise<void> {
    query.value = text;
    return restart();
  }

  function setColour(next: string | null): Promise<void> {
    colour.value = next;
    return restart();
  }

  function setSort(next: SortOrder): Promise<void> {
    sort.value = next;
    return restart();
  }

  function setActive(index: number): void {
    const count = total.value ?? 0;
    active.value = Math.max(0, Math.min(index, count - 1));
  }

  return { tree, choice, query, colour, sort, total, loadedPages, active, activeRow, error, rowAt, showRows, open, refresh, choose, search, setColour, setSort, setActive };
}

/** The vault page's model of its navigation and list; see createEntryTableModel. */
export type EntryTableModel = ReturnType<typeof createEntryTableModel>;
