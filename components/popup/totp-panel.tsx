import { useEffect, useMemo } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import type { ClipboardModel } from './clipboard-model';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from './popup-model';
import { createTotpModel } from './totp-model';
import { useNow } from './use-now';

/** "123456" as "123 456", the way authenticator apps print codes so they are read in two breaths. */
function grouped(code: string): string {
  return code.length === 6 || code.length === 8 ? `${code.slice(0, code.length / 2)} ${code.slice(code.length / 2)}` : code;
}

/** An entry's current one-time code, a bar counting down to its expiry, and a button to copy it. */
export function TotpPanel({ popup, clipboard, itemId, id }: { popup: PopupModel; clipboard: ClipboardModel; itemId: string; id: string }) {
  const t = popup.t.value;
  const model = useMemo(() => createTotpModel(popup, itemId), [popup, itemId]);
  useEffect(() => {
    void model.load();
    return model.dispose;
  }, [model]);
  const now = useNow();
  const reply = model.reply.value;
  const failure = model.error.value;
  if (failure) return <ErrorAlert message={errorText(t, failure)} />;
  if (!reply) return <div class="totp" id={id} aria-busy="true" />;

  const seconds = Math.max(0, Math.ceil((reply.validUntil - now) / 1000));
  const secondsLeft = t('popup.totp.secondsLeft', { seconds });
  return (
    <div class="totp" id={id}>
      <output class="totp-code" data-testid="totp-code">
        {grouped(reply.code)}
      </output>
      <progress class="totp-bar" max={reply.period} value={seconds} aria-label={secondsLeft} />
      <span class="muted totp-seconds">{secondsLeft}</span>
      <button type="button" onClick={() => void clipboard.copyEntryValue(itemId, 'totp', reply.code)}>
        {t('popup.copyTotp')}
      </button>
    </div>
  );
}
