import { useEffect, useMemo } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { createClipboardModel } from '../popup/clipboard-model';
import { CopyNotice } from '../popup/copy-notice';
import { errorText } from '../popup/error-text';
import type { PopupModel } from '../popup/popup-model';
import { SyncStatus } from '../popup/sync-status';
import { EntryDetails } from './entry-details';
import { EntryTable } from './entry-table';
import { createEntryTableModel, type SortOrder } from './entry-table-model';
import { Navigation } from './navigation';

/** The unlocked vault page: search and list controls above, navigation, the entry list and the active entry's details. */
export function VaultScreen({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const table = useMemo(() => createEntryTableModel(page), [page]);
  const clipboard = useMemo(() => createClipboardModel(page), [page]);
  useEffect(() => {
    void table.open();
    return clipboard.dispose;
  }, [table, clipboard]);
  const tree = table.tree.value;
  const vaultNames = useMemo(() => new Map(tree?.vaults.map((vault) => [vault.id, vault.name]) ?? []), [tree]);
  const total = table.total.value;
  const failure = table.error.value;
  const query = table.query.value;
  const row = table.activeRow.value;

  return (
    <div class="vault-page" data-screen="vault">
      <header class="vault-header">
        <h1>{t('vault.title')}</h1>
        <input type="search" class="search" aria-label={t('popup.search.label')} placeholder={t('popup.search.placeholder')} value={query} onInput={(event) => void table.search(event.currentTarget.value)} autocomplete="off" spellcheck={false} />
        <label class="control">
          <span>{t('vault.colour.label')}</span>
          <select value={table.colour.value ?? ''} onChange={(event) => void table.setColour(event.currentTarget.value || null)}>
            <option value="">{t('vault.colour.any')}</option>
            {tree?.colours.map(({ colour }) => (
              <option key={colour} value={colour}>
                {colour}
              </option>
            ))}
          </select>
        </label>
        <label class="control">
          <span>{t('vault.sort.label')}</span>
          <select value={table.sort.value} onChange={(event) => void table.setSort(event.currentTarget.value as SortOrder)}>
            <option value="name">{t('vault.sort.name')}</option>
            <option value="updated">{t('vault.sort.updated')}</option>
          </select>
        </label>
        <button type="button" onClick={() => void page.act({ type: 'session.lock' })}>
          {t('popup.lock')}
        </button>
      </header>
      <SyncStatus popup={page} />
      <div class="vault-body">
        <Navigation table={table} t={t} />
        <main class="vault-list">
          <ErrorAlert message={failure && errorText(t, failure)} />
          <p class="muted" role="status" data-testid="list-count">
            {total === null ? t('vault.list.loading') : total === 0 ? (query ? t('popup.noResults', { query }) : t('vault.list.empty')) : t('vault.list.count', { total })}
          </p>
          <EntryTable table={table} clipboard={clipboard} t={t} vaultNames={vaultNames} />
          <CopyNotice clipboard={clipboard} t={t} />
        </main>
        <EntryDetails page={page} clipboard={clipboard} row={row} vaultName={row && vaultNames.get(row.vaultId)} />
      </div>
    </div>
  );
}
