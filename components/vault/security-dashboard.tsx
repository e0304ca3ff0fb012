import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorText } from '../../lib/i18n/error-text';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { ActivitySignals } from './activity-signals';
import { SecurityFindings } from './security-findings';
import { createSecurityReportModel } from './security-report-model';
import { sharedPermissions } from './shared-directory';

/** The ages, in days, a user can call old. */
export const OLD_AFTER_DAYS = [90, 180, 365, 730] as const;

/**
 * The security dashboard (issue #11 item 5): weak, reused and old passwords in the vaults the user
 * can read, worked out by the worker on this device with a way to fix each; for holders of
 * viewAuditLog, the organisation's activity signals from the audit log.
 */
export function SecurityDashboard({ page, vaultNames, onEdit }: { page: PopupModel; vaultNames: ReadonlyMap<string, string>; onEdit: (itemId: string) => void }) {
  const t = page.t.value;
  const [oldAfterDays, setOldAfterDays] = useState<number>(365);
  const report = useMemo(() => createSecurityReportModel(page, oldAfterDays), [page, oldAfterDays]);
  const [auditor, setAuditor] = useState(false);
  useEffect(() => {
    void report.open();
    return report.dispose;
  }, [report]);
  useEffect(() => {
    sharedPermissions(page)
      .then((mine) => setAuditor(mine.permissions.includes('viewAuditLog')))
      .catch(() => setAuditor(false));
  }, [page]);
  const status = report.status.value;
  const failure = report.error.value;

  return (
    <div class="settings-page" data-testid="security-dashboard">
      <section class="section" aria-labelledby="security-passwords" aria-busy={status?.state === 'running'}>
        <h2 id="security-passwords">{t('vault.security.title')}</h2>
        <p class="muted">{t('vault.security.intro')}</p>
        <label class="control">
          <span>{t('vault.security.old.after')}</span>
          <select value={oldAfterDays} onChange={(event) => setOldAfterDays(Number(event.currentTarget.value))}>
            {OLD_AFTER_DAYS.map((days) => (
              <option key={days} value={days}>
                {t('vault.security.old.afterDays', { days })}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" onClick={() => void report.recheck()} disabled={status?.state === 'running'}>
          {t('vault.security.recheck')}
        </button>
        <ErrorAlert message={failure && errorText(t, failure)} />
        {status?.state === 'running' && (
          <p role="status">
            <progress max={status.total || 1} value={status.done} /> {t('vault.security.checking', { done: status.done, total: status.total })}
          </p>
        )}
        {status?.state === 'done' && (
          <>
            <p role="status" data-testid="security-summary">
              {t('vault.security.summary', { checked: status.report.checked })} {status.report.unreadable > 0 && t('vault.security.unreadable', { count: status.report.unreadable })}
            </p>
            <SecurityFindings report={status.report} oldAfterDays={oldAfterDays} vaultNames={vaultNames} onEdit={onEdit} t={t} />
          </>
        )}
      </section>
      {auditor && <ActivitySignals page={page} />}
    </div>
  );
}
