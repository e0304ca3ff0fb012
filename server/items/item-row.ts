import type { Item, SealedItem } from '../../lib/contract/items';
import type { ItemsTable } from '../db/tables';
import { jsonString } from '../http/json-stream';
import type { Sealer } from '../sealing/sealer';
import type { StoredItem } from './items.repository';

// How an item crosses between the wire and its row: clear metadata in columns for search, the
// encrypted fields and the entry-key wrap sealed again under the server key in one column.

const secretsPlace = (id: string) => ({ table: 'items', column: 'secrets', rowId: id });
const revisionPlace = (id: string, revision: number) => ({ table: 'item_revisions', column: 'record', rowId: `${id}/${revision}` });

/** Text compared case-insensitively in every script: JavaScript lowercases, not the database. */
export const searchable = (text: string) => text.normalize('NFC').toLowerCase();

/** The search columns of an item: what `items/search` matches, never JSON punctuation. */
function searchColumns(item: SealedItem): { search_text: string; tag_text: string } {
  const parts = [item.name, item.login, ...item.urls.map((entry) => entry.url), ...item.tags, item.description];
  return { search_text: searchable(parts.join('\n')), tag_text: `\n${item.tags.map(searchable).join('\n')}\n` };
}

/** The row for `item`, written by `userId` at `now` with `changeSeq`. */
export function itemRow(sealer: Sealer, item: SealedItem, meta: { userId: string; now: number; createdAt: number; changeSeq: number }): ItemsTable {
  return {
    id: item.id,
    vault_id: item.vaultId,
    folder_id: item.folderId,
    revision: item.revision,
    name: item.name,
    login: item.login,
    urls: JSON.stringify(item.urls),
    tags: JSON.stringify(item.tags),
    colour: item.colour,
    description: item.description,
    favourite: item.favourite ? 1 : 0,
    metadata_mac: item.metadataMac,
    ...searchColumns(item),
    secrets: sealer.seal(JSON.stringify({ fields: item.fields, entryKey: item.entryKey }), secretsPlace(item.id)),
    created_at: meta.createdAt,
    updated_at: meta.now,
    updated_by: meta.userId,
    deleted_at: null,
    change_seq: meta.changeSeq,
  };
}

/** The item a row holds, as served. */
export function itemOf(sealer: Sealer, row: StoredItem): Item {
  const secrets = JSON.parse(openSecrets(sealer, row)) as Pick<SealedItem, 'fields' | 'entryKey'>;
  return {
    id: row.id,
    vaultId: row.vault_id,
    folderId: row.folder_id,
    revision: row.revision,
    name: row.name,
    login: row.login,
    urls: JSON.parse(row.urls) as SealedItem['urls'],
    tags: JSON.parse(row.tags) as string[],
    colour: row.colour,
    description: row.description,
    favourite: row.favourite === 1,
    fields: secrets.fields,
    metadataMac: row.metadata_mac,
    entryKey: secrets.entryKey,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at,
  };
}

/** The JSON text {"fields":…,"entryKey":…} an item row's `secrets` column seals. */
function openSecrets(sealer: Sealer, row: Pick<StoredItem, 'id' | 'secrets'>): string {
  return sealer.open(row.secrets, secretsPlace(row.id)).toString();
}

/**
 * The JSON text of `itemOf(sealer, row)`, written without parsing and re-serialising what is
 * already JSON (the URL and tag columns, the opened secrets): full syncs send thousands of items.
 */
export function itemJson(sealer: Sealer, row: StoredItem): string {
  const secrets = openSecrets(sealer, row);
  const text = jsonString;
  return (
    `{"id":${text(row.id)},"vaultId":${text(row.vault_id)},"folderId":${text(row.folder_id)},"revision":${row.revision},` +
    `"name":${text(row.name)},"login":${text(row.login)},"urls":${row.urls},"tags":${row.tags},"colour":${text(row.colour)},` +
    `"description":${text(row.description)},"favourite":${row.favourite === 1},"metadataMac":${text(row.metadata_mac)},` +
    // The sealed secrets are the JSON object {"fields":…,"entryKey":…}: its members go in as they are.
    `${secrets.slice(1, -1)},"createdAt":${row.created_at},"updatedAt":${row.updated_at},"updatedBy":${text(row.updated_by)},"deletedAt":${row.deleted_at === null ? 'null' : row.deleted_at}}`
  );
}

/** The sealed wire form of an item, without the server's bookkeeping (what a revision keeps). */
export function sealedPart(item: Item): SealedItem {
  const { createdAt: _createdAt, updatedAt: _updatedAt, updatedBy: _updatedBy, deletedAt: _deletedAt, ...sealed } = item;
  return sealed;
}

/** Seals a kept revision. */
export function sealRevision(sealer: Sealer, item: SealedItem): string {
  return sealer.seal(JSON.stringify(item), revisionPlace(item.id, item.revision));
}

/** Opens a kept revision. */
export function openRevision(sealer: Sealer, itemId: string, revision: number, sealed: string): SealedItem {
  return JSON.parse(sealer.open(sealed, revisionPlace(itemId, revision)).toString()) as SealedItem;
}
