import type { FolderNode, VaultNode } from '../../lib/cache/vault-tree';
import type { Translate } from '../../lib/i18n/translate';
import type { EntryTableModel } from './entry-table-model';
import { sameChoice, type NavigationChoice } from './navigation-choice';
import type { PopupModel } from '../popup/popup-model';
import { NewVault } from './new-vault';

interface PlaceProps {
  table: EntryTableModel;
  choice: NavigationChoice;
  label: string;
  count?: number;
  t: Translate;
}

/** One place in the navigation: a button that shows its entries, marked while it is shown. */
function Place({ table, choice, label, count, t }: PlaceProps) {
  const current = sameChoice(table.choice.value, choice);
  return (
    <button type="button" class="place" aria-current={current ? 'page' : undefined} onClick={() => void table.choose(choice)}>
      <span class="place-name">{label}</span>
      {count !== undefined && (
        <span class="place-count" aria-label={t('vault.nav.count', { count })}>
          {count}
        </span>
      )}
    </button>
  );
}

function Folders({ table, vaultId, folders, t }: { table: EntryTableModel; vaultId: string; folders: FolderNode[]; t: Translate }) {
  if (folders.length === 0) return null;
  return (
    <ul>
      {folders.map((folder) => (
        <li key={folder.id}>
          <Place table={table} choice={{ kind: 'folder', vaultId, folderId: folder.id }} label={folder.name} count={folder.entryCount} t={t} />
          <Folders table={table} vaultId={vaultId} folders={folder.children} t={t} />
        </li>
      ))}
    </ul>
  );
}

/** A vault's name, marked when it is private and while the user's access waits for its key. */
function vaultLabel(vault: VaultNode, t: Translate): string {
  const marks = [vault.kind === 'private' ? t('vault.nav.private') : null, vault.hasKey ? null : t('vault.nav.pending')].filter((mark) => mark !== null);
  return marks.length ? `${vault.name} (${marks.join(', ')})` : vault.name;
}

/** The vault page's navigation: everything, favourites, each vault with its nested folders, the tags, the trash. */
export function Navigation({ page, table, t }: { page: PopupModel; table: EntryTableModel; t: Translate }) {
  const tree = table.tree.value;
  return (
    <nav class="navigation" aria-label={t('vault.nav.label')} data-testid="navigation">
      <ul>
        <li>
          <Place table={table} choice={{ kind: 'all' }} label={t('vault.nav.all')} t={t} />
        </li>
        <li>
          <Place table={table} choice={{ kind: 'favourites' }} label={t('vault.nav.favourites')} t={t} />
        </li>
      </ul>
      <h2>{t('vault.nav.vaults')}</h2>
      {tree && tree.vaults.length > 0 && (
        <ul data-testid="vaults">
          {tree.vaults.map((vault) => (
            <li key={vault.id}>
              <Place table={table} choice={{ kind: 'vault', vaultId: vault.id }} label={vaultLabel(vault, t)} count={vault.entryCount} t={t} />
              <Folders table={table} vaultId={vault.id} folders={vault.folders} t={t} />
            </li>
          ))}
        </ul>
      )}
      <NewVault page={page} table={table} />
      {tree && tree.tags.length > 0 && (
        <>
          <h2>{t('vault.nav.tags')}</h2>
          <ul>
            {tree.tags.map((tag) => (
              <li key={tag.name}>
                <Place table={table} choice={{ kind: 'tag', tag: tag.name }} label={tag.name} count={tag.entryCount} t={t} />
              </li>
            ))}
          </ul>
        </>
      )}
      <ul>
        <li>
          <Place table={table} choice={{ kind: 'trash' }} label={t('vault.nav.trash')} t={t} />
        </li>
      </ul>
    </nav>
  );
}
