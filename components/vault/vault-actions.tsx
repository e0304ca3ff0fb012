import { levelAllows } from '../../lib/contract/access-levels';
import { useState } from 'preact/hooks';
import type { VaultNode } from '../../lib/cache/vault-tree';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import { useAutoFocus } from '../form/use-auto-focus';
import type { PopupModel } from '../popup/popup-model';
import type { EntryTableModel } from './entry-table-model';
import { usePageAction } from './use-page-action';

interface Props {
  page: PopupModel;
  table: EntryTableModel;
  vault: VaultNode;
  membersShown: boolean;
  onMembers(shown: boolean): void;
  /** The Access rights panel, for the vault or the folder chosen in it. */
  accessShown: boolean;
  onAccess(shown: boolean): void;
}

/**
 * Above the list of a vault or one of its folders: who has access, the rights at this place and
 * where each person's comes from (full access and up, as the server allows), and for its
 * administrators a new name or deletion (a second click confirms). A vault whose key has not
 * reached the user yet says so, since nothing in it can be opened until then.
 */
export function VaultActions({ page, table, vault, membersShown, onMembers, accessShown, onAccess }: Props) {
  const t = page.t.value;
  const [name, setName] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const { failure, busy, run } = usePageAction();
  const isAdmin = vault.level === 'admin';
  const renames = levelAllows(vault.level, 'full');
  const nameInput = useAutoFocus<HTMLInputElement>(name !== null);

  async function rename(event: Event): Promise<void> {
    event.preventDefault();
    const next = name?.trim();
    if (!next) return;
    if (await run(async () => void (await page.request({ type: 'vault.rename', vaultId: vault.id, name: next })))) {
      setName(null);
      await table.refresh();
    }
  }

  async function remove(): Promise<void> {
    // Armed once: after a failure the next click must arm it again.
    setConfirmingDelete(false);
    const done = await run(async () => void (await page.request({ type: 'vault.delete', vaultId: vault.id })));
    if (!done) return;
    onMembers(false);
    onAccess(false);
    await table.refresh();
    await table.choose({ kind: 'all' });
  }

  return (
    <div class="vault-actions" data-testid="vault-actions">
      {!vault.hasKey && (
        <p class="notice" role="status" data-testid="access-pending">
          {t('vault.vaults.pending')}
        </p>
      )}
      {name !== null ? (
        <form class="field-row" onSubmit={(event) => void rename(event)}>
          <input ref={nameInput} aria-label={t('vault.vaults.name')} maxLength={200} required value={name} onInput={(event) => setName(event.currentTarget.value)} />
          <button type="submit" class="primary" disabled={busy}>
            {t('vault.form.save')}
          </button>
          <button type="button" onClick={() => setName(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <div class="field-row">
          {renames && (
            <button type="button" aria-pressed={membersShown} onClick={() => onMembers(!membersShown)}>
              {t('vault.vaults.members')}
            </button>
          )}
          {renames && (
            <button type="button" aria-pressed={accessShown} onClick={() => onAccess(!accessShown)}>
              {t('vault.vaults.access')}
            </button>
          )}
          {renames && (
            <button type="button" onClick={() => setName(vault.name)}>
              {t('vault.vaults.rename')}
            </button>
          )}
          {isAdmin && (
            <>
              <button type="button" class={confirmingDelete ? 'danger' : undefined} disabled={busy} onClick={() => (confirmingDelete ? void remove() : setConfirmingDelete(true))}>
                {confirmingDelete ? t('vault.vaults.delete.confirm') : t('vault.vaults.delete')}
              </button>
            </>
          )}
        </div>
      )}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </div>
  );
}
