import { useEffect, useRef, useState } from 'preact/hooks';
import type { VaultNode } from '../../lib/cache/vault-tree';
import { levelAllows, type AccessLevel } from '../../lib/contract/access-levels';
import type { DirectoryMember, VaultMemberRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import { Fingerprint, grantable, LEVEL_NAMES, LevelSelect } from './access-level';
import { CERTIFICATE_ERRORS } from './certificate-errors';
import { ShareForm } from './share-form';
import { usePageAction } from './use-page-action';

/**
 * Who has access to a vault, at which level, and whether they hold its key yet. Those who may share
 * (full access, administrators, holding the key themselves) add members — each shown with the
 * fingerprint of the key the worker will wrap to — confirm members whose access is pending, change
 * levels and remove members; the server and the worker check every step again.
 */
export function VaultMembers({ page, vault, onClose }: { page: PopupModel; vault: VaultNode; onClose(): void }) {
  const t = page.t.value;
  const [members, setMembers] = useState<VaultMemberRow[] | null>(null);
  const [directory, setDirectory] = useState<{ members: DirectoryMember[]; unverified: number } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const { failure, busy, run } = usePageAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const canShare = vault.level === 'admin' && vault.hasKey;

  const load = () =>
    run(async () => {
      const [listed, known] = await Promise.all([page.request({ type: 'vault.members', vaultId: vault.id }), canShare ? page.request({ type: 'members.directory' }) : Promise.resolve(null)]);
      setMembers(listed);
      setDirectory(known);
    });
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    setMembers(null);
    void load();
  }, [vault.id, canShare]);

  async function change(work: () => Promise<unknown>): Promise<boolean> {
    // Whatever happens, a remove armed before is disarmed: the next click must arm it again.
    setRemoving(null);
    return run(async () => {
      await work();
      setMembers(await page.request({ type: 'vault.members', vaultId: vault.id }));
    });
  }

  // A member whose access is pending gets the key only through "Confirm access", never through a level change.
  const setLevel = (member: VaultMemberRow, level: AccessLevel) => change(() => page.request({ type: 'vault.setAccess', vaultId: vault.id, userId: member.userId, level, fingerprint: null }));
  const confirm = (member: VaultMemberRow) => change(() => page.request({ type: 'vault.setAccess', vaultId: vault.id, userId: member.userId, level: member.level, fingerprint: member.fingerprint }));
  const remove = (member: VaultMemberRow) => change(() => page.request({ type: 'vault.removeMember', vaultId: vault.id, userId: member.userId }));
  const share = (member: DirectoryMember, level: AccessLevel) => change(() => page.request({ type: 'vault.setAccess', vaultId: vault.id, userId: member.userId, level, fingerprint: member.fingerprint }));

  /** Whether the viewer may change or remove `member`: not themselves, and administrators only by administrators. */
  const manages = (member: VaultMemberRow) => canShare && !member.me && (member.level !== 'admin' || vault.level === 'admin');
  const candidates = directory?.members.filter((candidate) => !members?.some((member) => member.userId === candidate.userId)) ?? [];

  return (
    <section class="vault-members" aria-labelledby="vault-members-title" data-testid="vault-members">
      <div class="field-row">
        <h2 id="vault-members-title" ref={heading} tabIndex={-1}>
          {t('vault.members.title', { vault: vault.name })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('vault.members.close')}
        </button>
      </div>
      <ErrorAlert message={failure && errorText(t, failure, CERTIFICATE_ERRORS)} />
      {members === null ? (
        failure ? (
          <button type="button" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        ) : (
          <p class="muted">{t('vault.list.loading')}</p>
        )
      ) : (
        <ul>
          {members.map((member) => (
            <li key={member.userId} data-testid="vault-member" data-login={member.login}>
              <p>
                <strong>{member.login}</strong>
                {member.me && ` (${t('vault.members.you')})`}
              </p>
              {manages(member) ? (
                <LevelSelect t={t} label={t('vault.members.level', { login: member.login })} value={member.level} levels={grantable(vault.level)} disabled={busy || !member.hasKey} onLevel={(level) => void setLevel(member, level)} />
              ) : (
                <p>{t(LEVEL_NAMES[member.level])}</p>
              )}
              <p class={member.hasKey ? 'muted' : 'notice'} data-testid="member-state">
                {!levelAllows(member.level, 'read') ? '' : member.hasKey ? t('vault.members.hasKey') : canShare && !member.me ? t('vault.members.needsConfirmation') : t('vault.members.pending')}
              </p>
              {member.grantedBy && <p class="muted">{t('vault.members.grantedBy', { login: member.grantedBy })}</p>}
              {member.fingerprint ? <Fingerprint t={t} value={member.fingerprint} /> : <p class="error">{t('vault.members.unverified')}</p>}
              {manages(member) && (
                <div class="field-row">
                  {!member.hasKey && levelAllows(member.level, 'read') && member.fingerprint && (
                    <button type="button" class="primary" disabled={busy} onClick={() => void confirm(member)}>
                      {t('vault.members.confirm')}
                    </button>
                  )}
                  <button type="button" class={removing === member.userId ? 'danger' : undefined} disabled={busy} onClick={() => (removing === member.userId ? void remove(member) : setRemoving(member.userId))}>
                    {removing === member.userId ? t('vault.members.remove.confirm') : t('vault.members.remove')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canShare && directory && <ShareForm t={t} candidates={candidates} unverified={directory.unverified} viewerLevel={vault.level} busy={busy} onShare={share} />}
    </section>
  );
}
