import { levelAllows } from '../../lib/contract/access-levels';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { EntryView } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import { createClipboardModel } from '../popup/clipboard-model';
import { CopyNotice } from '../popup/copy-notice';
import { errorText } from '../../lib/i18n/error-text';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import type { BackgroundError } from '../../lib/messages/send';
import { SettingsScreen } from '../popup/settings-screen';
import { SyncStatus } from '../popup/sync-status';
import { EntryDetails, type DetailsActions } from './entry-details';
import { EntryForm } from './entry-form';
import { blankDraft, draftOf, type EntryDraft } from './entry-form-model';
import { EntryTable } from './entry-table';
import { FolderActions } from './folder-actions';
import { DomainGroups } from './domain-groups';
import { KeyFingerprint } from './key-fingerprint';
import { NeverSaveSites } from './never-save-sites';
import { GroupsAdmin } from './groups-admin';
import { AdminConsole } from './admin-console';
import { SecurityDashboard } from './security-dashboard';
import { LazyScreen } from '../popup/lazy-screens';
import { transferModule } from './lazy-transfer';
import { AuditLog } from './audit-log';
import { MyShareLinks } from './my-share-links';
import { SessionsList } from './sessions-list';
import { TrashedFolders } from './trashed-folders';
import { TwoFactor } from './two-factor';
import { VaultAccess } from './vault-access';
import { VaultActions } from './vault-actions';
import { VaultMembers } from './vault-members';
import { createEntryTableModel, type SortOrder } from './entry-table-model';
import { Navigation } from './navigation';
import { levelAt } from './share-places';
import { Inbox } from './inbox';
import { SharedEntry, type SharedSource } from './shared-entry';
import { ShortcutsHere } from './shortcuts-here';

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
  const [editing, setEditing] = useState<{ draft: EntryDraft; itemId: string | undefined; revision?: number } | null>(null);
  const [binError, setBinError] = useState<BackgroundError | null>(null);
  const [settings, setSettings] = useState(false);
  const [security, setSecurity] = useState(false);
  const [transfer, setTransfer] = useState(false);
  const [panel, setPanel] = useState<'members' | 'access' | 'inbox' | null>(null);
  // An entry shared with the user, open read-only: through a shortcut here, or from the inbox.
  const [shared, setShared] = useState<{ kind: 'shortcut' | 'inbox'; id: string } | null>(null);
  const sharedSource = useMemo((): SharedSource | null => {
    if (!shared) return null;
    if (shared.kind === 'shortcut') {
      return { read: () => page.request({ type: 'shortcut.read', shortcutId: shared.id }), reveal: async (fieldId) => (await page.request({ type: 'shortcut.revealField', shortcutId: shared.id, fieldId })).value };
    }
    return { read: () => page.request({ type: 'inbox.read', shareId: shared.id }), reveal: async (fieldId) => (await page.request({ type: 'inbox.revealField', shareId: shared.id, fieldId })).value };
  }, [page, shared]);
  const choice = table.choice.value;
  const chosenVault = choice.kind === 'vault' || choice.kind === 'folder' ? tree?.vaults.find((vault) => vault.id === choice.vaultId) : undefined;
  const chosenFolder = choice.kind === 'folder' ? choice.folderId : null;
  // The members of one vault are not shown over the next place chosen; the access rights follow the
  // navigation from place to place, as long as the user may see them there.
  useEffect(() => setPanel((shown) => (shown === 'access' && chosenVault && levelAllows(chosenVault.level, 'full') ? shown : shown === 'inbox' ? shown : null)), [choice]);
  useEffect(() => setShared((open) => (open?.kind === 'shortcut' ? null : open)), [choice]);
  const showPanel = (which: 'members' | 'access') => (shown: boolean) => setPanel(shown ? which : null);

  /** A new entry filed where the list is: the chosen vault and folder, else the first vault one may write to. */
  function startNew(): void {
    const chosen = table.choice.value;
    const writable = (vaultId: string) => tree?.vaults.some((vault) => vault.id === vaultId && levelAllows(vault.level, 'edit')) ?? false;
    const here = (chosen.kind === 'vault' || chosen.kind === 'folder') && writable(chosen.vaultId) ? chosen : null;
    const vaultId = here?.vaultId ?? tree?.vaults.find((vault) => levelAllows(vault.level, 'edit'))?.id;
    if (!vaultId) return;
    setEditing({ draft: blankDraft(vaultId, here?.kind === 'folder' ? here.folderId : null), itemId: undefined });
  }

  const actions: DetailsActions = {
    onEdit: (view: EntryView) => setEditing({ draft: draftOf(view), itemId: view.id, revision: view.revision }),
    onChanged: () => table.refresh(),
    async onBin(itemId, action) {
      try {
        await page.request({ type: `entry.${action}`, itemId });
        setBinError(null);
        await table.refresh();
      } catch (failure) {
        setBinError(asBackgroundError(failure));
      }
    },
  };

  /** From the security dashboard: the entry's editor, over the list. */
  async function editFromDashboard(itemId: string): Promise<void> {
    try {
      const view = await page.request({ type: 'entry.read', itemId });
      setEditing({ draft: draftOf(view), itemId: view.id, revision: view.revision });
      setSecurity(false);
    } catch (failure) {
      setBinError(asBackgroundError(failure));
      setSecurity(false);
    }
  }

  function finishEditing(savedId: string | null): void {
    setEditing(null);
    if (savedId) void table.refresh();
  }

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
        <button type="button" class="primary" onClick={startNew} disabled={!tree?.vaults.some((vault) => levelAllows(vault.level, 'edit'))}>
          {t('vault.new')}
        </button>
        <button type="button" aria-pressed={panel === 'inbox'} onClick={() => (setShared(null), setPanel(panel === 'inbox' ? null : 'inbox'))}>
          {t('vault.inbox.button')}
        </button>
        <button type="button" aria-pressed={security} onClick={() => (setSettings(false), setTransfer(false), setSecurity(!security))}>
          {t('vault.security.button')}
        </button>
        <button type="button" aria-pressed={transfer} onClick={() => (setSettings(false), setSecurity(false), setTransfer(!transfer))}>
          {t('vault.transfer.button')}
        </button>
        <button type="button" aria-pressed={settings} onClick={() => (setSecurity(false), setTransfer(false), setSettings(!settings))}>
          {t('vault.settings')}
        </button>
        <button type="button" onClick={() => void page.act({ type: 'session.lock' })}>
          {t('popup.lock')}
        </button>
      </header>
      <SyncStatus popup={page} />
      {transfer && tree ? (
        <LazyScreen popup={page} module={transferModule}>
          {({ TransferScreen }) => <TransferScreen page={page} tree={tree} onImported={() => void table.refresh()} />}
        </LazyScreen>
      ) : security ? (
        <SecurityDashboard page={page} vaultNames={vaultNames} onEdit={(itemId) => void editFromDashboard(itemId)} />
      ) : settings ? (
        <div class="settings-page">
          <SettingsScreen popup={page} onBack={() => setSettings(false)} />
          <TwoFactor page={page} />
          <SessionsList page={page} />
          <MyShareLinks page={page} />
          <GroupsAdmin page={page} />
          <AdminConsole page={page} />
          <AuditLog page={page} />
          <DomainGroups page={page} />
          <NeverSaveSites page={page} />
          <KeyFingerprint page={page} />
        </div>
      ) : (
        <div class="vault-body">
          <Navigation page={page} table={table} t={t} />
          <main class="vault-list">
            <ErrorAlert message={failure && errorText(t, failure)} />
            {chosenVault && <VaultActions key={chosenVault.id} page={page} table={table} vault={chosenVault} membersShown={panel === 'members'} onMembers={showPanel('members')} accessShown={panel === 'access'} onAccess={showPanel('access')} />}
            <FolderActions key={JSON.stringify(table.choice.value)} page={page} table={table} />
            <TrashedFolders page={page} table={table} />
            {chosenVault && (
              <ShortcutsHere
                key={`${chosenVault.id}/${chosenFolder ?? ''}`}
                page={page}
                vaultId={chosenVault.id}
                folderId={chosenFolder}
                canRemove={levelAllows(chosenFolder === null ? chosenVault.level : (tree && levelAt(tree, chosenVault.id, chosenFolder)), 'edit')}
                onOpen={(id) => setShared({ kind: 'shortcut', id })}
              />
            )}
            <p class="muted" role="status" data-testid="list-count">
              {total === null ? t('vault.list.loading') : total === 0 ? (query ? t('popup.noResults', { query }) : t('vault.list.empty')) : t('vault.list.count', { total })}
            </p>
            <EntryTable table={table} clipboard={clipboard} t={t} vaultNames={vaultNames} />
            <CopyNotice clipboard={clipboard} t={t} />
          </main>
          {sharedSource ? (
            <SharedEntry key={`${shared!.kind}/${shared!.id}`} page={page} clipboard={clipboard} source={sharedSource} onClose={() => setShared(null)} />
          ) : editing && tree ? (
            <aside class="entry-details">
              <EntryForm key={editing.itemId ?? 'new'} page={page} tree={tree} initial={editing.draft} itemId={editing.itemId} revision={editing.revision} onDone={finishEditing} />
            </aside>
          ) : panel === 'members' && chosenVault ? (
            <aside class="entry-details">
              <VaultMembers key={chosenVault.id} page={page} vault={chosenVault} onClose={() => setPanel(null)} />
            </aside>
          ) : panel === 'inbox' ? (
            <Inbox page={page} onOpen={(id) => setShared({ kind: 'inbox', id })} onClose={() => setPanel(null)} />
          ) : panel === 'access' && chosenVault ? (
            <aside class="entry-details">
              <VaultAccess page={page} vault={chosenVault} folderId={chosenFolder} onClose={() => setPanel(null)} />
            </aside>
          ) : (
            <div class="details-column">
              <ErrorAlert message={binError && errorText(t, binError)} />
              <EntryDetails page={page} clipboard={clipboard} row={row} vaultName={row && vaultNames.get(row.vaultId)} actions={actions} tree={tree} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
