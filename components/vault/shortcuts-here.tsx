import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../lib/i18n/error-text';
import type { ShortcutRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

// The shortcuts placed in the vault or folder the list shows (docs/vault-page.md, "Sharing one
// entry"): entries of other vaults, marked as shortcuts, opened read-only; one whose entry has a
// fresh key since says it needs to be shared again. Whoever may edit here may remove one.

type Props = { page: PopupModel; vaultId: string; folderId: string | null; canRemove: boolean; onOpen(shortcutId: string): void };

/** "Shortcuts here": nothing at all when there are none. */
export function ShortcutsHere({ page, vaultId, folderId, canRemove, onOpen }: Props) {
  const t = page.t.value;
  const [rows, setRows] = useState<ShortcutRow[]>([]);
  const { failure, busy, run } = usePageAction();
  const reload = async () => setRows(await page.request({ type: 'shortcuts.list', vaultId, folderId }));
  useEffect(() => void run(reload), [vaultId, folderId]);
  if (rows.length === 0 && !failure) return null;
  return (
    <section class="shortcuts-here" aria-labelledby="shortcuts-here-title" data-testid="shortcuts-here">
      <h2 id="shortcuts-here-title">{t('vault.shortcuts.title')}</h2>
      <ErrorAlert message={failure && errorText(t, failure)} />
      <ul class="plain">
        {rows.map((row) => (
          <li key={row.id} data-testid="shortcut-row">
            <span class="badge">{t('vault.shortcuts.marker')}</span>{' '}
            <button type="button" class="link" disabled={row.stale} onClick={() => onOpen(row.id)}>
              {row.name}
            </button>{' '}
            {row.login && <span class="muted">{row.login}</span>} {row.stale && <span class="warning">{t('vault.shortcuts.stale')}</span>}{' '}
            {canRemove && (
              <button type="button" class="link" disabled={busy} onClick={() => void run(async () => (await page.request({ type: 'shortcut.remove', shortcutId: row.id }), await reload()))}>
                {t('vault.sharing.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
