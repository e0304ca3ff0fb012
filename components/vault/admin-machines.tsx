import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../lib/i18n/error-text';
import { timeFormat } from '../../lib/i18n/formats';
import type { AccessKeyRow, MachineRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

/** The end of the chosen day (local time) as epoch milliseconds, or null for no expiry. */
const expiryOf = (date: string): number | null => (date ? new Date(`${date}T23:59:59`).getTime() : null);

/** An access key just made: its text, shown once with a copy button and a warning. */
function NewAccessKey({ page, name, text }: { page: PopupModel; name: string; text: string }) {
  const t = page.t.value;
  const [copied, setCopied] = useState(false);
  const { failure, run } = usePageAction();
  const copy = () =>
    run(async () => {
      await page.environment.clipboard.writeText(text);
      setCopied(true);
    });
  return (
    <div class="new-access-key" data-testid="new-access-key">
      <label class="field">
        <span>{t('vault.admin.machines.accessKey', { name })}</span>
        <input type="text" readOnly value={text} onFocus={(event) => event.currentTarget.select()} />
      </label>
      <p class="warning" role="note">
        {t('vault.admin.machines.accessKeyWarning')}
      </p>
      <button type="button" onClick={() => void copy()}>
        {t('vault.admin.machines.copy')}
      </button>
      {copied && <span role="status">{t('vault.admin.machines.copied')}</span>}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </div>
  );
}

function keyDetails(page: PopupModel, key: AccessKeyRow, now: number): string {
  const t = page.t.value;
  const when = (at: number) => timeFormat(page.language.value).format(at);
  let expiry = t('vault.admin.machines.neverExpires');
  if (key.revokedAt !== null) expiry = t('vault.admin.machines.revoked', { date: when(key.revokedAt) });
  else if (key.expiresAt !== null) expiry = t(key.expiresAt <= now ? 'vault.admin.machines.expired' : 'vault.admin.machines.expiresAt', { date: when(key.expiresAt) });
  const used = key.lastUsedAt === null ? t('vault.admin.machines.neverUsed') : t('vault.admin.machines.lastUsed', { date: when(key.lastUsedAt) });
  return t('vault.admin.machines.keyDetails', { name: key.name, created: when(key.createdAt), expiry, used });
}

/**
 * Machine accounts (issue #12), for manageUsers: the list with each access key's expiry and last
 * use, revocation, and — for administrators, who hold the organisation key the worker needs —
 * new machines and new access keys; deletion (DELETE /users/{id}). Access to vaults is granted in a vault's members, where
 * machines appear like people.
 */
export function AdminMachines({ page, administrator }: { page: PopupModel; administrator: boolean }) {
  const t = page.t.value;
  const [machines, setMachines] = useState<MachineRow[] | null>(null);
  const [name, setName] = useState('');
  const [keyName, setKeyName] = useState('');
  const [expires, setExpires] = useState('');
  const [shown, setShown] = useState<{ name: string; text: string } | null>(null);
  // Deleting asks for a second click on the same machine.
  const [confirming, setConfirming] = useState<string | null>(null);
  const { failure, busy, run } = usePageAction();
  const now = Date.now();

  const load = async () => setMachines(await page.request({ type: 'admin.machines' }));
  useEffect(() => void run(load), []);

  async function create(event: Event): Promise<void> {
    event.preventDefault();
    await run(async () => {
      const created = await page.request({ type: 'admin.createMachine', name: name.trim().toLowerCase(), accessKeyName: keyName.trim() || name.trim(), expiresAt: expiryOf(expires) });
      setShown({ name: created.machine.name, text: created.accessKey });
      setName('');
      setKeyName('');
      await load();
    });
  }

  const newKey = (machine: MachineRow) =>
    run(async () => {
      const created = await page.request({ type: 'admin.createAccessKey', machineId: machine.id, name: keyName.trim() || machine.name, expiresAt: expiryOf(expires) });
      setShown({ name: machine.name, text: created.accessKey });
      await load();
    });
  const revoke = (machine: MachineRow, key: AccessKeyRow) =>
    run(async () => {
      await page.request({ type: 'admin.revokeAccessKey', machineId: machine.id, keyId: key.id });
      await load();
    });

  const remove = (machine: MachineRow) => {
    if (confirming !== machine.id) return setConfirming(machine.id);
    setConfirming(null);
    return run(async () => {
      await page.request({ type: 'admin.deleteUser', userId: machine.id });
      await load();
    });
  };

  return (
    <div class="admin-machines" data-testid="admin-machines">
      <h3>{t('vault.admin.machines.title')}</h3>
      <p class="muted">{t('vault.admin.machines.text')}</p>
      {administrator && (
        <form aria-label={t('vault.admin.machines.create')} onSubmit={(event) => void create(event)}>
          <label class="control">
            <span>{t('vault.admin.machines.name')}</span>
            <input type="text" required maxLength={254} value={name} onInput={(event) => setName(event.currentTarget.value)} />
          </label>
          <label class="control">
            <span>{t('vault.admin.machines.keyName')}</span>
            <input type="text" maxLength={100} value={keyName} onInput={(event) => setKeyName(event.currentTarget.value)} />
          </label>
          <label class="control">
            <span>{t('vault.admin.machines.expires')}</span>
            <input type="date" value={expires} onInput={(event) => setExpires(event.currentTarget.value)} />
          </label>
          <button type="submit" disabled={busy || name.trim() === ''}>
            {t('vault.admin.machines.create')}
          </button>
        </form>
      )}
      {shown && <NewAccessKey page={page} name={shown.name} text={shown.text} />}
      {machines?.length === 0 && <p class="muted">{t('vault.admin.machines.none')}</p>}
      <ul>
        {machines?.map((machine) => (
          <li key={machine.id} data-testid="admin-machine" data-name={machine.name}>
            <strong>{machine.name}</strong>
            {administrator && (
              <button type="button" disabled={busy} onClick={() => void newKey(machine)}>
                {t('vault.admin.machines.newKey')}
              </button>
            )}
            <button type="button" class="danger" disabled={busy} onClick={() => void remove(machine)}>
              {t(confirming === machine.id ? 'vault.admin.machines.deleteConfirm' : 'vault.admin.machines.delete')}
            </button>
            {machine.accessKeys.length === 0 && <p class="muted">{t('vault.admin.machines.noKeys')}</p>}
            <ul>
              {machine.accessKeys.map((key) => (
                <li key={key.id} data-testid="admin-access-key">
                  <span data-testid="admin-access-key-details">{keyDetails(page, key, now)}</span>
                  {key.revokedAt === null && (
                    <button type="button" disabled={busy} onClick={() => void revoke(machine, key)}>
                      {t('vault.admin.machines.revoke')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <ErrorAlert message={failure && errorText(t, failure)} />
    </div>
  );
}
