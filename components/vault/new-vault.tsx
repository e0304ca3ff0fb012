import { useEffect, useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { useAutoFocus } from '../form/use-auto-focus';
import { errorText } from '../../lib/i18n/error-text';
import { CERTIFICATE_ERRORS } from './certificate-errors';
import type { PopupModel } from '../popup/popup-model';
import type { EntryTableModel } from './entry-table-model';
import { sharedPermissions } from './shared-directory';
import { usePageAction } from './use-page-action';

type Kind = 'private' | 'company';

/**
 * "New vault" under the navigation's vaults: a name and a kind, typed in place. The worker makes the
 * key and wraps it to the user (and, for a company vault, to every administrator); the new vault is
 * then shown. Company vaults are offered to holders of createCompanyVaults only (the server refuses
 * others); without an answer about permissions only private vaults are offered.
 */
export function NewVault({ page, table }: { page: PopupModel; table: EntryTableModel }) {
  const t = page.t.value;
  const [draft, setDraft] = useState<{ name: string; kind: Kind } | null>(null);
  const { failure, busy, run } = usePageAction();
  const name = useAutoFocus<HTMLInputElement>(draft !== null);
  const [kinds, setKinds] = useState<readonly Kind[]>(['private']);
  const opened = draft !== null;
  useEffect(() => {
    if (!opened) return;
    sharedPermissions(page)
      .then((mine) => setKinds(mine.permissions.includes('createCompanyVaults') ? ['private', 'company'] : ['private']))
      .catch(() => setKinds(['private']));
  }, [opened]);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!draft) return;
    const name = draft.name.trim();
    if (!name) return;
    const done = await run(async () => {
      const { vaultId } = await page.request({ type: 'vault.create', name, kind: draft.kind });
      await table.refresh();
      await table.choose({ kind: 'vault', vaultId });
    });
    if (done) setDraft(null);
  }

  if (!draft) {
    return (
      <button type="button" class="new-vault" onClick={() => setDraft({ name: '', kind: 'private' })}>
        {t('vault.vaults.new')}
      </button>
    );
  }
  return (
    <form class="new-vault-form" aria-label={t('vault.vaults.new')} onSubmit={(event) => void submit(event)}>
      <input ref={name} aria-label={t('vault.vaults.name')} placeholder={t('vault.vaults.name')} maxLength={200} required value={draft.name} onInput={(event) => setDraft({ ...draft, name: event.currentTarget.value })} />
      <fieldset>
        <legend>{t('vault.vaults.kind')}</legend>
        {kinds.map((kind) => (
          <label key={kind} class="choice">
            <input type="radio" name="vault-kind" value={kind} checked={draft.kind === kind} onChange={() => setDraft({ ...draft, kind })} />
            {t(kind === 'private' ? 'vault.vaults.kind.private' : 'vault.vaults.kind.company')}
          </label>
        ))}
      </fieldset>
      <div class="field-row">
        <button type="submit" class="primary" disabled={busy}>
          {t('vault.vaults.create')}
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorAlert message={failure && errorText(t, failure, CERTIFICATE_ERRORS)} />
    </form>
  );
}
