import { useState } from 'preact/hooks';
import type { AccessLevel } from '../../lib/contract/access-levels';
import type { Translate } from '../../lib/i18n/translate';
import type { DirectoryMember } from '../../lib/messages/protocol';
import { Fingerprint, grantable, LevelSelect } from './access-level';

interface Props {
  t: Translate;
  /** The organisation's verified members not yet in the vault. */
  candidates: DirectoryMember[];
  /** How many members the directory left out because their certificates do not verify. */
  unverified: number;
  viewerLevel: AccessLevel;
  busy: boolean;
  /** Shares with `member` at `level`; resolves true once done. */
  onShare(member: DirectoryMember, level: AccessLevel): Promise<boolean>;
}

/** "Share this vault": a member, a level, and the fingerprint of the key the worker will wrap to, shown before the click. */
export function ShareForm({ t, candidates, unverified, viewerLevel, busy, onShare }: Props) {
  const [adding, setAdding] = useState<{ userId: string; level: AccessLevel }>({ userId: '', level: 'read' });
  const chosen = candidates.find((candidate) => candidate.userId === adding.userId) ?? null;

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (chosen && (await onShare(chosen, adding.level))) setAdding({ userId: '', level: 'read' });
  }

  return (
    <form class="share-form" aria-labelledby="vault-share-title" onSubmit={(event) => void submit(event)}>
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
            <LevelSelect t={t} label={t('vault.share.level')} value={adding.level} levels={grantable(viewerLevel)} onLevel={(level) => setAdding({ ...adding, level })} />
          </label>
          {chosen && (
            <div data-testid="share-fingerprint" aria-live="polite">
              <Fingerprint t={t} value={chosen.fingerprint} />
              <p class="muted">{t('vault.share.compare', { login: chosen.login })}</p>
            </div>
          )}
          <button type="submit" class="primary" disabled={!chosen || busy}>
            {t('vault.share.submit')}
          </button>
        </>
      )}
      {unverified > 0 && <p class="error">{t('vault.share.unverifiedCount', { count: unverified })}</p>}
    </form>
  );
}
