import { ACCESS_LEVELS, type AccessLevel, type GrantLevel } from '../../lib/contract/access-levels';
import { displayFingerprint } from '../../lib/crypto/fingerprints';
import type { Translate } from '../../lib/i18n/translate';

// The pieces the members list and the share form both show: access levels and key fingerprints.

export const LEVEL_NAMES: Record<GrantLevel, 'vault.level.forbidden' | 'vault.level.navigation' | 'vault.level.read' | 'vault.level.edit' | 'vault.level.full' | 'vault.level.admin'> = { forbidden: 'vault.level.forbidden', navigation: 'vault.level.navigation', read: 'vault.level.read', edit: 'vault.level.edit', full: 'vault.level.full', admin: 'vault.level.admin' };

/** The levels a vault administrator hands out to a person for the whole vault (navigation is for folder rights). */
export const grantable = (viewer: AccessLevel): AccessLevel[] => (viewer === 'admin' ? ACCESS_LEVELS.filter((level) => level !== 'navigation') : []);

export function LevelSelect({ t, label, value, levels, disabled, onLevel }: { t: Translate; label: string; value: AccessLevel; levels: AccessLevel[]; disabled?: boolean; onLevel(level: AccessLevel): void }) {
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(event) => onLevel(event.currentTarget.value as AccessLevel)}>
      {levels.map((level) => (
        <option key={level} value={level}>
          {t(LEVEL_NAMES[level])}
        </option>
      ))}
    </select>
  );
}

/** A key's fingerprint in 16 groups of 4, for people to compare. */
export function Fingerprint({ t, value }: { t: Translate; value: string }) {
  return (
    <p class="fingerprint">
      <span class="muted">{t('vault.members.fingerprint')}</span> <code>{displayFingerprint(value)}</code>
    </p>
  );
}
