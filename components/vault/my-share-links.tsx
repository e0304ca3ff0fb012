import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../../lib/i18n/error-text';
import { timeFormat } from '../../lib/i18n/formats';
import type { Translate } from '../../lib/i18n/translate';
import type { OwnShareLink } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { PopupModel } from '../popup/popup-model';
import { LINK_STATES } from './link-states';
import { usePageAction } from './use-page-action';

// The share links the user made, across every entry (docs/sharing.md "Your links"): the server
// knows only ids, so each link is named from this device's index, where the entry is still readable.

type When = (at: number) => string;

/** Expiry and views of one link, as one line. */
function linkTerms(link: OwnShareLink, t: Translate, when: When): string {
  const expiry = link.expiresAt === null ? t('vault.myLinks.noExpiry') : t(link.state === 'expired' ? 'vault.myLinks.expired' : 'vault.myLinks.expires', { time: when(link.expiresAt) });
  const views = link.maxViews === null ? t('vault.myLinks.viewsUnlimited', { views: link.views }) : t('vault.myLinks.views', { views: link.views, max: link.maxViews });
  return [t('vault.myLinks.created', { time: when(link.createdAt) }), expiry, views].join(' · ');
}

/** "My share links" in the vault page's settings: every link the user made, with a revoke for each one still open. */
export function MyShareLinks({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const [links, setLinks] = useState<OwnShareLink[] | null>(null);
  const { failure, busy, run } = usePageAction();
  const when = (at: number) => timeFormat(page.language.value).format(at);

  const reload = async () => setLinks(await page.request({ type: 'links.mine' }));
  useEffect(() => void run(reload), []);
  const revoke = (linkId: string) => void run(async () => (await page.request({ type: 'link.revoke', linkId }), await reload()));

  return (
    <section class="section my-share-links" aria-labelledby="my-share-links-title" data-testid="my-share-links">
      <h2 id="my-share-links-title">{t('vault.myLinks.title')}</h2>
      <p class="muted">{t('vault.myLinks.intro')}</p>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {links && links.length === 0 && <p class="muted">{t('vault.myLinks.none')}</p>}
      <ul class="plain">
        {links?.map((link) => {
          const name = link.entryName ?? t('vault.myLinks.gone');
          return (
            <li key={link.id} data-testid="my-share-link" data-link-id={link.id} data-state={link.state}>
              <p>
                <strong class={link.entryName === null ? 'muted' : undefined}>{name}</strong> · {t(LINK_STATES[link.state])}
              </p>
              <p class="muted">{linkTerms(link, t, when)}</p>
              {link.state !== 'revoked' && (
                <button type="button" disabled={busy} aria-label={t('vault.myLinks.revoke', { name })} onClick={() => revoke(link.id)}>
                  {t('vault.links.revoke')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
