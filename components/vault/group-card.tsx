import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/translate';
import type { DirectoryMember, GroupRow } from '../../lib/messages/protocol';
import { useAutoFocus } from '../form/use-auto-focus';

/** A group change, as GroupsAdmin sends it; resolves true once done. */
export type GroupChange = { kind: 'rename'; name: string } | { kind: 'delete' } | { kind: 'addMember'; userId: string } | { kind: 'removeMember'; userId: string };

interface Props {
  t: Translate;
  group: GroupRow;
  /** The organisation's verified members, to name the group's members and offer new ones. */
  people: DirectoryMember[];
  busy: boolean;
  onChange(change: GroupChange): Promise<boolean>;
}

/**
 * One group for the organisation's administrators: its members by login, a new name typed inline,
 * members added from the verified directory or removed, and deletion on a second click (the rights
 * the group gives in vaults go with it).
 */
export function GroupCard({ t, group, people, busy, onChange }: Props) {
  const [name, setName] = useState<string | null>(null);
  const [adding, setAdding] = useState('');
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const nameInput = useAutoFocus<HTMLInputElement>(name !== null);
  const logins = new Map(people.map((person) => [person.userId, person.login]));
  const candidates = people.filter((person) => !group.memberIds.includes(person.userId));

  async function rename(event: Event): Promise<void> {
    event.preventDefault();
    const next = name?.trim();
    if (next && (await onChange({ kind: 'rename', name: next }))) setName(null);
  }

  async function add(event: Event): Promise<void> {
    event.preventDefault();
    if (adding && (await onChange({ kind: 'addMember', userId: adding }))) setAdding('');
  }

  function remove(): void {
    // Armed once: after a failure the next click must arm it again.
    setConfirmingDelete(false);
    void onChange({ kind: 'delete' });
  }

  return (
    <li class="group" data-testid="group" data-name={group.name}>
      {name !== null ? (
        <form class="field-row" onSubmit={(event) => void rename(event)}>
          <input ref={nameInput} aria-label={t('vault.groups.name')} maxLength={200} required value={name} onInput={(event) => setName(event.currentTarget.value)} />
          <button type="submit" class="primary" disabled={busy}>
            {t('vault.form.save')}
          </button>
          <button type="button" onClick={() => setName(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <div class="field-row">
          <h3>{group.name}</h3>
          <button type="button" onClick={() => setName(group.name)}>
            {t('vault.groups.rename')}
          </button>
          <button type="button" class={confirmingDelete ? 'danger' : undefined} disabled={busy} onClick={() => (confirmingDelete ? remove() : setConfirmingDelete(true))}>
            {confirmingDelete ? t('vault.groups.delete.confirm') : t('vault.groups.delete')}
          </button>
        </div>
      )}
      {group.memberIds.length === 0 ? (
        <p class="muted">{t('vault.groups.noMembers')}</p>
      ) : (
        <ul aria-label={t('vault.groups.members', { group: group.name })}>
          {group.memberIds.map((userId) => {
            const login = logins.get(userId) ?? t('vault.groups.unverified');
            return (
              <li key={userId} data-testid="group-member">
                <span>{login}</span>
                <button type="button" disabled={busy} aria-label={t('vault.groups.removeMember', { login, group: group.name })} onClick={() => void onChange({ kind: 'removeMember', userId })}>
                  {t('vault.members.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {candidates.length > 0 && (
        <form class="field-row" onSubmit={(event) => void add(event)}>
          <select aria-label={t('vault.groups.addMember', { group: group.name })} value={adding} onChange={(event) => setAdding(event.currentTarget.value)}>
            <option value="">{t('vault.share.choose')}</option>
            {candidates.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.login}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || !adding}>
            {t('vault.groups.add')}
          </button>
        </form>
      )}
    </li>
  );
}
