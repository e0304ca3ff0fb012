import { useState } from 'preact/hooks';
import { GRANT_LEVELS, type GrantLevel } from '../../lib/contract/access-levels';
import type { Translate } from '../../lib/i18n/translate';
import type { DirectoryMember, GroupRow } from '../../lib/messages/protocol';
import { LEVEL_NAMES } from './access-level';

export type Principal = { principalType: 'user' | 'group'; principalId: string };
export type GrantChoice = GrantLevel | 'reset';

interface Props {
  t: Translate;
  /** Where the right goes: "at the vault" or "in folder …". */
  place: string;
  /** The organisation's verified members. */
  people: DirectoryMember[];
  groups: GroupRow[];
  busy: boolean;
  /** Sets the right; resolves true once done. */
  onGrant(principal: Principal, level: GrantChoice): Promise<boolean>;
}

const NOBODY = '';

/** The select's value for a principal: its type and id in one string, since people and groups share the list. */
const valueOf = (principal: Principal) => `${principal.principalType}:${principal.principalId}`;
function principalOf(value: string): Principal | null {
  const at = value.indexOf(':');
  const type = value.slice(0, at);
  const id = value.slice(at + 1);
  return at > 0 && (type === 'user' || type === 'group') && id ? { principalType: type, principalId: id } : null;
}

/**
 * A vault administrator's "Set a right here": a person or a group, and a level for this place.
 * Forbidden shuts a place a broader right opens; a person's "reset" drops their own right here so
 * that their groups decide, which a group cannot have.
 */
export function GrantForm({ t, place, people, groups, busy, onGrant }: Props) {
  const [who, setWho] = useState(NOBODY);
  const [level, setLevel] = useState<GrantChoice>('read');
  const principal = principalOf(who);
  const levels: GrantChoice[] = principal?.principalType === 'group' ? [...GRANT_LEVELS] : [...GRANT_LEVELS, 'reset'];

  function choose(value: string): void {
    setWho(value);
    if (principalOf(value)?.principalType === 'group' && level === 'reset') setLevel('read');
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (principal && (await onGrant(principal, level))) {
      setWho(NOBODY);
      setLevel('read');
    }
  }

  return (
    <form class="grant-form" aria-labelledby="vault-grant-title" onSubmit={(event) => void submit(event)}>
      <h3 id="vault-grant-title">{t('vault.access.grant.title', { place })}</h3>
      <label class="field">
        <span>{t('vault.access.grant.who')}</span>
        <select aria-label={t('vault.access.grant.who')} value={who} onChange={(event) => choose(event.currentTarget.value)}>
          <option value={NOBODY}>{t('vault.access.grant.choose')}</option>
          <optgroup label={t('vault.access.grant.people')}>
            {people.map((person) => (
              <option key={person.userId} value={valueOf({ principalType: 'user', principalId: person.userId })}>
                {person.login}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('vault.access.grant.groups')}>
            {groups.map((group) => (
              <option key={group.id} value={valueOf({ principalType: 'group', principalId: group.id })}>
                {t('vault.access.group', { name: group.name })}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label class="field">
        <span>{t('vault.access.grant.level')}</span>
        <select aria-label={t('vault.access.grant.level')} value={level} onChange={(event) => setLevel(event.currentTarget.value as GrantChoice)}>
          {levels.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 'reset' ? t('vault.access.grant.reset') : t(LEVEL_NAMES[choice])}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary" disabled={!principal || busy}>
        {t('vault.access.grant.submit')}
      </button>
    </form>
  );
}
