import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/translate';
import type { AuditFilterValues } from '../../lib/messages/protocol';

// The audit log's filters: who, what, which vault and when. Dates are the user's own days: "from"
// is that day's first moment, "to" the moment the day after begins, both in local time.

/** Event type families an auditor looks for most; any type, or any family ending in ".", can be typed. */
const FAMILIES = ['login.', 'session.', 'mfa.', 'user.', 'invitation.', 'role.', 'group.', 'vault.', 'folder.', 'item.', 'inbox.', 'shortcut.', 'audit.'];
const TYPE_PATTERN = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*\.?$/;
const DAY = 24 * 60 * 60 * 1000;

interface Draft {
  who: string;
  what: string;
  vaultId: string;
  from: string;
  to: string;
}

const localDay = (date: string) => new Date(`${date}T00:00:00`).getTime();
const dateOf = (at: number | undefined) => {
  if (at === undefined) return '';
  const day = new Date(at);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
};

function draftOf(filters: AuditFilterValues): Draft {
  return { who: filters.actor ?? '', what: filters.type ?? '', vaultId: filters.vaultId ?? '', from: dateOf(filters.from), to: filters.to === undefined ? '' : dateOf(filters.to - DAY) };
}

/** The filters a draft stands for; an empty field filters nothing. */
export function filtersOf(draft: Draft): AuditFilterValues {
  const filters: AuditFilterValues = {};
  if (draft.who.trim()) filters.actor = draft.who.trim();
  if (draft.what.trim()) filters.type = draft.what.trim();
  if (draft.vaultId) filters.vaultId = draft.vaultId;
  if (draft.from) filters.from = localDay(draft.from);
  if (draft.to) filters.to = localDay(draft.to) + DAY;
  return filters;
}

/** The filter form; `vaults` are the vaults the page knows by name, `applied` what the table shows now. */
export function AuditFilters({ t, vaults, applied, onApply }: { t: Translate; vaults: { id: string; name: string }[]; applied: AuditFilterValues; onApply(filters: AuditFilterValues): void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(applied));
  // A filter set from an event's details ("only this person") shows in the form too.
  useEffect(() => setDraft(draftOf(applied)), [JSON.stringify(applied)]);
  const set = (field: keyof Draft) => (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: event.currentTarget.value });
  const typeValid = draft.what.trim() === '' || TYPE_PATTERN.test(draft.what.trim());
  // A vault named in a filter but not in the page's list (one the auditor is no member of) stays choosable.
  const choices = applied.vaultId && !vaults.some((vault) => vault.id === applied.vaultId) ? [...vaults, { id: applied.vaultId, name: applied.vaultId }] : vaults;

  return (
    <form
      class="audit-filters"
      data-testid="audit-filters"
      onSubmit={(event) => {
        event.preventDefault();
        if (typeValid) onApply(filtersOf(draft));
      }}
    >
      <label class="control">
        <span>{t('vault.audit.filter.who')}</span>
        <input type="text" value={draft.who} placeholder={t('vault.audit.filter.whoPlaceholder')} onInput={set('who')} autocomplete="off" spellcheck={false} />
      </label>
      <label class="control">
        <span>{t('vault.audit.filter.what')}</span>
        <input type="text" value={draft.what} list="audit-families" placeholder={t('vault.audit.filter.whatPlaceholder')} onInput={set('what')} aria-invalid={!typeValid} autocomplete="off" spellcheck={false} />
        <datalist id="audit-families">
          {FAMILIES.map((family) => (
            <option key={family} value={family} />
          ))}
        </datalist>
      </label>
      <label class="control">
        <span>{t('vault.details.vault')}</span>
        <select value={draft.vaultId} onChange={set('vaultId')}>
          <option value="">{t('vault.audit.filter.anyVault')}</option>
          {choices.map((vault) => (
            <option key={vault.id} value={vault.id}>
              {vault.name}
            </option>
          ))}
        </select>
      </label>
      <label class="control">
        <span>{t('vault.audit.filter.from')}</span>
        <input type="date" value={draft.from} onInput={set('from')} />
      </label>
      <label class="control">
        <span>{t('vault.audit.filter.to')}</span>
        <input type="date" value={draft.to} onInput={set('to')} />
      </label>
      {!typeValid && (
        <p class="error" role="alert">
          {t('vault.audit.filter.badType')}
        </p>
      )}
      <button type="submit" disabled={!typeValid}>
        {t('vault.audit.filter.apply')}
      </button>
      <button type="button" onClick={() => onApply({})}>
        {t('vault.audit.filter.clear')}
      </button>
    </form>
  );
}
