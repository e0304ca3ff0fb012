import { useEffect, useState } from 'preact/hooks';
import type { ShareLink } from '../../lib/contract/share-links';
import { errorText } from '../../lib/i18n/error-text';
import { timeFormat } from '../../lib/i18n/formats';
import type { MessageKey } from '../../lib/i18n/translate';
import { ErrorAlert } from '../form/error-alert';
import type { ClipboardModel } from '../popup/clipboard-model';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

// Share links from an entry's details (docs/sharing.md), for whoever may share it: the options, the
// new link shown once (the worker keeps no copy of its secret), and the entry's links to revoke.

const HOUR = 3600;
const EXPIRIES: { seconds: number | null; label: MessageKey }[] = [
  { seconds: HOUR, label: 'vault.links.expiry.hour' },
  { seconds: 24 * HOUR, label: 'vault.links.expiry.day' },
  { seconds: 7 * 24 * HOUR, label: 'vault.links.expiry.week' },
  { seconds: 30 * 24 * HOUR, label: 'vault.links.expiry.month' },
  { seconds: null, label: 'vault.links.expiry.never' },
];
const STATES: Record<ShareLink['state'], MessageKey> = { active: 'vault.links.state.active', expired: 'vault.links.state.expired', usedUp: 'vault.links.state.usedUp', revoked: 'vault.links.state.revoked' };

type Props = { page: PopupModel; clipboard: ClipboardModel; itemId: string };

/** The "Share link…" panel of one entry. */
export function EntryLinks({ page, clipboard, itemId }: Props) {
  const t = page.t.value;
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [expiry, setExpiry] = useState(1);
  const [maxViews, setMaxViews] = useState('');
  const [singleUse, setSingleUse] = useState(true);
  const [created, setCreated] = useState<string | null>(null);
  const { failure, busy, run } = usePageAction();
  const when = (at: number) => timeFormat(page.language.value).format(at);

  const reload = async () => setLinks(await page.request({ type: 'entry.links', itemId }));
  useEffect(() => void run(reload), [itemId]);

  const create = (event: Event) => {
    event.preventDefault();
    const views = singleUse ? 1 : maxViews.trim() === '' ? null : Number(maxViews);
    void run(async () => {
      const { url } = await page.request({ type: 'entry.createLink', itemId, expiresInSeconds: EXPIRIES[expiry]!.seconds, maxViews: views });
      setCreated(url);
      await reload();
    });
  };
  const revoke = (linkId: string) => void run(async () => (await page.request({ type: 'link.revoke', linkId }), await reload()));

  return (
    <section class="entry-links" aria-labelledby="entry-links-title" data-testid="entry-links">
      <h3 id="entry-links-title">{t('vault.links.title')}</h3>
      <p class="muted">{t('vault.links.intro')}</p>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {created && (
        <div class="created-link" role="status" data-testid="created-link">
          <label class="field">
            <span>{t('vault.links.url')}</span>
            <input type="text" readOnly value={created} data-testid="created-link-url" onFocus={(event) => event.currentTarget.select()} />
          </label>
          <p class="muted">{t('vault.links.created')}</p>
          <button type="button" class="primary" onClick={() => void clipboard.copyLoose(created)}>
            {t('vault.links.copy')}
          </button>
        </div>
      )}
      <form onSubmit={create}>
        <label class="field">
          <span>{t('vault.links.expiry')}</span>
          <select value={String(expiry)} onChange={(event) => setExpiry(Number(event.currentTarget.value))}>
            {EXPIRIES.map((choice, index) => (
              <option key={choice.label} value={String(index)}>
                {t(choice.label)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={singleUse} onChange={(event) => setSingleUse(event.currentTarget.checked)} /> {t('vault.links.singleUse')}
        </label>
        {!singleUse && (
          <label class="field">
            <span>{t('vault.links.maxViews')}</span>
            <input type="number" min={1} max={1000} value={maxViews} onInput={(event) => setMaxViews(event.currentTarget.value)} />
          </label>
        )}
        <p class="muted">{t('vault.links.snapshot')}</p>
        <button type="submit" disabled={busy}>
          {t('vault.links.create')}
        </button>
      </form>
      {links && links.length === 0 && <p class="muted">{t('vault.links.none')}</p>}
      <ul class="plain">
        {links?.map((link) => (
          <li key={link.id} data-testid="entry-link" data-state={link.state}>
            <strong>{t(STATES[link.state])}</strong> {t('vault.links.row', { time: when(link.createdAt), views: link.views })}
            {link.viewsLeft !== null && link.state === 'active' && <> · {t('vault.links.viewsLeft', { count: link.viewsLeft })}</>}
            {link.expiresAt !== null && link.state === 'active' && <> · {t('vault.links.expires', { time: when(link.expiresAt) })}</>}{' '}
            {link.state !== 'revoked' && (
              <button type="button" class="link" disabled={busy} onClick={() => revoke(link.id)}>
                {t('vault.links.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
