import { useState } from 'preact/hooks';
import { levelIn, type VaultTree } from '../../lib/cache/vault-tree';
import { levelAllows } from '../../lib/contract/access-levels';
import type { BackgroundError } from '../../lib/messages/send';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import type { EntryTableModel } from './entry-table-model';

type Editing = { mode: 'create' | 'rename'; name: string } | null;

/** The name of the folder chosen in the navigation, searched through the tree. */
function folderName(tree: VaultTree, vaultId: string, folderId: string): string {
  const search = (folders: VaultTree['vaults'][number]['folders']): string | undefined => {
    for (const folder of folders) {
      if (folder.id === folderId) return folder.name;
      const found = search(folder.children);
      if (found) return found;
    }
    return undefined;
  };
  return search(tree.vaults.find((vault) => vault.id === vaultId)?.folders ?? []) ?? '';
}

/**
 * Folder actions for the place shown: in a vault one may write to, a new folder; in a folder, a new
 * folder inside it, a new name, or the trash (with its subfolders and their entries). The name is
 * typed inline, not in a prompt.
 */
export function FolderActions({ page, table }: { page: PopupModel; table: EntryTableModel }) {
  const t = page.t.value;
  const [editing, setEditing] = useState<Editing>(null);
  const [failure, setFailure] = useState<BackgroundError | null>(null);
  const [confirmingTrash, setConfirmingTrash] = useState(false);
  const choice = table.choice.value;
  const tree = table.tree.value;
  if (!tree || (choice.kind !== 'vault' && choice.kind !== 'folder')) return null;
  const vault = tree.vaults.find((candidate) => candidate.id === choice.vaultId);
  const folderId = choice.kind === 'folder' ? choice.folderId : null;
  const level = levelIn(tree, choice.vaultId, folderId);
  // Adding a folder takes read and edit where it goes; renaming or trashing one takes full access.
  if (!vault || !levelAllows(level, 'edit')) return null;
  const manages = folderId !== null && levelAllows(level, 'full');

  async function run(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      setEditing(null);
      setFailure(null);
    } catch (error) {
      setFailure(asBackgroundError(error));
    }
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!editing || !vault) return;
    const name = editing.name.trim();
    if (!name) return;
    await run(async () => {
      if (editing.mode === 'create') {
        const created = await page.request({ type: 'folder.create', vaultId: vault.id, parentId: folderId, name });
        await table.refresh();
        await table.choose({ kind: 'folder', vaultId: vault.id, folderId: created.folderId });
      } else if (folderId) {
        await page.request({ type: 'folder.rename', folderId, name });
        await table.refresh();
      }
    });
  }

  const trash = () =>
    run(async () => {
      if (!folderId) return;
      await page.request({ type: 'folder.trash', folderId });
      await table.refresh();
      await table.choose({ kind: 'vault', vaultId: vault.id });
    });

  return (
    <div class="folder-actions" data-testid="folder-actions">
      {editing ? (
        <form class="field-row" onSubmit={(event) => void submit(event)}>
          <input aria-label={t('vault.folder.name')} maxLength={200} required value={editing.name} onInput={(event) => setEditing({ ...editing, name: event.currentTarget.value })} />
          <button type="submit" class="primary">
            {t('vault.form.save')}
          </button>
          <button type="button" onClick={() => setEditing(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <div class="field-row">
          <button type="button" onClick={() => setEditing({ mode: 'create', name: '' })}>
            {t('vault.folder.new')}
          </button>
          {folderId && manages && (
            <>
              <button type="button" onClick={() => setEditing({ mode: 'rename', name: folderName(tree, vault.id, folderId) })}>
                {t('vault.folder.rename')}
              </button>
              <button type="button" class={confirmingTrash ? 'danger' : undefined} onClick={() => (confirmingTrash ? void trash() : setConfirmingTrash(true))}>
                {confirmingTrash ? t('vault.folder.trash.confirm') : t('vault.folder.trash')}
              </button>
            </>
          )}
        </div>
      )}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </div>
  );
}
