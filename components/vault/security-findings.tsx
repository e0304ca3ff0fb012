import type { ComponentChildren } from 'preact';
import type { Translate } from '../../lib/i18n/translate';
import type { FlaggedEntry, PasswordHealthReport } from '../../lib/vault/password-health';
import { changePasswordUrl } from '../../lib/vault/saving/change-password-url';
import { ChangePasswordLink } from './change-password-link';

interface FindingProps {
  entry: FlaggedEntry;
  note: string;
  vaultNames: ReadonlyMap<string, string>;
  onEdit: (itemId: string) => void;
  t: Translate;
}

/** One flagged entry: its name and vault, why it is listed, and the two ways to fix it. */
function Finding({ entry, note, vaultNames, onEdit, t }: FindingProps) {
  const changeUrl = changePasswordUrl(entry.urls);
  return (
    <li class="finding" data-testid="finding" data-item-id={entry.id}>
      <span class="finding-name">{entry.name}</span> <span class="muted">{[vaultNames.get(entry.vaultId), entry.login].filter(Boolean).join(' · ')}</span>{' '}
      <span class="finding-note">{note}</span>{' '}
      <button type="button" class="link" onClick={() => onEdit(entry.id)} aria-label={`${t('vault.security.edit')}: ${entry.name}`}>
        {t('vault.security.edit')}
      </button>
      {changeUrl && (
        <>
          {' '}
          <ChangePasswordLink url={changeUrl} t={t} />
        </>
      )}
    </li>
  );
}

type Shared = Omit<FindingProps, 'entry' | 'note'>;

function Group({ id, title, empty, children, count }: { id: string; title: string; empty: string; count: number; children: ComponentChildren }) {
  return (
    <section class="findings" aria-labelledby={id} data-testid={id}>
      <h3 id={id}>
        {title} <span class="place-count">{count}</span>
      </h3>
      {count === 0 ? <p class="muted">{empty}</p> : children}
    </section>
  );
}

/** The report's three lists: weak, reused (by group) and old passwords, each entry linked to its fix. */
export function SecurityFindings({ report, oldAfterDays, ...shared }: Shared & { report: PasswordHealthReport; oldAfterDays: number }) {
  const { t } = shared;
  return (
    <>
      <Group id="security-weak" title={t('vault.security.weak.title')} empty={t('vault.security.weak.none')} count={report.weak.length}>
        <ul>
          {report.weak.map((entry) => (
            <Finding key={entry.id} entry={entry} note={t('vault.security.weak.score', { score: entry.score })} {...shared} />
          ))}
        </ul>
      </Group>
      <Group id="security-reused" title={t('vault.security.reused.title')} empty={t('vault.security.reused.none')} count={report.reused.length}>
        {report.reused.map((group) => (
          <ul key={group[0]!.id} class="reused-group" aria-label={t('vault.security.reused.group', { count: group.length })}>
            {group.map((entry) => (
              <Finding key={entry.id} entry={entry} note={t('vault.security.reused.group', { count: group.length })} {...shared} />
            ))}
          </ul>
        ))}
      </Group>
      <Group id="security-old" title={t('vault.security.old.title')} empty={t('vault.security.old.none', { days: oldAfterDays })} count={report.old.length}>
        <p class="muted">{t('vault.security.old.about')}</p>
        <ul>
          {report.old.map((entry) => (
            <Finding key={entry.id} entry={entry} note={t('vault.security.old.days', { days: entry.days })} {...shared} />
          ))}
        </ul>
      </Group>
    </>
  );
}
