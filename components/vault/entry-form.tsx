import { levelAllows } from '../../lib/contract/access-levels';
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import type { FolderNode, VaultTree } from '../../lib/cache/vault-tree';
import { FIELD_TYPES, URL_MATCHES } from '../../lib/contract/item-kinds';
import type { Translate } from '../../lib/i18n/translate';
import { ErrorAlert } from '../form/error-alert';
import { useAutoFocus } from '../form/use-auto-focus';
import { errorText } from '../../lib/i18n/error-text';
import type { PopupModel } from '../popup/popup-model';
import { createEntryFormModel, type DraftField, type EntryDraft, type EntryFormModel } from './entry-form-model';
import { FIELD_NAMES, MATCH_NAMES } from './kind-names';
import { readQrImage } from './qr-image';
import { ZxcvbnMeter } from './zxcvbn-meter';

/** The colours the form offers, by name (the server also takes #rrggbb, which the vault page shows as it is). */
export const COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'] as const;

/** A vault's folders in order, each with its depth, for a select. */
function flatFolders(folders: readonly FolderNode[], depth = 0): { id: string; name: string; depth: number }[] {
  return folders.flatMap((folder) => [{ id: folder.id, name: folder.name, depth }, ...flatFolders(folder.children, depth + 1)]);
}

/** A button that reads an authenticator QR code from an image file into a one-time code field. */
function QrImageButton({ onText, t }: { onText(text: string): void; t: Translate }) {
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function read(file: File | undefined): Promise<void> {
    if (!file) return;
    const text = await readQrImage(file).catch(() => null);
    if (text && /^otpauth:\/\//i.test(text)) {
      setProblem(null);
      onText(text);
    } else setProblem(t('vault.form.qrNotFound'));
    input.current!.value = '';
  }

  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {t('vault.form.qrImage')}
      </button>
      <input ref={input} type="file" accept="image/*" hidden onChange={(event) => void read(event.currentTarget.files?.[0])} data-testid="qr-file" />
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}

function FieldRow({ form, field, related, t }: { form: EntryFormModel; field: DraftField; related: readonly string[]; t: Translate }) {
  const id = useId();
  const kept = field.value === null;
  const onValue = (value: string) => form.setField(field.id, { value });
  return (
    <fieldset class="form-field" data-testid="form-field">
      <legend>{field.label || t(FIELD_NAMES[field.type])}</legend>
      <label for={`${id}-label`}>{t('vault.form.label')}</label>
      <input id={`${id}-label`} value={field.label} placeholder={t(FIELD_NAMES[field.type])} onInput={(event) => form.setField(field.id, { label: event.currentTarget.value })} />
      <label for={`${id}-value`}>{t('vault.form.value')}</label>
      <div class="field-row">
        {field.type === 'notes' ? (
          <textarea id={`${id}-value`} rows={4} value={field.value ?? ''} placeholder={kept ? t('vault.form.keep') : ''} onInput={(event) => onValue(event.currentTarget.value)} />
        ) : (
          <input id={`${id}-value`} type={field.type === 'password' ? 'password' : 'text'} autocomplete="off" spellcheck={false} value={field.value ?? ''} placeholder={kept ? t('vault.form.keep') : ''} onInput={(event) => onValue(event.currentTarget.value)} />
        )}
        {field.type === 'password' && (
          <button type="button" onClick={() => form.generate(field.id)}>
            {t('vault.form.generate')}
          </button>
        )}
        {field.type === 'totp' && <QrImageButton onText={onValue} t={t} />}
        <button type="button" onClick={() => form.removeField(field.id)}>
          {t('vault.form.remove')}
        </button>
      </div>
      {field.type === 'password' && field.value && <ZxcvbnMeter password={field.value} related={related} t={t} />}
    </fieldset>
  );
}

/**
 * The vault page's form for a new entry or an existing one: where it is filed (another vault moves
 * it), name, login, websites with their match rules, fields (hidden values stay as they are unless
 * replaced), tags, colour, description, favourite.
 */
