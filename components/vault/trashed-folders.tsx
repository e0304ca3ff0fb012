import { levelAllows } from '../../lib/contract/access-levels';
import { timeFormat } from '../../lib/i18n/formats';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import type { EntryTableModel } from './entry-table-model';
import { usePageAction } from './use-page-action';

/** In the trash: the folders trashed (not those inside them), each restorable with its subfolders and entries by those who may write to its vault. */
export function TrashedFolders({ page, table }: { page: PopupModel; table: EntryTableModel }) {
  const t = page.t.value;
  const { failure, busy, run } = usePageAction();
  const tree = table.tree.value;
  if (!tree || table.choice.value.kind !== 'trash' || tree.trashedFolders.length === 0) return null;
  const vaults = new Map(tree.vaults.map((vault) => [vault.id, vault]));
  const when = (at: number) => timeFormat(page.language.value).format(at);

  const restore = (folderId: string) =>
    run(async () => {
      await page.request({ type: 'folder.restore', folderId });
      await table.refresh();
    });

  return (
    <section class="trashed-folders" aria-labelledby="trashed-folders-title" data-testid="trashed-folders">
      <h2 id="trashed-folders-title">{t('vault.trash.folders')}</h2>
      <ul>
        {tree.trashedFolders.map((folder) => {
          const vault = vaults.get(folder.vaultId);
          return (
            <li key={folder.id} class="field-row" data-testid="trashed-folder">
              <span id={`trashed-${folder.id}`}>
                <strong>{folder.name}</strong> <span class="muted">{t('vault.trash.folderPlace', { vault: vault?.name ?? '—', time: when(folder.deletedAt) })}</span>
              </span>
              {vault && levelAllows(folder.level, 'full') && (
                <button type="button" aria-describedby={`trashed-${folder.id}`} disabled={busy} onClick={() => void restore(folder.id)}>
                  {t('vault.folder.restore')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorAlert message={failure && errorText(t, failure)} />
    </section>
  );
}
