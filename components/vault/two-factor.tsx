import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { TextField } from '../form/text-field';
import { errorText, type ErrorOverrides } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import { QrCode } from './qr-code';
import { usePageAction } from './use-page-action';

// A 409 here means another tab or device turned the factor on or off meanwhile.
const MFA_ERRORS: ErrorOverrides = { conflict: 'vault.settings.mfa.changed' };

/**
 * "Two-step sign-in": TOTP enrolment (QR code and key, a code to confirm, the recovery codes shown
 * once) and removal. Only the vault page has it, so the QR encoder stays out of the popup.
 */
export function TwoFactor({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const [on, setOn] = useState<boolean | null>(null);
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const { failure, busy, run } = usePageAction();

  const refresh = () => run(async () => setOn((await page.request({ type: 'mfa.status' })).on));
  useEffect(() => void refresh(), []);

  const start = () => run(async () => setEnrolment(await page.request({ type: 'mfa.start' })));
  async function confirm(event: Event): Promise<void> {
    event.preventDefault();
    await run(async () => {
      setRecoveryCodes((await page.request({ type: 'mfa.confirm', code })).recoveryCodes);
      setEnrolment(null);
      setOn(true);
    });
    setCode('');
  }
  async function turnOff(event: Event): Promise<void> {
    event.preventDefault();
    if (await run(async () => void (await page.request({ type: 'mfa.disable', code })))) setOn(false);
    setCode('');
  }

  const codeField = <TextField label={t('vault.settings.mfa.code')} value={code} onValue={setCode} inputMode="numeric" pattern="[0-9]{6}" maxLength={6} autocomplete="one-time-code" required />;
  return (
    <section class="section" aria-labelledby="two-factor-title" data-testid="two-factor">
      <h2 id="two-factor-title">{t('vault.settings.mfa.title')}</h2>
      {recoveryCodes ? (
        <div data-testid="mfa-recovery">
          <h3>{t('vault.settings.mfa.recoveryTitle')}</h3>
          <p>{t('vault.settings.mfa.recoveryText')}</p>
          <ul>{recoveryCodes.map((recovery) => <li key={recovery}><code>{recovery}</code></li>)}</ul>
          <button type="button" onClick={() => setRecoveryCodes(null)}>{t('vault.settings.mfa.done')}</button>
        </div>
      ) : enrolment ? (
        <form aria-label={t('vault.settings.mfa.turnOn')} onSubmit={(event) => void confirm(event)}>
          <p>{t('vault.settings.mfa.scan')}</p>
          <QrCode text={enrolment.uri} label={t('vault.settings.mfa.qr')} />
          <p>{t('vault.settings.mfa.secret')} <code data-testid="mfa-secret">{enrolment.secret}</code></p>
          {codeField}
          <button type="submit" disabled={busy || code.length !== 6}>{t('vault.settings.mfa.confirm')}</button>
          <button type="button" disabled={busy} onClick={() => setEnrolment(null)}>{t('vault.settings.mfa.cancel')}</button>
        </form>
      ) : on === true ? (
        <form aria-label={t('vault.settings.mfa.turnOff')} onSubmit={(event) => void turnOff(event)}>
          <p class="muted">{t('vault.settings.mfa.textOn')}</p>
          {codeField}
          <button type="submit" disabled={busy || code.length !== 6}>{t('vault.settings.mfa.turnOff')}</button>
        </form>
      ) : on === false ? (
        <>
          <p class="muted">{t('vault.settings.mfa.textOff')}</p>
          <button type="button" disabled={busy} onClick={() => void start()}>{t('vault.settings.mfa.turnOn')}</button>
        </>
      ) : null}
      <ErrorAlert message={failure && errorText(t, failure, MFA_ERRORS)} />
    </section>
  );
}
