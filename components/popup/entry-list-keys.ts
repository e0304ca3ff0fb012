import type { RefObject } from 'preact';

/** Focuses row `index`'s main button (rows are found by their data attribute, across both sections). */
export function focusEntry(container: HTMLElement | null, index: number): void {
  container?.querySelector<HTMLElement>(`[data-entry-index="${index}"]`)?.focus();
}

const isTyping = (event: KeyboardEvent) => event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;

function rowIndexOf(target: EventTarget | null): number {
  const main = (target as HTMLElement | null)?.closest('li')?.querySelector<HTMLElement>('[data-entry-index]');
  return main ? Number(main.dataset.entryIndex) : -1;
}

/**
 * The list's keyboard: ArrowUp/ArrowDown/Home/End move between rows (ArrowUp from the first goes
 * back to the search box), and typing while a row has focus goes on in the search box, as it would
 * in any list with a filter box. Enter and Space are the focused button's own.
 */
export function entryListKeys(container: RefObject<HTMLElement>, rowCount: () => number, search: RefObject<HTMLInputElement>) {
  return (event: KeyboardEvent) => {
    const index = rowIndexOf(event.target);
    if (index < 0) return;
    const goTo = (next: number) => {
      event.preventDefault();
      if (next < 0) search.current?.focus();
      else focusEntry(container.current, Math.min(next, rowCount() - 1));
    };
    if (event.key === 'ArrowDown') goTo(index + 1);
    else if (event.key === 'ArrowUp') goTo(index - 1);
    else if (event.key === 'Home') goTo(0);
    else if (event.key === 'End') goTo(rowCount() - 1);
    else if (isTyping(event)) search.current?.focus();
  };
}
