import { useEffect, useState } from 'preact/hooks';
import { timeFormat } from '../../lib/i18n/formats';
import type { SessionRow } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';

/** The user's signed-in sessions, newest use first; any but this device's can be ended here. */
export function SessionsList({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [failure, setFailure] = useState<BackgroundError | null>(null);

  async function load(): Promise<void> {
    try {
      setSessions((await page.request({ type: 'sessions.list' })).sort((a, b) => b.lastUsedAt - a.lastUsedAt));
      setFailure(null);
    } catch (error) {
      setFailure(asBackgroundError(error));
    }
  }
  useEffect(() => void load(), []);

  async function revoke(sessionId: string): Promise<void> {
    try {
      await page.request({ type: 'sessions.revoke', sessionId });
      await load();
    } catch (error) {
      setFailure(asBackgroundError(error));
    }
  }

  const when = (at: number) => timeFormat(page.language.value).format(at);
  return (
    <section class="section sessions" aria-label={t('vault.sessions')} data-testid="sessions">
      <h2>{t('vault.sessions')}</h2>
      <ErrorAlert message={failure && errorText(t, failure)} />
      <ul>
        {sessions?.map((session) => (
          <li key={session.id} data-testid="session">
            <p>
              <strong>{session.browserMode ? t('vault.sessions.browser') : t('vault.sessions.other')}</strong>
              {session.current && ` (${t('vault.sessions.thisDevice')})`}
            </p>
            <p class="muted">{t('vault.sessions.details', { lastUsed: when(session.lastUsedAt), since: when(session.createdAt), ip: session.ip ?? '—' })}</p>
            {!session.current && (
              <button type="button" onClick={() => void revoke(session.id)}>
                {t('vault.sessions.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
