import type { RefObject } from 'preact';
import type { ClipboardModel } from './clipboard-model';
import { focusEntry } from './entry-list-keys';
import type { EntryListModel } from './entry-list-model';
import type { PopupModel } from './popup-model';
import { valueAfterTyping } from './typed-value';

/** What the search box drives, and the screen whose rows ArrowDown moves into. */
export interface SearchBoxProps {
  popup: PopupModel;
  entries: EntryListModel;
  clipboard: ClipboardModel;
  inputRef: RefObject<HTMLInputElement>;
  screen: RefObject<HTMLElement>;
}

/**
 * The search box, which has the focus when the popup opens: every keystroke searches, ArrowDown
 * moves into the list, Enter copies the first row's password (type a few letters, press Enter).
 * A typed character's search leaves on `beforeinput`, before the browser inserts it.
 */
export function SearchBox({ popup, entries, clipboard, inputRef, screen }: SearchBoxProps) {
  const t = popup.t.value;

  function onKeyDown(event: KeyboardEvent) {
    const row = entries.rows.value[entries.active.value];
    if (event.key === 'ArrowDown' && row) {
      event.preventDefault();
      focusEntry(screen.current, entries.active.value);
    } else if (event.key === 'Enter' && row) {
      event.preventDefault();
      void clipboard.copyEntryField(row.id, row.hasPassword ? 'password' : 'login');
    } else if (event.key === 'Escape' && entries.query.value) {
      // Escape closes the popup; with a query typed, the first Escape only clears it.
      event.preventDefault();
      void entries.search('');
    }
  }

  return (
    <>
      <input
        ref={inputRef}
        type="search"
        class="search"
        aria-label={t('popup.search.label')}
        aria-describedby="search-hint"
        placeholder={t('popup.search.placeholder')}
        value={entries.query.value}
        onBeforeInput={(event) => {
          const next = valueAfterTyping(event.currentTarget, event);
          if (next !== null) entries.anticipate(next);
        }}
        onInput={(event) => void entries.search(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        autocomplete="off"
        spellcheck={false}
      />
      <p id="search-hint" class="visually-hidden">
        {t('popup.search.hint')}
      </p>
    </>
  );
}
