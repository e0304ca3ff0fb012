import { useState } from 'preact/hooks';
import { PERMISSIONS, type Permission } from '../../lib/contract/permission-set';
import type { Translate } from '../../lib/i18n/translate';
import { CheckboxField } from '../form/checkbox-field';
import { TextField } from '../form/text-field';
import { PERMISSION_NAMES } from './role-names';

/**
 * A custom role's name and permissions, to create or edit. Permissions the editor does not hold
 * cannot be ticked (the server refuses them anyway): nobody hands on more than they have.
 */
export function AdminRoleForm({ t, held, initial, submitLabel, busy, onSubmit, onCancel }: { t: Translate; held: readonly Permission[]; initial: { name: string; permissions: readonly Permission[] }; submitLabel: string; busy: boolean; onSubmit(name: string, permissions: Permission[]): void; onCancel?: () => void }) {
  const [name, setName] = useState(initial.name);
  const [chosen, setChosen] = useState<ReadonlySet<Permission>>(new Set(initial.permissions));
  const toggle = (permission: Permission, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(permission);
    else next.delete(permission);
    setChosen(next);
  };
  function submit(event: Event): void {
    event.preventDefault();
    if (name.trim()) onSubmit(name.trim(), PERMISSIONS.filter((permission) => chosen.has(permission)));
  }

  return (
    <form class="admin-role-form" data-testid="admin-role-form" onSubmit={submit}>
      <TextField label={t('vault.admin.roles.name')} value={name} onValue={setName} maxLength={100} required />
      <fieldset>
        <legend>{t('vault.admin.roles.permissions')}</legend>
        {PERMISSIONS.map((permission) => (
          <CheckboxField key={permission} label={t(PERMISSION_NAMES[permission])} checked={chosen.has(permission)} disabled={!held.includes(permission)} note={held.includes(permission) ? undefined : t('vault.admin.roles.notHeld')} onChecked={(on) => toggle(permission, on)} />
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" disabled={busy || !name.trim()}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
