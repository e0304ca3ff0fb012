import { useEffect, useState } from 'preact/hooks';
import type { VaultNode } from '../../lib/cache/vault-tree';
import { ACCESS_LEVELS, type AccessLevel } from '../../lib/contract/access-levels';
import { displayFingerprint } from '../../lib/crypto/fingerprints';
import type { Translate } from '../../lib/i18n/translate';
import type { DirectoryMember, VaultMemberRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import { errorText, type ErrorOverrides } from '../popup/error-text';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

const LEVEL_NAMES = { read: 'vault.level.read', edit: 'vault.level.edit', full: 'vault.level.full', admin: 'vault.level.admin' } as const;
// A refused certificate or fingerprint is about the member's key, not an entry.
const OVERRIDES: ErrorOverrides = { tampered: 'vault.members.error.keyMismatch' };

/** The levels `viewer` may hand out: administrators all of them, full access up to full access. */
const grantable = (viewer: AccessLevel): AccessLevel[] => (viewer === 'admin' ? [...ACCESS_LEVELS] : ACCESS_LEVELS.filter((level) => level !== 'admin'));

function LevelSelect({ t, label, value, levels, disabled, onLevel }: { t: Translate; label: string; value: AccessLevel; levels: AccessLevel[]; disabled?: boolean; onLevel(level: AccessLevel): void }) {
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(event) => onLevel(event.currentTarget.value as AccessLevel)}>
      {levels.map((level) => (
        <option key={level} value={level}>
          {t(LEVEL_NAMES[level])}
        </option>
      ))}
    </select>
  );
}

function Fingerprint({ t, value }: { t: Translate; value: string }) {
  return (
    <p class="fingerprint">
      <span class="muted">{t('vault.members.fingerprint')}</span> <code>{displayFingerprint(value)}</code>
    </p>
  );
}

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
  const [adding, setAdding] = useState<{ userId: string; level: AccessLevel }>({ userId: '', level: 'read' });
  const [removing, setRemoving] = useState<string | null>(null);
  const { failure, busy, run } = usePageAction();
  const canShare = (vault.level === 'full' || vault.level === 'admin') && vault.hasKey;

  const load = () =>
    run(async () => {
      const [listed, known] = await Promise.all([page.request({ type: 'vault.members', vaultId: vault.id }), canShare ? page.request({ type: 'members.directory' }) : Promise.resolve(null)]);
      setMembers(listed);
      setDirectory(known);
    });
  useEffect(() => {
    setMembers(null);
    void load();
  }, [vault.id, canShare]);

  const change = (work: () => Promise<unknown>) =>
    run(async () => {
      await work();
      setRemoving(null);
      setMembers(await page.request({ type: 'vault.members', vaultId: vault.id }));
    });

  const setLevel = (member: VaultMemberRow, level: AccessLevel) =>
    change(() => page.request({ type: 'vault.setAccess', vaultId: vault.id, userId: member.userId, level, fingerprint: member.hasKey ? null : member.fingerprint }));
  const confirm = (member: VaultMemberRow) => change(() => page.request({ type: 'vault.setAccess', vaultId: vault.id, userId: member.userId, level: member.level, fingerprint: member.fingerprint }));
  const remove = (member: VaultMemberRow) => change(() => page.request({ type: 'vault.removeMember', vaultId: vault.id, userId: member.userId }));

  const candidates = directory?.members.filter((candidate) => !members?.some((member) => member.userId === candidate.userId)) ?? [];
  const chosen = candidates.find((candidate) => candidate.userId === adding.userId) ?? null;

  async function share(event: Event): Promise<void> {
    event.preventDefault();
    if (!chosen) return;
    const done = await change(() => page.request({ type: 'vault.setAccess', vaultId: vault.id, userId: chosen.userId, level: adding.level, fingerprint: chosen.fingerprint }));
    if (done) setAdding({ userId: '', level: 'read' });
  }

  /** Whether the viewer may change or remove `member`: not themselves, and administrators only by administrators. */
  const manages = (member: VaultMemberRow) => canShare && !member.me && (member.level !== 'admin' || vault.level === 'admin');

  return (
    <section class="vault-members" aria-labelledby="vault-members-title" data-testid="vault-members">
      <div class="field-row">
        <h2 id="vault-members-title">{t('vault.members.title', { vault: vault.name })}</h2>
        <button type="button" onClick={onClose}>
          {t('vault.members.close')}
        </button>
      </div>
      <ErrorAlert message={failure && errorText(t, failure, OVERRIDES)} />
      {members === null ? (
        <p class="muted">{t('vault.list.loading')}</p>
      ) : (
        <ul>
          {members.map((member) => (
            <li key={member.userId} data-testid="vault-member" data-login={member.login}>
              <p>
                <strong>{member.login}</strong>
                {member.me && ` (${t('vault.members.you')})`}
              </p>
              {manages(member) ? (
                <LevelSelect t={t} label={t('vault.members.level', { login: member.login })} value={member.level} levels={grantable(vault.level)} disabled={busy} onLevel={(level) => void setLevel(member, level)} />
              ) : (
                <p>{t(LEVEL_NAMES[member.level])}</p>
              )}
              <p class={member.hasKey ? 'muted' : 'notice'} data-testid="member-state">
                {member.hasKey ? t('vault.members.hasKey') : canShare && !member.me ? t('vault.members.needsConfirmation') : t('vault.members.pending')}
              </p>
              {member.grantedBy && <p class="muted">{t('vault.members.grantedBy', { login: member.grantedBy })}</p>}
              {member.fingerprint ? <Fingerprint t={t} value={member.fingerprint} /> : <p class="error">{t('vault.members.unverified')}</p>}
              {manages(member) && (
                <div class="field-row">
                  {!member.hasKey && member.fingerprint && (
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
      {canShare && directory && (
        <form class="share-form" aria-labelledby="vault-share-title" onSubmit={(event) => void share(event)}>
          <h3 id="vault-share-title">{t('vault.share.title')}</h3>
          {candidates.length === 0 ? (
            <p class="muted">{t('vault.share.none')}</p>
          ) : (
            <>
              <label class="field">
                <span>{t('vault.share.member')}</span>
                <select value={adding.userId} onChange={(event) => setAdding({ ...adding, userId: event.currentTarget.value })}>
                  <option value="">{t('vault.share.choose')}</option>
                  {candidates.map((candidate) => (
                    <option key={candidate.userId} value={candidate.userId}>
                      {candidate.role === 'administrator' ? t('vault.share.administrator', { login: candidate.login }) : candidate.login}
                    </option>
                  ))}
                </select>
              </label>
              <label class="field">
                <span>{t('vault.share.level')}</span>
                <LevelSelect t={t} label={t('vault.share.level')} value={adding.level} levels={grantable(vault.level)} onLevel={(level) => setAdding({ ...adding, level })} />
              </label>
              {chosen && (
                <div data-testid="share-fingerprint">
                  <Fingerprint t={t} value={chosen.fingerprint} />
                  <p class="muted">{t('vault.share.compare', { login: chosen.login })}</p>
                </div>
              )}
              <button type="submit" class="primary" disabled={!chosen || busy}>
                {t('vault.share.submit')}
              </button>
            </>
          )}
          {directory.unverified > 0 && <p class="error">{t('vault.share.unverifiedCount', { count: directory.unverified })}</p>}
        </form>
      )}
    </section>
  );
}
