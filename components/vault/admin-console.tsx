import { useEffect, useState } from 'preact/hooks';
import type { AdminPermissions } from '../../lib/messages/protocol';
import type { PopupModel } from '../popup/popup-model';
import { AdminInvite } from './admin-invite';
import { AdminMachines } from './admin-machines';
import { AdminMfaRule } from './admin-mfa-rule';
import { AdminPasswordPolicy } from './admin-password-policy';
import { AdminPending } from './admin-pending';
import { AdminRoles } from './admin-roles';
import { AdminUsers } from './admin-users';
import { sharedPermissions } from './shared-directory';

/** The permissions that open a section here (groups have their own section, company vaults their place in the vault list). */
const CONSOLE_PERMISSIONS = ['manageUsers', 'manageRoles', 'managePolicies', 'manageSecurity'] as const;
const administersAnything = (mine: AdminPermissions) => mine.administrator || CONSOLE_PERMISSIONS.some((permission) => mine.permissions.includes(permission));

/**
 * "People", in the settings (issue #10): each section for those whose role allows it, as the
 * server reports it (GET /users/me) — invitations and certificates for administrators (they need
 * the organisation key, which only an administrator certificate carries), the accounts for
 * manageUsers or manageRoles, machine accounts for manageUsers, roles for manageRoles, the password policy for managePolicies and
 * the second-factor rule for manageSecurity. Others never see the section (the server refuses
 * them anyway).
 */
export function AdminConsole({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const [mine, setMine] = useState<AdminPermissions | null>(null);
  // A certificate issued, an invitation made or a role changed changes the lists beside it: each counts as a change.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((count) => count + 1);

  useEffect(() => {
    sharedPermissions(page)
      .then(setMine)
      .catch(() => setMine(null));
  }, [page.status.value?.login]);
  if (!mine || !administersAnything(mine)) return null;
  const may = (permission: AdminPermissions['permissions'][number]) => mine.permissions.includes(permission);

  return (
    <section class="section admin-console" aria-labelledby="admin-console-title" data-testid="admin-console">
      <h2 id="admin-console-title">{t('vault.admin.title')}</h2>
      <p class="muted">{t(mine.administrator ? 'vault.admin.text' : 'vault.admin.textDelegated')}</p>
      {mine.administrator && <AdminInvite page={page} changes={changes} />}
      {mine.administrator && <AdminPending page={page} changes={changes} onCertified={changed} />}
      {(may('manageUsers') || may('manageRoles')) && <AdminUsers page={page} mine={mine} changes={changes} onRoleChanged={changed} />}
      {may('manageUsers') && <AdminMachines page={page} administrator={mine.administrator} />}
      {may('manageRoles') && <AdminRoles page={page} mine={mine} changes={changes} onChanged={changed} />}
      {may('managePolicies') && <AdminPasswordPolicy page={page} />}
      {may('manageSecurity') && <AdminMfaRule page={page} />}
    </section>
  );
}
