import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../lib/i18n/error-text';
import type { EntryView } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { ErrorAlert } from '../form/error-alert';
import type { ClipboardModel } from '../popup/clipboard-model';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import { FIELD_NAMES, MATCH_NAMES } from './kind-names';

// An entry shared with the user from a vault they may not open — through a shortcut or their inbox
// (docs/vault-page.md, "Sharing one entry"): read-only, each hidden field shown or copied on demand.
// The worker opens it only after its wraps, signatures and MAC verify; a key changed since says so.

/** How the worker reads the shared entry and one of its fields. */
export interface SharedSource {
  read(): Promise<EntryView>;
  reveal(fieldId: string): Promise<string>;
}

/** One shared entry, read-only, with a Close button. */
export function SharedEntry({ page, clipboard, source, onClose }: { page: PopupModel; clipboard: ClipboardModel; source: SharedSource; onClose(): void }) {
  const t = page.t.value;
  const [view, setView] = useState<EntryView | null>(null);
  const [shown, setShown] = useState<Map<string, string>>(new Map());
  const [failure, setFailure] = useState<BackgroundError | null>(null);
  useEffect(() => {
    source.read().then(setView, (error: unknown) => setFailure(asBackgroundError(error)));
  }, [source]);

  async function valueOf(fieldId: string): Promise<string | null> {
    const known = shown.get(fieldId);
    if (known !== undefined) return known;
    try {
      return await source.reveal(fieldId);
    } catch (error) {
      setFailure(asBackgroundError(error));
      return null;
    }
  }

  async function toggle(fieldId: string): Promise<void> {
    if (shown.has(fieldId)) {
      setShown(new Map([...shown].filter(([id]) => id !== fieldId)));
      return;
    }
    const value = await valueOf(fieldId);
    if (value !== null) setShown(new Map(shown).set(fieldId, value));
  }

  async function copy(fieldId: string): Promise<void> {
    const value = await valueOf(fieldId);
    if (value !== null) await clipboard.copyLoose(value);
  }

  return (
    <aside class="entry-details" aria-label={t('vault.details.label')} data-testid="shared-entry">
      <h2 class="details-name">{view?.name ?? t('vault.list.loading')}</h2>
      <p class="badge">{t('vault.shared.readOnly')}</p>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {view && (
        <dl>
          {view.login && (
            <>
              <dt>{t('credentials.login')}</dt>
              <dd>{view.login}</dd>
            </>
          )}
          {view.urls.map((url, index) => (
            <Fragment key={index}>
              <dt>{t('vault.details.website')}</dt>
              <dd>
                <span class="url">{url.url}</span> <span class="muted">({t(MATCH_NAMES[url.match])})</span>
              </dd>
            </Fragment>
          ))}
          {view.fields
            .filter((field) => field.type !== 'totp')
            .map((field) => (
              <Fragment key={field.id}>
                <dt>{field.label || t(FIELD_NAMES[field.type])}</dt>
                <dd>
                  {field.type === 'text' ? (
                    field.value
                  ) : (
                    <div class="field-value">
                      {shown.has(field.id) ? <code>{shown.get(field.id)}</code> : <span aria-label={t('vault.details.hidden')}>••••••••</span>}
                      <button type="button" class="link" aria-pressed={shown.has(field.id)} onClick={() => void toggle(field.id)}>
                        {shown.has(field.id) ? t('vault.details.hide') : t('vault.details.show')}
                      </button>
                      <button type="button" class="link" onClick={() => void copy(field.id)}>
                        {t('vault.shared.copy')}
                      </button>
                    </div>
                  )}
                </dd>
              </Fragment>
            ))}
          {view.description && (
            <>
              <dt>{t('vault.details.description')}</dt>
              <dd class="description">{view.description}</dd>
            </>
          )}
        </dl>
      )}
      <div class="actions details-actions">
        <button type="button" onClick={onClose}>
          {t('vault.members.close')}
        </button>
      </div>
    </aside>
  );
}
