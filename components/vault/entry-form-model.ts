import { signal } from '@preact/signals';
import { parseTotpField } from '../../lib/cache/totp-field';
import type { MessageKey } from '../../lib/i18n/translate';
import type { EntryView, PageRequest } from '../../lib/messages/protocol';
import type { BackgroundError } from '../../lib/messages/send';
import { generatePassword } from '../../lib/vault/generator';
import { asBackgroundError, type PopupModel } from '../popup/popup-model';

type SaveRequest = Extract<PageRequest, { type: 'entry.save' }>;
type UrlMatch = SaveRequest['urls'][number]['match'];
type FieldType = SaveRequest['fields'][number]['type'];

/** One field as the form holds it; `value` null: not read, so kept as it is (the page never saw it). */
export interface DraftField {
  id: string;
  type: FieldType;
  label: string;
  value: string | null;
  /** The entry already has a value the page never read: an empty box keeps it (null), never erases it. */
  hasValue?: boolean;
}

/** Everything the form edits. */
export interface EntryDraft {
  vaultId: string;
  folderId: string | null;
  name: string;
  login: string;
  urls: { url: string; match: UrlMatch }[];
  fields: DraftField[];
  /** Comma-separated, as typed. */
  tags: string;
  colour: string | null;
  description: string;
  favourite: boolean;
}

/** A field id no other field of the entry has (letters, digits, "-"; the server's rule). */
function newFieldId(type: FieldType): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${type}-${random[0]!.toString(36)}${random[1]!.toString(36)}`;
}

/** The draft of a new entry filed where the list is: a login, one URL and one password. */
export function blankDraft(vaultId: string, folderId: string | null): EntryDraft {
  return { vaultId, folderId, name: '', login: '', urls: [{ url: '', match: 'domain' }], fields: [{ id: 'password', type: 'password', label: '', value: '' }], tags: '', colour: null, description: '', favourite: false };
}

/** The draft of an existing entry: hidden values stay unread (null) unless someone types new ones. */
export function draftOf(view: EntryView): EntryDraft {
  return {
    vaultId: view.vaultId,
    folderId: view.folderId,
    name: view.name,
    login: view.login,
    urls: view.urls.map((url) => ({ ...url })),
    fields: view.fields.map((field) => ({ ...field, hasValue: field.value === null })),
    tags: view.tags.join(', '),
    colour: view.colour,
    description: view.description,
    favourite: view.favourite,
  };
}

/** The tags typed, trimmed, without empties or repeats. */
export function tagsOf(typed: string): string[] {
  return [...new Set(typed.split(',').map((tag) => tag.trim()).filter(Boolean))];
}

/**
 * The vault page's entry form: a draft, its edits, and saving it through the worker, which seals it
 * with the entry's keys (a new entry: new keys; another vault: a move). Empty URLs are dropped.
 */
export function createEntryFormModel(page: PopupModel, initial: EntryDraft, itemId: string | undefined, baseRevision?: number) {
  const draft = signal<EntryDraft>(initial);
  const error = signal<BackgroundError | null>(null);
  /** What the form itself refuses before anything is sent. */
  const problem = signal<MessageKey | null>(null);
  const saving = signal(false);

  /** Whether every one-time code field typed holds a secret or otpauth:// link that gives codes. */
  function codesReadable(fields: readonly DraftField[]): boolean {
    try {
      for (const field of fields) if (field.type === 'totp' && field.value !== null) parseTotpField(field.value);
      return true;
    } catch {
      return false;
    }
  }

  function update(changes: Partial<EntryDraft>): void {
    draft.value = { ...draft.value, ...changes };
  }

  function setUrl(index: number, changes: Partial<EntryDraft['urls'][number]>): void {
    update({ urls: draft.value.urls.map((url, at) => (at === index ? { ...url, ...changes } : url)) });
  }

  function addUrl(): void {
    update({ urls: [...draft.value.urls, { url: '', match: 'domain' }] });
  }

  function removeUrl(index: number): void {
    update({ urls: draft.value.urls.filter((_, at) => at !== index) });
  }

  function setField(id: string, changes: Partial<Omit<DraftField, 'id' | 'type'>>): void {
    update({ fields: draft.value.fields.map((field) => (field.id === id ? { ...field, ...changes } : field)) });
  }

  function addField(type: FieldType): void {
    update({ fields: [...draft.value.fields, { id: newFieldId(type), type, label: '', value: '' }] });
  }

  function removeField(id: string): void {
    update({ fields: draft.value.fields.filter((field) => field.id !== id) });
  }

  /** A new password of 32 characters of every class, typed into the field. */
  function generate(id: string): void {
    setField(id, { value: generatePassword() });
  }

  /** Saves the draft; resolves to the entry's id, or null when the worker refused (see `error`). */
  async function save(): Promise<string | null> {
    const current = draft.value;
    problem.value = codesReadable(current.fields) ? null : 'vault.form.totpInvalid';
    if (problem.value) return null;
    saving.value = true;
    try {
      const { itemId: saved } = await page.request({
        type: 'entry.save',
        ...(itemId ? { itemId, ...(baseRevision ? { revision: baseRevision } : {}) } : {}),
        vaultId: current.vaultId,
        folderId: current.folderId,
        name: current.name.trim(),
        login: current.login.trim(),
        urls: current.urls.map((url) => ({ ...url, url: url.url.trim() })).filter((url) => url.url !== ''),
        fields: current.fields.map(({ id, type, label, value, hasValue }) => ({ id, type, label, value: hasValue && value === '' ? null : value })),
        tags: tagsOf(current.tags),
        colour: current.colour,
        description: current.description,
        favourite: current.favourite,
      });
      error.value = null;
      return saved;
    } catch (failure) {
      error.value = asBackgroundError(failure);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { draft, error, problem, saving, update, setUrl, addUrl, removeUrl, setField, addField, removeField, generate, save };
}

export type EntryFormModel = ReturnType<typeof createEntryFormModel>;
