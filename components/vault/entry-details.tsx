import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { timeFormat } from '../../lib/i18n/formats';
import type { Translate } from '../../lib/i18n/translate';
import type { EntryView, EntryViewField, ListRow } from '../../lib/messages/protocol';
import { ErrorAlert } from '../form/error-alert';
import type { ClipboardModel } from '../popup/clipboard-model';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import { TotpPanel } from '../popup/totp-panel';
import { levelAllows } from '../../lib/contract/access-levels';
import type { VaultTree } from '../../lib/cache/vault-tree';
import { ChangePasswordLink } from './change-password-link';
import { EntryAttachments } from './entry-attachments';
import { EntryHistory } from './entry-history';
import { EntrySharing } from './entry-sharing';
import { EntryLinks } from './entry-links';
import { levelAt } from './share-places';
import { createEntryViewModel, type EntryViewModel } from './entry-view-model';
import { FIELD_NAMES, MATCH_NAMES } from './kind-names';

const HIDDEN = '••••••••';

/** A hidden field: its value once shown, with the button that shows or hides it, and a warning when a shown password is weak. */
function HiddenField({ field, model, t }: { field: EntryViewField; model: EntryViewModel; t: Translate }) {
  const value = model.shown.value.get(field.id);
  const changeUrl = model.changePassword.value;
  return (
    <>
      <div class="field-value">
        {value === undefined ? <span aria-label={t('vault.details.hidden')}>{HIDDEN}</span> : field.type === 'notes' ? <pre class="notes">{value}</pre> : <code>{value}</code>}
        <button type="button" class="link" onClick={() => void model.toggle(field.id)} aria-pressed={value !== undefined}>
          {value === undefined ? t('vault.details.show') : t('vault.details.hide')}
        </button>
      </div>
      {model.weak.value.has(field.id) && (
        <p class="warning" role="status" data-testid="weak-password">
          {t('vault.entry.changePassword.weak')}{' '}
          {changeUrl && (
            <strong>
              <ChangePasswordLink url={changeUrl} t={t} />
            </strong>
          )}
        </p>
      )}
    </>
  );
}

function Fields({ view, model, t }: { view: EntryView; model: EntryViewModel; t: Translate }) {
  // The one-time code shows as a code (TotpPanel below), not as its secret.
  const fields = view.fields.filter((field) => field.type !== 'totp');
  if (fields.length === 0) return null;
  return (
    <>
      {fields.map((field) => (
        <Fragment key={field.id}>
          <dt>{field.label || t(FIELD_NAMES[field.type])}</dt>
          <dd>{field.type === 'text' ? field.value : <HiddenField field={field} model={model} t={t} />}</dd>
        </Fragment>
      ))}
    </>
  );
}

/** What the details' buttons ask of the page around them. */
export interface DetailsActions {
  onEdit(view: EntryView): void;
  /** Trash, restore or purge the entry; resolves once the list shows the change. */
  onBin(itemId: string, action: 'trash' | 'restore' | 'purge'): Promise<void>;
  /** The entry changed (a revision restored): list it again. */
  onChanged(): Promise<void>;
}

/** Moves the entry to the trash, or back, or (from the trash, after a second click) deletes it for good. */
function BinButtons({ row, actions, t }: { row: ListRow; actions: DetailsActions; t: Translate }) {
  const [confirming, setConfirming] = useState(false);
  if (row.deletedAt === null) {
    return (
      <button type="button" onClick={() => void actions.onBin(row.id, 'trash')}>
        {t('vault.trash')}
      </button>
    );
  }
  return (
    <>
      <button type="button" onClick={() => void actions.onBin(row.id, 'restore')}>
        {t('vault.restore')}
      </button>
      <button type="button" class="danger" onClick={() => (confirming ? void actions.onBin(row.id, 'purge') : setConfirming(true))}>
        {confirming ? t('vault.purge.confirm') : t('vault.purge')}
      </button>
    </>
  );
}

