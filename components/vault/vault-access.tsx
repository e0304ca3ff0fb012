import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { VaultNode } from '../../lib/cache/vault-tree';
import { levelAllows } from '../../lib/contract/access-levels';
import type { DirectoryMember, GroupRow, VaultAccessView } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import { folderNames, levelText, placeText, sourceText } from './access-text';
import { CERTIFICATE_ERRORS } from './certificate-errors';
import { GrantForm, type GrantChoice, type Principal } from './grant-form';
import { RotateKey } from './rotate-key';
import { usePageAction } from './use-page-action';

type Grant = VaultAccessView['grants'][number];

interface Props {
  page: PopupModel;
  vault: VaultNode;
  /** The folder chosen in the navigation; null for the vault root. */
  folderId: string | null;
  onClose(): void;
}

/** Those who may set rights (directory and groups): nothing to ask for the others. */
interface Choices {
  people: DirectoryMember[];
  groups: GroupRow[];
}

/**
 * "Access rights" for the vault or folder chosen: each person's effective right here and where it
 * comes from (their own entry, their groups, or nothing), and every entry set in the vault. Rights
 * are managed from the vault root, so a vault administrator sets or removes them at any place
 * whatever their level in a folder; the server checks every change again. Keys follow a right on
 * their own: a vault administrator's Keyhold hands them over in the background, hence "pending".
 */
export function VaultAccess({ page, vault, folderId, onClose }: Props) {
  const t = page.t.value;
  const [view, setView] = useState<VaultAccessView | null>(null);
  const [choices, setChoices] = useState<Choices | null>(null);
  const { failure, busy, run } = usePageAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const administers = vault.level === 'admin';
  const folders = useMemo(() => folderNames(vault), [vault]);
  const place = (at: string | null) => placeText(t, folders, at);
  const name = (folderId !== null && folders.get(folderId)) || vault.name;
  const fetchView = () => page.request({ type: 'vault.access', vaultId: vault.id, folderId });
  // The panel follows the navigation: an answer for a place left meanwhile is not shown over the next.
  const scope = `${vault.id}/${folderId ?? ''}`;
  const shownScope = useRef(scope);
  shownScope.current = scope;

  const load = () =>
    run(async () => {
      const asked = scope;
      const [access, directory, groups] = await Promise.all([fetchView(), administers ? page.request({ type: 'members.directory' }) : null, administers ? page.request({ type: 'groups.list' }) : null]);
      if (shownScope.current !== asked) return;
      setView(access);
      setChoices(directory && groups ? { people: directory.members, groups } : null);
    });
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    setView(null);
    void load();
  }, [vault.id, folderId, administers]);

  /** One change, then the view again: a right changed here may change anyone's effective right. */
  const change = (work: () => Promise<unknown>) =>
    run(async () => {
      const asked = scope;
      await work();
      const next = await fetchView();
      if (shownScope.current === asked) setView(next);
    });
  const grant = (principal: Principal, level: GrantChoice) => change(() => page.request({ type: 'vault.grant', vaultId: vault.id, ...principal, folderId, level }));
  const revoke = (entry: Grant) => change(() => page.request({ type: 'vault.revoke', vaultId: vault.id, principalType: entry.principalType, principalId: entry.principalId, folderId: entry.folderId }));
  const principalName = (entry: Grant) => (entry.principalType === 'group' ? t('vault.access.group', { name: entry.name }) : entry.name);

  return (
    <section class="vault-access" aria-labelledby="vault-access-title" data-testid="vault-access">
      <div class="field-row">
        <h2 id="vault-access-title" ref={heading} tabIndex={-1}>
          {t('vault.access.title', { name })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('vault.members.close')}
        </button>
      </div>
      <ErrorAlert message={failure && errorText(t, failure, CERTIFICATE_ERRORS)} />
      {view === null ? (
        failure ? (
          <button type="button" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        ) : (
          <p class="muted">{t('vault.list.loading')}</p>
        )
      ) : (
        <>
          <h3>{t('vault.access.people', { place: place(folderId) })}</h3>
          <ul>
            {view.people.map((person) => (
              <li key={person.userId} data-testid="access-person" data-login={person.login}>
                <p>
                  <strong>{person.login}</strong>: <span data-testid="access-level">{levelText(t, person.level)}</span>
                </p>
                <p class="muted" data-testid="access-source">
                  {sourceText(t, folders, person.source)}
                </p>
                {levelAllows(person.level, 'read') && !person.hasKey && (
                  <p class="notice" data-testid="access-pending">
                    {t('vault.access.pending')}
                  </p>
                )}
              </li>
            ))}
          </ul>
          <h3>{t('vault.access.grants')}</h3>
          {view.grants.length === 0 ? (
            <p class="muted">{t('vault.access.noGrants')}</p>
          ) : (
            <ul>
              {view.grants.map((entry) => (
                <li key={`${entry.principalType}:${entry.principalId}:${entry.folderId ?? ''}`} data-testid="access-grant">
                  <p>
                    <strong>{principalName(entry)}</strong>: {entry.level === 'reset' ? t('vault.access.reset') : levelText(t, entry.level)}, {place(entry.folderId)}
                  </p>
                  {administers && (
                    <button type="button" disabled={busy} aria-label={t('vault.access.revoke', { name: principalName(entry), place: place(entry.folderId) })} onClick={() => void revoke(entry)}>
                      {t('vault.members.remove')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {administers && choices && <GrantForm t={t} place={place(folderId)} people={choices.people} groups={choices.groups} busy={busy} onGrant={grant} />}
      {administers && vault.hasKey && <RotateKey page={page} vaultId={vault.id} />}
    </section>
  );
}
