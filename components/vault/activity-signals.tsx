import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SecuritySignals, UnusualSignal } from '../../lib/contract/security-signals';
import { DAY_MS, HOUR_MS } from '../../lib/contract/signal-series';
import { errorText } from '../../lib/i18n/error-text';
import type { Translate } from '../../lib/i18n/translate';
import type { BackgroundError } from '../../lib/messages/send';
import { ErrorAlert } from '../form/error-alert';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import { ActivityChart } from './activity-chart';

// The administrators' half of the dashboard: the audit log's activity counts from the server
// (GET /audit/signals through the worker), as a chart over a period the user picks, and the days
// the server found unusual. Buckets start at this page's own midnight or hour.

export const PERIODS = { day: 1, week: 7, month: 30, quarter: 90 } as const;
type Period = keyof typeof PERIODS;

/** The range and bucket of `period` ending with the current day (or hour, for a day), in local time. */
export function periodRange(period: Period, now: Date): { from: number; to: number; bucket: 'hour' | 'day' } {
  if (period === 'day') {
    const hour = new Date(now);
    hour.setMinutes(0, 0, 0);
    const from = hour.getTime() - 23 * HOUR_MS;
    return { from, to: from + 24 * HOUR_MS, bucket: 'hour' };
  }
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const from = midnight.getTime() - (PERIODS[period] - 1) * DAY_MS;
  return { from, to: from + PERIODS[period] * DAY_MS, bucket: 'day' };
}

function UnusualList({ unusual, day, t }: { unusual: UnusualSignal[]; day: (at: number) => string; t: Translate }) {
  if (unusual.length === 0) return <p class="muted">{t('vault.security.unusual.none')}</p>;
  return (
    <ul data-testid="unusual">
      {unusual.map((signal) => (
        <li key={`${signal.kind}/${signal.userId ?? ''}/${signal.day}`} class="warning">
          {signal.kind === 'userAccess'
            ? t('vault.security.unusual.userAccess', { login: signal.login ?? signal.userId ?? '?', count: signal.count, day: day(signal.day), baseline: signal.baseline })
            : t('vault.security.unusual.failedLogins', { count: signal.count, day: day(signal.day), baseline: signal.baseline })}
        </li>
      ))}
    </ul>
  );
}

/** The activity chart and the unusual days, for holders of viewAuditLog. */
export function ActivitySignals({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const language = page.language.value;
  const [period, setPeriod] = useState<Period>('week');
  const [signals, setSignals] = useState<SecuritySignals | null>(null);
  const [error, setError] = useState<BackgroundError | null>(null);
  const formats = useMemo(
    () => ({ hour: new Intl.DateTimeFormat(language, { weekday: 'short', hour: 'numeric' }), day: new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' }) }),
    [language],
  );

  useEffect(() => {
    let current = true;
    setSignals(null);
    page
      .request({ type: 'security.signals', ...periodRange(period, new Date()) })
      .then((answer) => current && (setSignals(answer), setError(null)))
      .catch((failure: unknown) => current && setError(asBackgroundError(failure)));
    return () => {
      current = false;
    };
  }, [page, period]);

  return (
    <section class="section" aria-labelledby="security-activity" data-testid="security-activity">
      <h2 id="security-activity">{t('vault.security.activity.title')}</h2>
      <p class="muted">{t('vault.security.activity.intro')}</p>
      <label class="control">
        <span>{t('vault.security.activity.range')}</span>
        <select value={period} onChange={(event) => setPeriod(event.currentTarget.value as Period)}>
          {(Object.keys(PERIODS) as Period[]).map((choice) => (
            <option key={choice} value={choice}>
              {t(`vault.security.activity.${choice}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorAlert message={error && errorText(t, error)} />
      {signals && (
        <>
          <ActivityChart buckets={signals.buckets} label={(start) => formats[signals.bucket].format(start)} t={t} />
          <h3>{t('vault.security.unusual.title')}</h3>
          <UnusualList unusual={signals.unusual} day={(at) => formats.day.format(at)} t={t} />
        </>
      )}
    </section>
  );
}
