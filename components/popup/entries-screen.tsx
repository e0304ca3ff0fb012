import { useMemo, useRef } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { useAutoFocus } from '../form/use-auto-focus';
import type { ClipboardModel } from './clipboard-model';
import { CopyNotice } from './copy-notice';
import { EntryList } from './entry-list';
import { createFillModel } from './fill-model';
import { FillNotice } from './fill-notice';
import type { EntryListModel } from './entry-list-model';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { PopupToolbar } from './popup-toolbar';
import { SearchBox } from './search-box';
import { SyncStatus } from './sync-status';
import { useActionState } from './use-action-state';

/** Where the toolbar's view buttons lead. */
export interface EntriesScreenLinks {
  onGenerator(): void;
  onSettings(): void;
}

/** The unlocked popup: a search box with the focus, the matching entries, and the toolbar. */
export function EntriesScreen({ popup, entries, clipboard, links }: { popup: PopupModel; entries: EntryListModel; clipboard: ClipboardModel; links: EntriesScreenLinks }) {
  const t = popup.t.value;
  const screen = useRef<HTMLElement>(null);
  const searchRef = useAutoFocus<HTMLInputElement>();
  const lock = useActionState();
  const filler = useMemo(() => createFillModel(popup, clipboard), [popup, clipboard]);
  const onLock = () => void lock.run(() => popup.act({ type: 'session.lock' }));
  return (
    <main class="screen entries" data-screen="entries" ref={screen}>
      <h1 class="visually-hidden">{t('popup.title')}</h1>
      <div class="search-row">
        <SearchBox popup={popup} entries={entries} clipboard={clipboard} inputRef={searchRef} screen={screen} />
        <PopupToolbar popup={popup} actions={{ ...links, onLock }} />
      </div>
      <ErrorAlert message={lock.error.value && errorText(t, lock.error.value)} />
      <SyncStatus popup={popup} />
      <FillNotice filler={filler} t={t} />
      <EntryList popup={popup} entries={entries} clipboard={clipboard} filler={filler} searchRef={searchRef} />
      <CopyNotice clipboard={clipboard} t={t} />
    </main>
  );
}
