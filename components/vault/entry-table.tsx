import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/translate';
import type { ClipboardModel } from '../popup/clipboard-model';
import type { EntryTableModel } from './entry-table-model';

/** Every row has this height, so the list knows where any row is without rendering the others. */
export const ROW_HEIGHT = 48;
/** Rows rendered beyond each edge of the viewport, so a quick scroll does not show empty space first. */
const OVERSCAN = 10;

/** Where the list is scrolled to and how tall its viewport is, in pixels. */
interface Viewport {
  top: number;
  height: number;
}

/** The rows to render for a viewport: those on screen and OVERSCAN more on each side. */
export function renderedRange(viewport: Viewport, total: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN);
  return { first, last };
}

/** The key that moves the active row, and where to; null for any other key. */
function movedTo(key: string, active: number, total: number, pageRows: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(total - 1, active + 1);
    case 'ArrowUp':
      return Math.max(0, active - 1);
    case 'PageDown':
      return Math.min(total - 1, active + pageRows);
    case 'PageUp':
      return Math.max(0, active - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return null;
  }
}

/**
 * The vault page's entry list: a listbox as tall as every matching entry, of which only the rows
 * near the viewport are in the DOM (100,000 entries scroll as smoothly as 100). The keyboard moves
 * the active row (aria-activedescendant), which the details beside the list show; Enter copies its
 * password.
 */
export function EntryTable({ table, clipboard, t, vaultNames }: { table: EntryTableModel; clipboard: ClipboardModel; t: Translate; vaultNames: ReadonlyMap<string, string> }) {
  const container = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const [viewport, setViewport] = useState<Viewport>({ top: 0, height: 0 });
  const total = table.total.value ?? 0;
  const active = table.active.value;
  void table.loadedPages.value;
  const { first, last } = renderedRange(viewport, total);

  useLayoutEffect(() => {
    const element = container.current!;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => table.showRows(first, last), [table, first, last, total]);
  // A new list (another place, query or order) starts at its top.
  useLayoutEffect(() => {
    if (container.current) container.current.scrollTop = 0;
  }, [table.choice.value, table.query.value, table.sort.value, table.colour.value]);

  function keepVisible(index: number): void {
    const element = container.current!;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (total === 0) return;
    // From the model, not this render: two keys may come before the next render.
    const current = table.active.value;
    if (event.key === 'Enter') {
      const row = table.rowAt(current);
      if (!row) return;
      event.preventDefault();
      void clipboard.copyEntryField(row.id, row.hasPassword ? 'password' : 'login');
      return;
    }
    const next = movedTo(event.key, current, total, Math.max(1, Math.floor(viewport.height / ROW_HEIGHT) - 1));
    if (next === null) return;
    event.preventDefault();
    table.setActive(next);
    keepVisible(next);
  }

  const rows = [];
  for (let index = first; index <= last; index++) {
    const row = table.rowAt(index);
    const style = { top: `${index * ROW_HEIGHT}px` };
    rows.push(
      <div key={index} id={`${hintId}-row-${index}`} role="option" class="vault-row" style={style} aria-selected={index === active} aria-setsize={total} aria-posinset={index + 1} aria-busy={row ? undefined : 'true'} data-testid="vault-row" onClick={() => table.setActive(index)}>
        {row ? (
          <>
            <span class="row-name">{row.name || t('popup.entry.untitled')}</span>
            <span class="row-login">{[row.login, row.host].filter(Boolean).join(' · ')}</span>
            <span class="row-vault">{vaultNames.get(row.vaultId) ?? ''}</span>
          </>
        ) : (
          <span class="row-login">{t('vault.list.loading')}</span>
        )}
      </div>,
    );
  }

  return (
    <>
      <p id={hintId} class="visually-hidden">
        {t('vault.list.hint')}
      </p>
      <div
        ref={container}
        class="entry-table"
        role="listbox"
        tabIndex={0}
        aria-label={t('vault.list.label')}
        aria-describedby={hintId}
        aria-activedescendant={total > 0 ? `${hintId}-row-${active}` : undefined}
        onScroll={(event) => setViewport({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}
        onKeyDown={onKeyDown}
        data-testid="entry-table"
      >
        <div class="entry-table-rows" style={{ height: `${total * ROW_HEIGHT}px` }}>
          {rows}
        </div>
      </div>
    </>
  );
}
