import { useEffect, useState } from 'preact/hooks';
import type { VaultTree } from '../../lib/cache/vault-tree';
import { errorText } from '../../lib/i18n/error-text';
import { timeFormat } from '../../lib/i18n/formats';
import type { DirectoryMember, EntrySharesView } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { Fingerprint } from './access-level';
import { shortcutPlaces } from './share-places';
import { sharedDirectory } from './shared-directory';
import { usePageAction } from './use-page-action';

// Sharing one entry from its details (docs/vault-page.md, "Sharing one entry"), for whoever has full
// access where it is: its shortcuts and inbox shares, placing a shortcut in a vault or folder of
// another vault the user may edit, and sending it to one member at the fingerprint shown.

type Props = { page: PopupModel; itemId: string; vaultId: string; tree: VaultTree };

/** The "Share entry…" panel of one entry. */
export function EntrySharing({ page, itemId, vaultId, tree }: Props) {
  const t = page.t.value;
  const [shares, setShares] = useState<EntrySharesView | null>(null);
  const [members, setMembers] = useState<DirectoryMember[]>([]);
  const [place, setPlace] = useState('');
  const [recipient, setRecipient] = useState('');
  const { failure, busy, run } = usePageAction();
  const places = shortcutPlaces(tree, vaultId);
  const chosenPlace = places.find((candidate) => `${candidate.vaultId}/${candidate.folderId ?? ''}` === place) ?? null;
  const chosenMember = members.find((member) => member.userId === recipient) ?? null;
  const when = (at: number) => timeFormat(page.language.value).format(at);

  const reload = async () => setShares(await page.request({ type: 'entry.shares', itemId }));
  useEffect(() => {
    void run(async () => {
      const [, directory] = await Promise.all([reload(), sharedDirectory(page)]);
      setMembers(directory.members.filter((member) => member.login !== page.status.value?.login));
    });
  }, [itemId]);

  const placeShortcut = (event: Event) => {
    event.preventDefault();
    if (!chosenPlace) return;
    void run(async () => {
      await page.request({ type: 'entry.placeShortcut', itemId, vaultId: chosenPlace.vaultId, folderId: chosenPlace.folderId });
      setPlace('');
      await reload();
    });
  };
  const send = (event: Event) => {
    event.preventDefault();
    if (!chosenMember) return;
    void run(async () => {
      await page.request({ type: 'entry.sendToInbox', itemId, userId: chosenMember.userId, fingerprint: chosenMember.fingerprint });
      setRecipient('');
      await reload();
    });
  };
  const undo = (request: { type: 'shortcut.remove'; shortcutId: string } | { type: 'inbox.remove'; shareId: string }) => void run(async () => (await page.request(request), await reload()));

  return (
    <section class="entry-sharing" aria-labelledby="entry-sharing-title" data-testid="entry-sharing">
      <h3 id="entry-sharing-title">{t('vault.sharing.title')}</h3>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {shares && shares.shortcuts.length + shares.inbox.length === 0 && <p class="muted">{t('vault.sharing.none')}</p>}
      <ul class="plain">
        {shares?.shortcuts.map((shortcut) => (
          <li key={shortcut.id} data-testid="entry-shortcut">
            {t('vault.sharing.shortcutIn', { vault: shortcut.vaultName ?? t('vault.sharing.otherVault') })}{' '}
            <button type="button" class="link" disabled={busy} onClick={() => undo({ type: 'shortcut.remove', shortcutId: shortcut.id })}>
              {t('vault.sharing.remove')}
            </button>
          </li>
        ))}
        {shares?.inbox.map((share) => (
          <li key={share.id} data-testid="entry-inbox-share">
            {t('vault.sharing.sentTo', { login: share.recipientLogin, time: when(share.createdAt) })}{' '}
            <button type="button" class="link" disabled={busy} onClick={() => undo({ type: 'inbox.remove', shareId: share.id })}>
              {t('vault.sharing.revoke')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={placeShortcut}>
        <label class="field">
          <span>{t('vault.sharing.place')}</span>
          <select value={place} onChange={(event) => setPlace(event.currentTarget.value)}>
            <option value="">{t('vault.sharing.placeChoose')}</option>
            {places.map((candidate) => (
              <option key={`${candidate.vaultId}/${candidate.folderId ?? ''}`} value={`${candidate.vaultId}/${candidate.folderId ?? ''}`}>
                {candidate.label}
              </option>
            ))}
          </select>
        </label>
        <p class="muted">{t('vault.sharing.placeNote')}</p>
        <button type="submit" disabled={!chosenPlace || busy}>
          {t('vault.sharing.placeSubmit')}
        </button>
      </form>
      <form onSubmit={send}>
        <label class="field">
          <span>{t('vault.sharing.send')}</span>
          <select value={recipient} onChange={(event) => setRecipient(event.currentTarget.value)}>
            <option value="">{t('vault.share.choose')}</option>
            {members.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.login}
              </option>
            ))}
          </select>
        </label>
        {chosenMember && (
          <div data-testid="send-fingerprint" aria-live="polite">
            <Fingerprint t={t} value={chosenMember.fingerprint} />
            <p class="muted">{t('vault.share.compare', { login: chosenMember.login })}</p>
          </div>
        )}
        <p class="muted">{t('vault.sharing.sendNote')}</p>
        <button type="submit" disabled={!chosenMember || busy}>
          {t('vault.sharing.sendSubmit')}
        </button>
      </form>
    </section>
  );
}
