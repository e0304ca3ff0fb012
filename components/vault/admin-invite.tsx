import { useEffect, useState } from 'preact/hooks';
import { timeFormat } from '../../lib/i18n/formats';
import { errorText } from '../../lib/i18n/error-text';
import type { InvitationCreated, InvitationRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

/** Makes an invitation link (shown once, to copy) and lists the invitations nobody has used yet. */
export function AdminInvite({ page, changes }: { page: PopupModel; changes: number }) {
  const t = page.t.value;
  const [role, setRole] = useState<'member' | 'administrator'>('member');
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const [open, setOpen] = useState<InvitationRow[] | null>(null);
  const [copied, setCopied] = useState(false);
  const { failure, busy, run } = usePageAction();
  const when = (at: number) => timeFormat(page.language.value).format(at);

  const load = () => run(async () => setOpen((await page.request({ type: 'admin.invitations' })).filter((invitation) => !invitation.accepted)));
  useEffect(() => void load(), [changes]);

  async function invite(event: Event): Promise<void> {
    event.preventDefault();
    await run(async () => {
      setCreated(await page.request({ type: 'admin.invite', role }));
      setCopied(false);
      setOpen((await page.request({ type: 'admin.invitations' })).filter((invitation) => !invitation.accepted));
    });
  }

  async function copy(link: string): Promise<void> {
    await run(async () => {
      await page.environment.clipboard.writeText(link);
      setCopied(true);
    });
  }

  return (
    <div class="admin-invite" data-testid="admin-invite">
      <h3>{t('vault.admin.invite.title')}</h3>
      <form aria-label={t('vault.admin.invite.title')} onSubmit={(event) => void invite(event)}>
        <label class="control">
          <span>{t('vault.admin.invite.role')}</span>
          <select value={role} onChange={(event) => setRole(event.currentTarget.value as 'member' | 'administrator')}>
            <option value="member">{t('vault.admin.role.member')}</option>
            <option value="administrator">{t('vault.admin.role.administrator')}</option>
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {t('vault.admin.invite.submit')}
        </button>
      </form>
      {created && (
        <div data-testid="invitation-link">
          <label class="field">
            <span>{t('vault.admin.invite.link')}</span>
            <input type="text" readOnly value={created.link} onFocus={(event) => event.currentTarget.select()} />
          </label>
          <p class="muted">{t('vault.admin.invite.linkText', { expires: when(created.expiresAt) })}</p>
          <button type="button" onClick={() => void copy(created.link)}>
            {t('vault.admin.invite.copy')}
          </button>
          {copied && <span role="status">{t('vault.admin.invite.copied')}</span>}
        </div>
      )}
      <h4>{t('vault.admin.invitations.title')}</h4>
      {open?.length === 0 ? (
        <p class="muted">{t('vault.admin.invitations.none')}</p>
      ) : (
        <ul>
          {open?.map((invitation) => (
            <li key={invitation.id} data-testid="invitation">
              {t('vault.admin.invitations.item', { role: t(invitation.role === 'administrator' ? 'vault.admin.role.administrator' : 'vault.admin.role.member'), expires: when(invitation.expiresAt) })}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </div>
  );
}
