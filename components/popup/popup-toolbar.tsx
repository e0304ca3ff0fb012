import { IconButton } from './icon-button';
import type { PopupModel } from './popup-model';
import { useExtensionPage } from './use-extension-page';

/** The vault page a later issue adds; its button shows only once the build has it. */
export const VAULT_PAGE = '/vault.html';

/** Where the toolbar's buttons lead. */
export interface ToolbarActions {
  onGenerator(): void;
  onSettings(): void;
  onLock(): void;
}

/** The unlocked popup's buttons: generator, settings, the vault page when there is one, lock. */
export function PopupToolbar({ popup, actions }: { popup: PopupModel; actions: ToolbarActions }) {
  const t = popup.t.value;
  const hasVaultPage = useExtensionPage(popup.environment, VAULT_PAGE);
  return (
    <div class="toolbar" role="group" aria-label={t('popup.toolbar')}>
      <IconButton label={t('popup.generator')} icon="dice" onClick={actions.onGenerator} />
      <IconButton label={t('popup.settings')} icon="cog" onClick={actions.onSettings} />
      {hasVaultPage && (
        <IconButton label={t('popup.openVault')} icon="external" onClick={() => popup.environment.openExtensionPage(VAULT_PAGE)} />
      )}
      <IconButton label={t('popup.lock')} icon="lock" onClick={actions.onLock} />
    </div>
  );
}