/** The active entry beside the list: every field (hidden ones shown on demand), its copy buttons, one-time code and change-password link. */
export function EntryDetails({ page, clipboard, row, vaultName, actions, tree = null }: { page: PopupModel; clipboard: ClipboardModel; row: ListRow | undefined; vaultName: string | undefined; actions: DetailsActions; tree?: VaultTree | null }) {
  const t = page.t.value;
  const itemId = row?.id ?? null;
  // Read again when the entry changes (a restore, a sync), not only when another is chosen.
  const model = useMemo(() => (itemId ? createEntryViewModel(page, itemId) : null), [page, itemId, row?.updatedAt]);
  const [showHistory, setShowHistory] = useState(false);
  // Which entry's sharing panel is open: choosing another entry closes it.
  const [sharingOf, setSharingOf] = useState<string | null>(null);
  const showSharing = sharingOf !== null && sharingOf === itemId;
  const [linksOf, setLinksOf] = useState<string | null>(null);
  const showLinks = linksOf !== null && linksOf === itemId;
  useEffect(() => void model?.load(), [model]);
  if (!row || !model) {
    return (
      <aside class="entry-details" aria-label={t('vault.details.label')}>
        <p class="muted">{t('vault.details.none')}</p>
      </aside>
    );
  }
  const view = model.view.value;
  const failure = model.error.value;
  const when = (at: number) => timeFormat(page.language.value).format(at);
  return (
    <aside class="entry-details" aria-label={t('vault.details.label')} data-testid="entry-details">
      <h2 class="details-name">{row.name || t('popup.entry.untitled')}</h2>
      {row.deletedAt !== null && <p class="badge offline">{t('vault.details.inTrash', { time: when(row.deletedAt) })}</p>}
      <ErrorAlert message={failure && errorText(t, failure)} />
      <dl aria-busy={view ? undefined : 'true'}>
        {row.login && (
          <>
            <dt>{t('credentials.login')}</dt>
            <dd>{row.login}</dd>
          </>
        )}
        {view?.urls.map((url, index) => (
          <Fragment key={index}>
            <dt>{t('vault.details.website')}</dt>
            <dd>
              <span class="url">{url.url}</span> <span class="muted">({t(MATCH_NAMES[url.match])})</span>
            </dd>
          </Fragment>
        ))}
        {view && <Fields view={view} model={model} t={t} />}
        {view?.description && (
          <>
            <dt>{t('vault.details.description')}</dt>
            <dd class="description">{view.description}</dd>
          </>
        )}
        {vaultName && (
          <>
            <dt>{t('vault.details.vault')}</dt>
            <dd>{vaultName}</dd>
          </>
        )}
        {row.tags.length > 0 && (
          <>
            <dt>{t('vault.nav.tags')}</dt>
            <dd>{row.tags.join(', ')}</dd>
          </>
        )}
        <dt>{t('vault.details.updated')}</dt>
        <dd>{when(row.updatedAt)}</dd>
      </dl>
      {model.changePassword.value && (
        <p class="links">
          <ChangePasswordLink url={model.changePassword.value} t={t} />
        </p>
      )}
      <div class="actions details-actions">
        {row.login && (
          <button type="button" onClick={() => void clipboard.copyEntryField(row.id, 'login')}>
            {t('popup.copyLogin')}
          </button>
        )}
        {row.hasPassword && (
          <button type="button" class="primary" onClick={() => void clipboard.copyEntryField(row.id, 'password')}>
            {t('popup.copyPassword')}
          </button>
        )}
      </div>
      <div class="actions details-actions">
        {view && row.deletedAt === null && (
          <button type="button" onClick={() => actions.onEdit(view)}>
            {t('vault.edit')}
          </button>
        )}
        <BinButtons key={row.id} row={row} actions={actions} t={t} />
        <button type="button" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
          {t('vault.history.show')}
        </button>
        {/* Sharing one entry is full access where it is (docs/access-control.md). */}
        {tree && row.deletedAt === null && levelAllows(levelAt(tree, row.vaultId, row.folderId), 'full') && (
          <button type="button" aria-expanded={showSharing} onClick={() => setSharingOf(showSharing ? null : row.id)}>
            {t('vault.sharing.toggle')}
          </button>
        )}
        {tree && row.deletedAt === null && levelAllows(levelAt(tree, row.vaultId, row.folderId), 'full') && (
          <button type="button" aria-expanded={showLinks} data-testid="share-link-toggle" onClick={() => setLinksOf(showLinks ? null : row.id)}>
            {t('vault.links.action')}
          </button>
        )}
      </div>
      {/* Adding and removing files is editing the entry; the server checks it again. */}
      <EntryAttachments key={row.id} page={page} itemId={row.id} canEdit={row.deletedAt === null && (!tree || levelAllows(levelAt(tree, row.vaultId, row.folderId), 'edit'))} />
      {showSharing && tree && <EntrySharing key={row.id} page={page} itemId={row.id} vaultId={row.vaultId} tree={tree} />}
      {showLinks && <EntryLinks key={row.id} page={page} clipboard={clipboard} itemId={row.id} />}
      {showHistory && <EntryHistory key={row.id} page={page} itemId={row.id} onRestored={actions.onChanged} />}
      {row.hasTotp && <TotpPanel key={row.id} popup={page} clipboard={clipboard} itemId={row.id} id={`totp-${row.id}`} />}
    </aside>
  );
}
