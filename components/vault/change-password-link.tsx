import type { Translate } from '../../lib/i18n/translate';

/** The site's change-password page, in a new tab that cannot reach back to this page. */
export function ChangePasswordLink({ url, t }: { url: string; t: Translate }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {t('vault.entry.changePassword.action')}
    </a>
  );
}