export function EntryForm({ page, tree, initial, itemId, revision, onDone }: { page: PopupModel; tree: VaultTree; initial: EntryDraft; itemId: string | undefined; revision?: number; onDone(savedId: string | null): void }) {
  const t = page.t.value;
  // Opened from the header or the details: a keyboard user continues in the form, at its name.
  const nameInput = useAutoFocus<HTMLInputElement>();
  const form = useMemo(() => createEntryFormModel(page, initial, itemId, revision), [page, initial, itemId, revision]);
  const id = useId();
  const draft = form.draft.value;
  const failure = form.error.value;
  const writable = tree.vaults.filter((vault) => levelAllows(vault.level, 'edit') || vault.id === draft.vaultId);
  const folders = flatFolders(tree.vaults.find((vault) => vault.id === draft.vaultId)?.folders ?? []);
  // What a password must not be made of: the entry's own name, login and sites.
  const related = [draft.name, draft.login, ...draft.urls.map((url) => url.url)].map((word) => word.trim()).filter(Boolean);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const saved = await form.save();
    if (saved) onDone(saved);
  }

  return (
    <form class="entry-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} data-testid="entry-form">
      <h2 id={`${id}-title`} class="details-name">
        {itemId ? t('vault.form.titleEdit') : t('vault.form.titleNew')}
      </h2>
      <div class="field">
        <label for={`${id}-vault`}>{t('vault.form.vault')}</label>
        <select id={`${id}-vault`} value={draft.vaultId} onChange={(event) => form.update({ vaultId: event.currentTarget.value, folderId: null })}>
          {writable.map((vault) => (
            <option key={vault.id} value={vault.id}>
              {vault.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-folder`}>{t('vault.form.folder')}</label>
        <select id={`${id}-folder`} value={draft.folderId ?? ''} onChange={(event) => form.update({ folderId: event.currentTarget.value || null })}>
          <option value="">{t('vault.form.topLevel')}</option>
          {folders.map((folder) => (
            <option key={folder.id} value={folder.id}>
              {`${'  '.repeat(folder.depth)}${folder.name}`}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-name`}>{t('vault.form.name')}</label>
        <input ref={nameInput} id={`${id}-name`} required maxLength={200} value={draft.name} onInput={(event) => form.update({ name: event.currentTarget.value })} />
      </div>
      <div class="field">
        <label for={`${id}-login`}>{t('credentials.login')}</label>
        <input id={`${id}-login`} maxLength={200} autocomplete="off" value={draft.login} onInput={(event) => form.update({ login: event.currentTarget.value })} />
      </div>
      <fieldset class="form-urls">
        <legend>{t('vault.form.urls')}</legend>
        {draft.urls.map((url, index) => (
          <div class="field-row" key={index} data-testid="form-url">
            <input aria-label={t('vault.form.url')} type="url" value={url.url} placeholder="https://" onInput={(event) => form.setUrl(index, { url: event.currentTarget.value })} />
            <select aria-label={t('vault.form.match')} value={url.match} onChange={(event) => form.setUrl(index, { match: event.currentTarget.value as typeof url.match })}>
              {URL_MATCHES.map((match) => (
                <option key={match} value={match}>
                  {t(MATCH_NAMES[match])}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => form.removeUrl(index)}>
              {t('vault.form.remove')}
            </button>
          </div>
        ))}
        <button type="button" class="link" onClick={form.addUrl}>
          {t('vault.form.addUrl')}
        </button>
      </fieldset>
      {draft.fields.map((field) => (
        <FieldRow key={field.id} form={form} field={field} related={related} t={t} />
      ))}
      <div class="field-row add-field">
        {FIELD_TYPES.map((type) => (
          <button key={type} type="button" class="link" onClick={() => form.addField(type)}>
            {t('vault.form.addField', { kind: t(FIELD_NAMES[type]) })}
          </button>
        ))}
      </div>
      <div class="field">
        <label for={`${id}-tags`}>{t('vault.form.tags')}</label>
        <input id={`${id}-tags`} value={draft.tags} onInput={(event) => form.update({ tags: event.currentTarget.value })} />
      </div>
      <div class="field">
        <label for={`${id}-colour`}>{t('vault.colour.label')}</label>
        <select id={`${id}-colour`} value={draft.colour ?? ''} onChange={(event) => form.update({ colour: event.currentTarget.value || null })}>
          <option value="">{t('vault.form.noColour')}</option>
          {draft.colour && !(COLOURS as readonly string[]).includes(draft.colour) && <option value={draft.colour}>{draft.colour}</option>}
          {COLOURS.map((colour) => (
            <option key={colour} value={colour}>
              {t(`vault.colours.${colour}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-description`}>{t('vault.form.description')}</label>
        <textarea id={`${id}-description`} rows={3} maxLength={10_000} value={draft.description} onInput={(event) => form.update({ description: event.currentTarget.value })} />
      </div>
      <label class="check">
        <input type="checkbox" checked={draft.favourite} onChange={(event) => form.update({ favourite: event.currentTarget.checked })} />
        {t('vault.nav.favourites')}
      </label>
      <ErrorAlert message={form.problem.value ? t(form.problem.value) : failure && errorText(t, failure)} />
      <div class="actions details-actions">
        <button type="submit" class="primary" disabled={form.saving.value}>
          {form.saving.value ? t('vault.form.saving') : t('vault.form.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
