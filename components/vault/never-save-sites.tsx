import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import { usePageAction } from './use-page-action';

/**
 * "Sites Keyhold never offers to save": the sites the user answered "Never for this site" on in the
 * save bar (docs/autofill.md, "Saving"). Removing one lets the bar ask there again.
 */
export function NeverSaveSites({ page }: { page: PopupModel }) {
  const t = page.t.value;
  const sites = page.status.value?.neverSave ?? [];
  const { failure, busy, run } = usePageAction();

  const remove = (site: string) => run(async () => void (await page.act({ type: 'settings.set', neverSave: sites.filter((other) => other !== site) })));

  return (
    <section class="section" aria-labelledby="never-save-title" data-testid="never-save">
      <h2 id="never-save-title">{t('vault.settings.neverSave.title')}</h2>
      <p class="muted">{t('vault.settings.neverSave.text')}</p>
      {sites.length === 0 ? (
        <p>{t('vault.settings.neverSave.empty')}</p>
      ) : (
        // The same rows as "Sites that share logins" (vault.css).
        <ul class="domain-groups">
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>
              <button type="button" disabled={busy} aria-label={t('vault.settings.neverSave.remove', { site })} onClick={() => void remove(site)}>
                {t('vault.settings.neverSave.removeButton')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={failure && errorText(t, failure)} />
    </section>
  );
}
