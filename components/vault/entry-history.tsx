import { useEffect, useState } from 'preact/hooks';
import { timeFormat } from '../../lib/i18n/formats';
import type { MessageKey, Translate } from '../../lib/i18n/translate';
import type { RevisionInfo } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import type { RevisionChange } from '../../lib/vault/revision-diff';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';
import { EntryAttachments } from './entry-attachments';
import { FIELD_NAMES } from './kind-names';

const PART_NAMES = {
  name: 'vault.change.name',
  login: 'vault.change.login',
  urls: 'vault.change.urls',
  tags: 'vault.change.tags',
  colour: 'vault.change.colour',
  description: 'vault.change.description',
  favourite: 'vault.change.favourite',
  folder: 'vault.change.folder',
} as const satisfies Record<Exclude<RevisionChange['part'], 'field'>, MessageKey>;
const FIELD_CHANGES = { added: 'vault.change.fieldAdded', removed: 'vault.change.fieldRemoved', changed: 'vault.change.fieldChanged' } as const satisfies Record<string, MessageKey>;

/** One change in words: "Password changed", "Websites changed" — never a value. */
function changeText(change: RevisionChange, t: Translate): string {
  if (change.part !== 'field') return t(PART_NAMES[change.part]);
  return t(FIELD_CHANGES[change.change], { field: change.label || t(FIELD_NAMES[change.type]) });
}

function describe(revision: RevisionInfo, t: Translate): string {
  if (revision.revision === 1) return t('vault.history.created');
  if (revision.changes === null) return t('vault.history.earlier');
  if (revision.changes.length === 0) return t('vault.history.nothing');
  return revision.changes.map((change) => changeText(change, t)).join(', ');
}

/**
 * An entry's revisions, newest first: when, by whom, and what each changed, from the server's kept
 * revisions verified in the worker; an earlier one can be restored, which saves it as the next.
 */
export function EntryHistory({ page, itemId, onRestored }: { page: PopupModel; itemId: string; onRestored(): Promise<void> }) {
  const t = page.t.value;
  const [revisions, setRevisions] = useState<RevisionInfo[] | null>(null);
  const [failure, setFailure] = useState<BackgroundError | null>(null);
  const [busy, setBusy] = useState(false);
  // Whose files are shown: each revision's list is one request, made when asked for.
  const [filesOf, setFilesOf] = useState<number | null>(null);

  async function load(): Promise<void> {
    try {
      setRevisions(await page.request({ type: 'entry.history', itemId }));
      setFailure(null);
    } catch (error) {
      setFailure(asBackgroundError(error));
    }
  }
  useEffect(() => void load(), [itemId]);

  async function restore(revision: number): Promise<void> {
    setBusy(true);
    try {
      await page.request({ type: 'entry.restoreRevision', itemId, revision });
      await onRestored();
      await load();
    } catch (error) {
      setFailure(asBackgroundError(error));
    } finally {
      setBusy(false);
    }
  }

  const when = (at: number) => timeFormat(page.language.value).format(at);
  return (
    <section class="history" aria-label={t('vault.history')} data-testid="history">
      <h3>{t('vault.history')}</h3>
      <ErrorAlert message={failure && errorText(t, failure)} />
      {revisions === null && !failure && <p class="muted">{t('vault.list.loading')}</p>}
      <ol>
        {revisions?.map((revision) => (
          <li key={revision.revision} data-testid="revision">
            <p>
              <strong>{t('vault.history.revision', { revision: revision.revision })}</strong>
              {revision.current && ` (${t('vault.history.current')})`} · {when(revision.at)} · {revision.byMe ? t('vault.history.byMe') : t('vault.history.byOther')}
            </p>
            <p class="muted">{describe(revision, t)}</p>
            {!revision.current && (
              <button type="button" disabled={busy} onClick={() => void restore(revision.revision)}>
                {t('vault.history.restore')}
              </button>
            )}
            <button type="button" aria-expanded={filesOf === revision.revision} onClick={() => setFilesOf(filesOf === revision.revision ? null : revision.revision)}>
              {t('vault.attachments.ofRevision')}
            </button>
            {filesOf === revision.revision && <EntryAttachments page={page} itemId={itemId} revision={revision.revision} canEdit={false} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
