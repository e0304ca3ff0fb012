import type { RefObject } from 'preact';
import { useId, useRef } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import type { ClipboardModel } from './clipboard-model';
import type { FillModel } from './fill-model';
import { entryListKeys } from './entry-list-keys';
import type { EntryListModel } from './entry-list-model';
import { EntrySection } from './entry-section';
import { MAX_SEARCH_ROWS } from './entry-search';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';

/** What the list needs from the screen around it. */
export interface EntryListProps {
  popup: PopupModel;
  entries: EntryListModel;
  clipboard: ClipboardModel;
  filler: FillModel;
  /** Where ArrowUp from the first row and typing in the list go back to. */
  searchRef: RefObject<HTMLInputElement>;
}

/** The search results: the current site's entries under their own heading first, then the rest. */
export function EntryList({ popup, entries, clipboard, filler, searchRef }: EntryListProps) {
  const t = popup.t.value;
  const container = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const rows = entries.rows.value;
  const failure = entries.error.value;
  if (failure) return <ErrorAlert message={errorText(t, failure)} />;
  if (!entries.loaded.value) return <div class="entry-list" aria-busy="true" />;
  if (rows.length === 0) {
    const query = entries.query.value;
    return <p class="empty">{query ? t('popup.noResults', { query }) : t('popup.empty')}</p>;
  }

  const siteCount = rows.filter((row) => row.currentSite).length;
  const shared = { popup, entries, clipboard, filler, hintId };
  return (
    <div class="entry-list" ref={container} onKeyDown={entryListKeys(container, () => entries.rows.value.length, searchRef)} data-testid="entry-list">
      {siteCount > 0 && <EntrySection {...shared} title={t('popup.section.thisSite')} rows={rows.slice(0, siteCount)} offset={0} />}
      {rows.length > siteCount && <EntrySection {...shared} title={t('popup.section.allEntries')} rows={rows.slice(siteCount)} offset={siteCount} />}
      {entries.total.value > rows.length && <p class="muted">{t('popup.moreResults', { shown: rows.length, total: entries.total.value })}</p>}
      {entries.total.value > rows.length && rows.length < MAX_SEARCH_ROWS && (
        <button type="button" class="link" onClick={entries.showMore}>
          {t('popup.showMore')}
        </button>
      )}
      <p id={hintId} class="visually-hidden">
        {t('popup.entry.hint')}
      </p>
    </div>
  );
}
