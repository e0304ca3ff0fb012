import { useEffect, useState } from 'preact/hooks';
import type { PopupModel } from '../popup/popup-model';
import { AdminInvite } from './admin-invite';
import { AdminMfaRule } from './admin-mfa-rule';
import { AdminPending } from './admin-pending';
import { AdminUsers } from './admin-users';
import { isAdministrator, sharedDirectory } from './shared-directory';

/**
 * "People", in the settings of the organisation's administrators (issue #10): invitations, the
 * certificates newcomers wait for, the accounts, and the second-factor rule. As for Groups, the
 * user's role is read from the directory, whose certificates the organisation signed; others never
 * see the section (and the server refuses them anyway).
 */
export function AdminConsole({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const login = page.status.value?.login ?? null;
  const [administrator, setAdministrator] = useState(false);
  // A certificate issued or an invitation made changes the lists beside it: each counts as a change.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((count) => count + 1);

  useEffect(() => {
    sharedDirectory(page)
      .then((directory) => setAdministrator(isAdministrator(directory, login)))
      .catch(() => setAdministrator(false));
  }, [login]);
  if (!administrator) return null;

  return (
    <section class="section admin-console" aria-labelledby="admin-console-title" data-testid="admin-console">
      <h2 id="admin-console-title">{t('vault.admin.title')}</h2>
      <p class="muted">{t('vault.admin.text')}</p>
      <AdminInvite page={page} changes={changes} />
      <AdminPending page={page} changes={changes} onCertified={changed} />
      <AdminUsers page={page} changes={changes} />
      <AdminMfaRule page={page} />
    </section>
  );
}
