import type { EntryRow as Row } from '../../lib/messages/protocol';
import type { ClipboardModel } from './clipboard-model';
import { IconButton } from './icon-button';
import { ClockIcon, KeyIcon, UserIcon } from './icons';
import type { PopupModel } from './popup-model';
import { TotpPanel } from './totp-panel';

/** One entry as the list shows it, and what the list needs to know about its place. */
export interface EntryRowProps {
  popup: PopupModel;
  clipboard: ClipboardModel;
  row: Row;
  index: number;
  /** The row keyboard focus rests on: only its buttons are in the Tab order (roving tabindex). */
  active: boolean;
  totpOpen: boolean;
  hintId: string;
  onActivate(index: number): void;
  onToggleTotp(itemId: string): void;
}

/** A row: name, login and host on a button that copies the password, then one button per action. */
export function EntryRow({ popup, clipboard, row, index, active, totpOpen, hintId, onActivate, onToggleTotp }: EntryRowProps) {
  const t = popup.t.value;
  const tabIndex = active ? 0 : -1;
  const totpId = `totp-${row.id}`;
  return (
    <li class="entry" data-active={String(active)} data-testid="entry">
      <div class="entry-line">
        <button
          type="button"
          class="entry-main"
          data-entry-index={index}
          tabIndex={tabIndex}
          aria-describedby={hintId}
          onFocus={() => onActivate(index)}
          onClick={() => void clipboard.copyEntryField(row.id, row.hasPassword ? 'password' : 'login')}
        >
          <span class="entry-name">{row.name || t('popup.entry.untitled')}</span>
          <span class="entry-login">{row.login}</span>
          {row.host && <span class="entry-host">{row.host}</span>}
        </button>
        <span class="entry-actions">
          {row.login && (
            <IconButton label={t('popup.copyLogin')} tabIndex={tabIndex} onClick={() => void clipboard.copyEntryField(row.id, 'login')}>
              <UserIcon />
            </IconButton>
          )}
          {row.hasPassword && (
            <IconButton label={t('popup.copyPassword')} tabIndex={tabIndex} onClick={() => void clipboard.copyEntryField(row.id, 'password')}>
              <KeyIcon />
            </IconButton>
          )}
          {row.hasTotp && (
            <IconButton label={t('popup.showTotp')} tabIndex={tabIndex} expanded={totpOpen} controls={totpId} onClick={() => onToggleTotp(row.id)}>
              <ClockIcon />
            </IconButton>
          )}
        </span>
      </div>
      {totpOpen && <TotpPanel popup={popup} clipboard={clipboard} itemId={row.id} id={totpId} />}
    </li>
  );
}
