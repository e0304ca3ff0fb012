import { randomBytes } from '../crypto/bytes';
import { itemFieldContext } from '../crypto/contexts';
import { macItemMetadata, verifyItemMetadata, type ItemMetadata, type UrlMatch } from '../crypto/entry-integrity';
import type { Bytes } from '../crypto/primitives';
import { decryptString, deriveSymmetricKey, encryptString, type SymmetricKey } from '../crypto/symmetric';
import { unwrapEntryKey, wrapEntryKey } from '../crypto/wraps';

// An item as the client makes and reads it (issue #5): clear metadata for search and autofill,
// covered by a MAC under the entry key; every secret part encrypted under the entry key and bound to
// its vault, item, revision and field; the entry key wrapped by the vault key. The server stores the
// record as it is and can neither read the secrets, change what autofill trusts, nor pair a revision's
// metadata with another revision's secrets, without a check failing.

/** Kinds of fields an item holds encrypted. */
export type FieldType = 'password' | 'text' | 'totp' | 'notes';

/** A secret field as stored: its id, type and label are in the MAC'd metadata, its value is ciphertext. */
export interface SealedField {
  id: string;
  type: FieldType;
  label: string;
  value: string;
}

/**
 * Clear metadata people search and read. Tags, colour and description are MAC'd with the rest (a
 * server must not plant instructions in them); the favourite flag is not: it only changes display.
 */
export interface ItemDisplay {
  tags: string[];
  colour: string | null;
  description: string;
  favourite: boolean;
}

/** An item as the server stores and serves it: exactly the contract's SealedItem. */
export interface ItemRecord extends ItemDisplay {
  id: string;
  vaultId: string;
  /**
   * Where the item is filed in its vault, or null at the root. Not MAC'd: folders only organise (the
   * server itself re-files an item at the root when it restores it from the trash and its folder is
   * gone), and a server that re-files an item changes where it is listed, never what autofill trusts
   * or what the item says.
   */
  folderId: string | null;
  revision: number;
  name: string;
  login: string;
  urls: { url: string; match: UrlMatch }[];
  fields: SealedField[];
  metadataMac: string;
  entryKey: { vaultKeyVersion: number; wrapped: string };
}

/** A vault key as a client holds it after unwrapping its signed wrap. */
export interface VaultKey {
  vaultId: string;
  version: number;
  key: SymmetricKey;
}

/** What a person enters for an item: secrets in clear, only ever on the device. */
export interface ItemInput extends ItemDisplay {
  folderId: string | null;
  name: string;
  login: string;
  urls: { url: string; match: UrlMatch }[];
  fields: { id: string; type: FieldType; label: string; value: string }[];
}

type Covered = Pick<ItemRecord, 'vaultId' | 'id' | 'revision' | 'name' | 'login' | 'urls' | 'tags' | 'description' | 'colour' | 'fields'>;

// Everything in clear except the folder (the server re-files items at the root on restore when their
// folder is gone) and the favourite flag (display only).
function metadataOf(record: Covered): ItemMetadata {
  const { vaultId, id: itemId, revision, name, login, urls, tags, description, colour } = record;
  return { vaultId, itemId, revision, name, login, urls, tags, description, colour, fields: record.fields.map(({ id, type, label }) => ({ id, type, label })) };
}

async function sealFields(entry: SymmetricKey, vaultId: string, itemId: string, revision: number, fields: ItemInput['fields']): Promise<SealedField[]> {
  if (new Set(fields.map((field) => field.id)).size !== fields.length) throw new RangeError('field ids must be unique');
  return Promise.all(fields.map(async (field) => ({ id: field.id, type: field.type, label: field.label, value: await encryptString(entry, itemFieldContext(vaultId, itemId, revision, field.id), field.value) })));
}

/** Throws AuthenticationError unless the record's clear metadata is what the entry key's holder MAC'd. */
export async function verifyMetadata(record: ItemRecord, entryKey: Bytes): Promise<void> {
  await verifyItemMetadata(entryKey, metadataOf(record), record.metadataMac);
}

