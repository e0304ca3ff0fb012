import { useEffect, useState } from 'preact/hooks';
import { displayFingerprint } from '../../lib/crypto/fingerprints';
import { errorText } from '../../lib/i18n/error-text';
import type { PendingMemberRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

/**
 * Newcomers waiting for a certificate, each with the fingerprint of the key they registered: the
 * administrator compares it with the one the newcomer reads under "Your key", then certifies. Keys
 * whose registration MAC does not check with the invitation's secret are shown, never certified.
 */
export function AdminPending({ page, changes, onCertified }: { page: PopupModel; changes: number; onCertified(): void }) {
  const t = page.t.value;
  const [pending, setPending] = useState<PendingMemberRow[] | null>(null);
  const { failure, busy, run } = usePageAction();

  const load = () => run(async () => setPending(await page.request({ type: 'admin.pending' })));
  useEffect(() => void load(), [changes]);

  async function certify(member: PendingMemberRow): Promise<void> {
    const done = await run(async () => {
      await page.request({ type: 'admin.certify', userId: member.userId, fingerprint: member.fingerprint });
      setPending(await page.request({ type: 'admin.pending' }));
    });
    if (done) onCertified();
  }

  return (
    <div class="admin-pending" data-testid="admin-pending">
      <h3>{t('vault.admin.pending.title')}</h3>
      <p class="muted">{t('vault.admin.pending.text')}</p>
      {pending?.length === 0 ? (
        <p class="muted">{t('vault.admin.pending.none')}</p>
      ) : (
        <ul>
          {pending?.map((member) => (
            <li key={member.userId} data-testid="pending-member" data-login={member.login}>
              <p>
                <strong>{member.login}</strong> ({t(member.role === 'administrator' ? 'vault.admin.role.administrator' : 'vault.admin.role.member')})
              </p>
              <p>
                {t('vault.admin.pending.fingerprint')} <code data-testid="pending-fingerprint">{displayFingerprint(member.fingerprint)}</code>
              </p>
              {member.verified ? (
                <button type="button" disabled={busy} onClick={() => void certify(member)}>
                  {t('vault.admin.pending.certify', { login: member.login })}
                </button>
              ) : (
                <p class="error" role="alert">
                  {t('vault.admin.pending.unverified')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </div>
  );
}
