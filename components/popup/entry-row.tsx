import type { EntryRow as Row } from '../../lib/messages/protocol';
import type { ClipboardModel } from './clipboard-model';
import type { FillModel } from './fill-model';
import { IconButton } from './icon-button';
import { memo } from './memo';
import type { PopupModel } from './popup-model';
import { TotpPanel } from './totp-panel';

/** One entry as the list shows it, and what the list needs to know about its place. */
export interface EntryRowProps {
  popup: PopupModel;
  clipboard: ClipboardModel;
  filler: FillModel;
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
function EntryRowView({ popup, clipboard, filler, row, index, active, totpOpen, hintId, onActivate, onToggleTotp }: EntryRowProps) {
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
          {row.currentSite && <IconButton label={t('popup.fill')} icon="fill" tabIndex={tabIndex} onClick={() => void filler.fill(row.id, row.hasTotp)} />}
          {row.login && <IconButton label={t('popup.copyLogin')} icon="user" tabIndex={tabIndex} onClick={() => void clipboard.copyEntryField(row.id, 'login')} />}
          {row.hasPassword && <IconButton label={t('popup.copyPassword')} icon="key" tabIndex={tabIndex} onClick={() => void clipboard.copyEntryField(row.id, 'password')} />}
          {row.hasTotp && <IconButton label={t('popup.showTotp')} icon="clock" tabIndex={tabIndex} expanded={totpOpen} controls={totpId} onClick={() => onToggleTotp(row.id)} />}
        </span>
      </div>
      {totpOpen && <TotpPanel popup={popup} clipboard={clipboard} itemId={row.id} id={totpId} />}
    </li>
  );
}

/**
 * A row re-renders only when one of its props changed: the list model hands back the same row
 * object for an unchanged entry, and the callbacks are the model's own (issue #6, search_ms).
 */
export const EntryRow = memo(EntryRowView);