/** Revision `revision` of an item in `vault`, sealed under its (kept) entry key. */
export async function sealRevision(vault: VaultKey, itemId: string, revision: number, entryKey: Bytes, input: ItemInput): Promise<ItemRecord> {
  const entry = await deriveSymmetricKey(entryKey);
  const fields = await sealFields(entry, vault.vaultId, itemId, revision, input.fields);
  const covered: Covered = { id: itemId, vaultId: vault.vaultId, revision, name: input.name, login: input.login, urls: input.urls, tags: input.tags, colour: input.colour, description: input.description, fields };
  return {
    ...covered,
    folderId: input.folderId,
    favourite: input.favourite,
    metadataMac: await macItemMetadata(entryKey, metadataOf(covered)),
    entryKey: { vaultKeyVersion: vault.version, wrapped: await wrapEntryKey(vault.key, { vaultId: vault.vaultId, itemId, vaultKeyVersion: vault.version }, entryKey) },
  };
}

/** A new item: a fresh entry key, every secret encrypted to its place, the metadata MAC'd. */
export async function sealNewItem(vault: VaultKey, itemId: string, input: ItemInput): Promise<ItemRecord> {
  return sealRevision(vault, itemId, 1, randomBytes(32), input);
}

/** An item read back: its entry key once the wrap and the metadata MAC verify. Throws otherwise. */
export async function openItem(record: ItemRecord, vault: VaultKey): Promise<{ entryKey: Bytes; entry: SymmetricKey }> {
  if (record.vaultId !== vault.vaultId || record.entryKey.vaultKeyVersion !== vault.version) throw new RangeError('this item is not in that vault key');
  const entryKey = await unwrapEntryKey(vault.key, { vaultId: record.vaultId, itemId: record.id, vaultKeyVersion: vault.version }, record.entryKey.wrapped);
  await verifyMetadata(record, entryKey);
  return { entryKey, entry: await deriveSymmetricKey(entryKey) };
}

/**
 * The clear value of one field of an opened item (for reveal, copy or fill). Throws
 * AuthenticationError if the ciphertext was sealed for another vault, item, revision or field.
 */
export async function revealField(record: ItemRecord, opened: { entry: SymmetricKey }, fieldId: string): Promise<string> {
  const field = record.fields.find((candidate) => candidate.id === fieldId);
  if (!field) throw new RangeError(`no field ${fieldId}`);
  // The revision comes from the record, whose MAC covers it: a server that serves this revision's
  // metadata with an older revision's ciphertext (rolling back a password) fails here.
  return decryptString(opened.entry, itemFieldContext(record.vaultId, record.id, record.revision, field.id), field.value);
}

/** Every field of an item in clear, as input for an edit, a move or a restore; check the MAC first. */
export async function readInput(record: ItemRecord, opened: { entry: SymmetricKey }): Promise<ItemInput> {
  const fields = await Promise.all(record.fields.map(async (field) => ({ id: field.id, type: field.type, label: field.label, value: await revealField(record, opened, field.id) })));
  return { folderId: record.folderId, name: record.name, login: record.login, urls: record.urls, fields, tags: record.tags, colour: record.colour, description: record.description, favourite: record.favourite };
}

/** The next revision of an item with `changes` applied; the entry key stays, every part is re-bound. */
export async function updateItem(record: ItemRecord, vault: VaultKey, changes: Partial<ItemInput>): Promise<ItemRecord> {
  const opened = await openItem(record, vault);
  return sealRevision(vault, record.id, record.revision + 1, opened.entryKey, { ...(await readInput(record, opened)), ...changes });
}

/**
 * The item moved to another vault, filed at `folderId` there (the root by default: folders belong
 * to one vault): the same entry key re-wrapped by the target vault's key, and every field
 * re-encrypted, since field contexts name the vault.
 */
export async function moveItem(record: ItemRecord, from: VaultKey, to: VaultKey, folderId?: string | null): Promise<ItemRecord> {
  const opened = await openItem(record, from);
  return sealRevision(to, record.id, record.revision + 1, opened.entryKey, { ...(await readInput(record, opened)), folderId: folderId ?? null });
}
